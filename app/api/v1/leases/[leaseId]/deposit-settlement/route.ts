// POST /api/v1/leases/:leaseId/deposit-settlement: the manager settles the security deposit once
// the lease is over. 201 {appliedToDeductionsCents, appliedToBalanceCents, refundedCents, owedCents}.
import { settleDeposit } from '@/server/commands/deposit';
import { leases } from '@/server/http/contracts';
import { depositSettlementReply } from '@/server/http/replies';
import { route } from '@/server/http/route';

export const POST = route(
  leases.settleDeposit,
  async ({ actor, params, body, runtime, replyWith, replied }) => {
    const envelope = replyWith(201, depositSettlementReply);
    return replied(await settleDeposit(runtime, actor, { ...params, ...body }, envelope));
  },
);
