'use server';
// Server actions of the manager's deposit panel: preview a settlement (what the held deposit would
// pay and refund) and settle it. Both call the same query and use case as the JSON API.
import { z } from 'zod';
import { NotFoundError } from '@/server/auth/errors';
import { settleDeposit } from '@/server/commands/deposit';
import { depositOf, type LeaseState } from '@/server/domain/lease';
import { action, idempotencyKey } from '@/server/http/action';
import { depositSettlementBody } from '@/server/http/schemas';
import { previewDepositSettlement } from '@/server/queries/deposit-preview';

const MANAGER = ['manager'] as const;
const settlementInput = { leaseId: z.uuid(), ...depositSettlementBody.shape };

export const previewDepositSettlementAction = action(
  { name: 'previewDepositSettlement', auth: MANAGER, input: z.strictObject(settlementInput) },
  async ({ actor, input, runtime }) => {
    const preview = await previewDepositSettlement(
      runtime.database.db,
      actor,
      input.leaseId,
      input.deductions,
    );
    if (!preview) throw new NotFoundError('That lease does not exist.');
    return preview;
  },
);

export const settleDepositAction = action(
  {
    name: 'settleDeposit',
    auth: MANAGER,
    input: z.strictObject({ ...settlementInput, idempotencyKey }),
  },
  async ({ actor, input, runtime, envelope, revalidate }) => {
    const { leaseId, deductions, refundMethod } = input;
    const result = await settleDeposit(runtime, actor, { leaseId, deductions, refundMethod }, envelope);
    revalidate(`/manager/leases/${leaseId}`, '/manager');
    const state = result.state as LeaseState | undefined;
    const settlement = state && state.status !== 'none' ? depositOf(state).settlement : undefined;
    return { refundedCents: settlement?.refundedCents ?? null };
  },
);
