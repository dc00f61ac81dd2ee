// Settling a lease's security deposit: the lease's manager, once the lease has ended or been
// terminated. One use case for the API and the web; it authorises itself through the policy.
import 'server-only';
import type { Actor } from '../auth/policy';
import type { LeaseCommandOf } from '../domain/lease';
import type { Runtime } from '../runtime';
import type { CommandEnvelope } from './handle';
import { changeLeaseAs } from './lease';

export interface SettleDepositInput {
  leaseId: string;
  deductions: LeaseCommandOf<'SettleDeposit'>['deductions'];
  refundMethod: LeaseCommandOf<'SettleDeposit'>['refundMethod'];
}

export const settleDeposit = (
  runtime: Runtime,
  actor: Actor,
  input: SettleDepositInput,
  envelope: CommandEnvelope,
) =>
  changeLeaseAs(
    runtime,
    actor,
    input.leaseId,
    { type: 'SettleDeposit', deductions: input.deductions, refundMethod: input.refundMethod },
    envelope,
  );
