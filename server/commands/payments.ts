// Paying rent (a tenant, card or ACH, today) and recording or reversing a payment (the lease's
// manager): one use case each, for the API and the web alike. Each authorises itself through the
// policy on the lease the command loads (server/auth/policy.ts), so no door can forget to.
import 'server-only';
import { sql } from 'drizzle-orm';
import { type Actor, assertCanReadLease, leaseAccessOf } from '../auth/policy';
import { rows } from '../db/client';
import type { LeaseCommandOf } from '../domain/lease';
import type { Runtime } from '../runtime';
import type { CommandEnvelope } from './handle';
import { changeLeaseAs, paymentIdFor } from './lease';
import { Refusal } from './refusal';

export interface PayRentInput {
  leaseId: string;
  amountCents: number;
  /** Defaults to today in the property's zone; a tenant may only pay today. */
  paymentDate?: string;
  method: LeaseCommandOf<'ReceivePayment'>['method'];
  reference?: string;
  /** `deposit`: towards the security deposit still due (held apart); default `rent`. */
  purpose?: LeaseCommandOf<'ReceivePayment'>['purpose'];
  /**
   * Refuse (409 possible_duplicate) when the same amount was paid on this lease in the last 24
   * hours by another request, until the payer confirms: the web form asks, the API does not.
   */
  askIfDuplicate?: boolean;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** A tenant pays or a manager records a payment; the payment id derives from the command id. */
export async function payRent(
  runtime: Runtime,
  actor: Actor,
  input: PayRentInput,
  envelope: CommandEnvelope,
) {
  const paymentId = paymentIdFor(envelope);
  if (input.askIfDuplicate) {
    // Not a word about another tenant's payments: the lease must be theirs to see first.
    assertCanReadLease(actor, await leaseAccessOf(runtime, input.leaseId));
    await refuseLikelyDuplicate(runtime, input, paymentId);
  }
  const result = await changeLeaseAs(
    runtime,
    actor,
    input.leaseId,
    {
      type: 'ReceivePayment',
      paymentId,
      amountCents: input.amountCents,
      paymentDate: input.paymentDate,
      method: input.method,
      reference: input.reference,
      purpose: input.purpose,
      // Which of the domain's payment rules apply; who may pay at all is the policy's to say.
      actorRole: actor.role === 'tenant' ? 'tenant' : 'manager',
    },
    envelope,
  );
  return { ...result, paymentId };
}

export interface ReversePaymentInput {
  leaseId: string;
  paymentId: string;
  reason: LeaseCommandOf<'ReversePayment'>['reason'];
}

/** The lease's manager reverses a payment (NSF, chargeback, error). */
export function reversePayment(
  runtime: Runtime,
  actor: Actor,
  input: ReversePaymentInput,
  envelope: CommandEnvelope,
) {
  return changeLeaseAs(
    runtime,
    actor,
    input.leaseId,
    { type: 'ReversePayment', paymentId: input.paymentId, reason: input.reason },
    envelope,
  );
}

/** Same amount and purpose, same lease, not reversed, recorded in the last 24 hours by another request. */
async function refuseLikelyDuplicate(runtime: Runtime, input: PayRentInput, paymentId: string) {
  const since = new Date(Date.now() - DAY_MS).toISOString();
  const same = await rows<{ payment_id: string }>(
    runtime.database.db,
    sql`SELECT payment_id::text FROM rm_payments
        WHERE lease_id = ${input.leaseId} AND amount_cents = ${input.amountCents} AND NOT reversed
          AND purpose = ${input.purpose ?? 'rent'}
          AND recorded_at >= ${since}::timestamptz AND payment_id <> ${paymentId}
        LIMIT 1`,
  );
  if (same.length > 0) {
    throw new Refusal(
      409,
      'possible_duplicate',
      'You paid this same amount on this lease in the last 24 hours. Confirm that this is a new payment.',
      'confirmDuplicate',
    );
  }
}
