// Runs one timeline action through the command API (the v1 import alone appends directly, as an
// older release would have written it). Every command carries a deterministic command id and is
// decided and recorded at the action's day (`backdate`), so the history reads as if lived.
import { runBilling } from '../commands/billing';
import type { Actor, CommandEnvelope } from '../commands/handle';
import { uuidFromSeed } from '../commands/ids';
import { changeLease, createLease, paymentIdFor } from '../commands/lease';
import { changeProperty } from '../commands/property';
import { isLive, type Lease, leaseDecider, leaseStatusOn, leaseStreamId, openCentsOf } from '../domain/lease';
import { folderOf } from '../eventstore/folder';
import type { Runtime } from '../runtime';
import type { Action, PayStyle } from './actions';
import { NOTICES } from './data';
import { appendV1Payment } from './import-v1';
import type { Portfolio, SeedLease, SeedUser } from './portfolio';
import { runMaintenance } from './run-maintenance';

export interface RunContext {
  runtime: Runtime;
  portfolio: Portfolio;
  /** The instant an action of `day` is recorded at (`minute` after midnight UTC). */
  at: (day: string, minute: number) => Date;
  tally: { payments: number; paymentsSkipped: number; billingRuns: number; imported: number };
  billingFailures: { asOf: string; leaseId: string; code: string; message: string }[];
}

const actorOf = (user: SeedUser): Actor => ({
  userId: user.id,
  role: user.role === 'tenant' ? 'tenant' : 'manager',
  name: user.name,
});

function envelopeFor(
  ctx: RunContext,
  action: Action,
  actor: Actor,
  minute: number,
  commandId?: string,
): CommandEnvelope {
  return {
    actor,
    correlationId: `seed-${action.key}`,
    source: 'seed',
    commandId: commandId ?? `seed:${action.key}`,
    now: ctx.at(action.day, minute),
    backdate: true,
  };
}

async function loadLease(runtime: Runtime, leaseId: string) {
  const loaded = await runtime.store.load(leaseStreamId(leaseId), folderOf(leaseDecider));
  if (loaded.state.status === 'none') throw new Error(`Seed lease ${leaseId} does not exist.`);
  return { state: loaded.state as Lease, version: loaded.version };
}

/** What a payment of this style amounts to against today's balance (0: nothing to pay). */
function amountFor(lease: Lease, style: PayStyle, day: string): number {
  const balance = lease.balanceCents;
  if (balance <= 0) return 0;
  let amount =
    style.type === 'full'
      ? balance
      : style.type === 'partial'
        ? Math.max(100, Math.round((balance * style.fraction) / 100) * 100)
        : balance + style.extraCents;
  // An ended or terminated lease takes at most what is owed on it.
  if (!isLive(leaseStatusOn(lease, day))) amount = Math.min(amount, balance);
  return Math.min(amount, 12 * lease.monthlyRentCents);
}

export async function runAction(ctx: RunContext, action: Action, minute: number): Promise<void> {
  const { runtime, portfolio } = ctx;
  const manager = actorOf(portfolio.manager);
  const asManager = (commandId?: string) => envelopeFor(ctx, action, manager, minute, commandId);
  const asTenant = (lease: SeedLease) => envelopeFor(ctx, action, actorOf(lease.tenant), minute);
  switch (action.kind) {
    case 'notice': {
      const property = portfolio.properties[action.property];
      if (!property) throw new Error(`No property ${action.property}`);
      const { title, body } = NOTICES[action.notice];
      const expiry = action.expiresOn ? { expiresOn: action.expiresOn } : {};
      const command = { type: 'PostNotice' as const, title, body, ...expiry, postedBy: portfolio.manager.id };
      await changeProperty(runtime, property.propertyId, command, asManager());
      return;
    }
    case 'createLease': {
      const { lease } = action;
      const { tenant, property, unitId, startDate, endDate, monthlyRentCents, dueDay } = lease;
      const { graceDays, lateFeeCents, securityDepositCents, nsfFeeCents } = lease;
      const input = { tenantId: tenant.id, propertyId: property.propertyId, unitId, startDate, endDate };
      const terms = { monthlyRentCents, dueDay, graceDays, lateFeeCents, securityDepositCents, nsfFeeCents };
      const created = await createLease(runtime, { ...input, ...terms }, asManager(lease.commandId));
      if (created.leaseId !== lease.leaseId) throw new Error('Seed lease id is not the planned one.');
      return;
    }
    case 'renew': {
      const { newEndDate, monthlyRentCents } = action;
      await changeLease(
        runtime,
        action.lease.leaseId,
        { type: 'RenewLease', newEndDate, monthlyRentCents },
        asManager(),
      );
      return;
    }
    case 'terminate': {
      const { effectiveDate, reason } = action;
      await changeLease(
        runtime,
        action.lease.leaseId,
        { type: 'TerminateLease', effectiveDate, reason },
        asManager(),
      );
      return;
    }
    case 'autopay': {
      const cap = action.capCents === undefined ? {} : { capCents: action.capCents };
      const command = { type: 'EnrolAutopay' as const, method: action.method, ...cap };
      await changeLease(runtime, action.lease.leaseId, command, asTenant(action.lease));
      return;
    }
    case 'billing':
      return bill(ctx, action.day, minute);
    case 'pay': {
      const { lease, by } = action;
      const amountCents = amountFor(
        (await loadLease(runtime, lease.leaseId)).state,
        action.style,
        action.day,
      );
      if (amountCents <= 0) {
        ctx.tally.paymentsSkipped += 1;
        return;
      }
      const envelope = by === 'manager' ? asManager() : asTenant(lease);
      const command = {
        type: 'ReceivePayment' as const,
        paymentId: paymentIdFor(envelope),
        amountCents,
        paymentDate: action.day,
        method: action.method,
        actorRole: by,
      };
      await changeLease(runtime, lease.leaseId, command, envelope);
      ctx.tally.payments += 1;
      return;
    }
    case 'deposit': {
      // The whole security deposit, paid while the lease is live (it is held apart from the balance).
      const { lease, by } = action;
      const envelope = by === 'manager' ? asManager() : asTenant(lease);
      const command = {
        type: 'ReceivePayment' as const,
        paymentId: paymentIdFor(envelope),
        amountCents: lease.securityDepositCents,
        paymentDate: action.day,
        method: action.method,
        actorRole: by,
        purpose: 'deposit' as const,
      };
      await changeLease(runtime, lease.leaseId, command, envelope);
      ctx.tally.payments += 1;
      return;
    }
    case 'settleDeposit': {
      const { deductions, refundMethod } = action;
      const command = { type: 'SettleDeposit' as const, deductions, refundMethod };
      await changeLease(runtime, action.lease.leaseId, command, asManager());
      return;
    }
    case 'reverse': {
      const paymentId = uuidFromSeed(`payment:seed:${action.paymentKey}`);
      const command = { type: 'ReversePayment' as const, paymentId, reason: 'NSF' as const };
      await changeLease(runtime, action.lease.leaseId, command, asManager());
      return;
    }
    case 'waive': {
      // The period's late fee, when it is still open that day (the history decides; no guess).
      const { state } = await loadLease(runtime, action.lease.leaseId);
      const fee = state.charges.find(
        (item) => item.kind === 'late_fee' && item.period === action.period && openCentsOf(item) > 0,
      );
      if (!fee) return;
      const command = { type: 'WaiveCharge' as const, chargeId: fee.chargeId, reason: action.reason };
      await changeLease(runtime, action.lease.leaseId, command, asManager());
      return;
    }
    case 'reverseAutopay': {
      const { state } = await loadLease(runtime, action.lease.leaseId);
      const payment = state.payments.find((p) => p.autopayPeriod === action.period && !p.reversed);
      if (!payment) return;
      const command = {
        type: 'ReversePayment' as const,
        paymentId: payment.paymentId,
        reason: 'NSF' as const,
      };
      await changeLease(runtime, action.lease.leaseId, command, asManager());
      return;
    }
    case 'recurring': {
      const { lease, description, amountCents, fromPeriod } = action;
      const recurringId = uuidFromSeed(`recurring:seed:${action.key}`);
      const command = {
        type: 'AddRecurringCharge' as const,
        recurringId,
        description,
        amountCents,
        fromPeriod,
      };
      await changeLease(runtime, lease.leaseId, command, asManager());
      return;
    }
    case 'import':
      if (await appendV1Payment(runtime, action.lease, action.day, ctx.at(action.day, minute), action.key)) {
        ctx.tally.imported += 1;
      }
      return;
    case 'maintenance':
      return runMaintenance(runtime, action, asManager(), asTenant(action.lease));
  }
}

/** The billing run as of `day`, decided and recorded that day; waits out a concurrent run. */
async function bill(ctx: RunContext, day: string, minute: number): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    const outcome = await runBilling(ctx.runtime, {
      asOf: day,
      now: ctx.at(day, minute),
      source: 'seed',
      backdate: true,
    });
    if (outcome.status === 'done') {
      ctx.tally.billingRuns += 1;
      for (const failure of outcome.report.failures) ctx.billingFailures.push({ asOf: day, ...failure });
      return;
    }
    if (attempt >= 60)
      throw new Error('Another billing run kept the billing lock for a minute; seeding stopped.');
    await new Promise((resolve) => setTimeout(resolve, 1_000));
  }
}
