'use server';
// Server actions of the manager's lease page for adjustments: post a charge, waive one, grant a
// credit, add or remove a recurring charge. Each calls the same use case as the JSON API.
import { z } from 'zod';
import {
  addRecurringCharge,
  adjustmentIdFor,
  grantCredit,
  postCharge,
  removeRecurringCharge,
  waiveCharge,
} from '@/server/commands/adjustments';
import { action, idempotencyKey } from '@/server/http/action';
import { chargeBody, creditBody, recurringChargeBody, waiverBody } from '@/server/http/schemas';

const MANAGER = ['manager'] as const;
const leasePaths = (leaseId: string) => [`/manager/leases/${leaseId}`, '/manager'];

export const postChargeAction = action(
  {
    name: 'postCharge',
    auth: MANAGER,
    input: z.strictObject({ leaseId: z.uuid(), ...chargeBody.shape, idempotencyKey }),
  },
  async ({ actor, input, runtime, envelope, revalidate }) => {
    const { idempotencyKey: _key, ...charge } = input;
    const chargeId = adjustmentIdFor('charge', envelope);
    await postCharge(runtime, actor, { ...charge, chargeId }, envelope);
    revalidate(...leasePaths(input.leaseId));
    return { chargeId };
  },
);

export const waiveChargeAction = action(
  {
    name: 'waiveCharge',
    auth: MANAGER,
    input: z.strictObject({ leaseId: z.uuid(), chargeId: z.uuid(), ...waiverBody.shape, idempotencyKey }),
  },
  async ({ actor, input, runtime, envelope, revalidate }) => {
    const { idempotencyKey: _key, ...waiver } = input;
    await waiveCharge(runtime, actor, waiver, envelope);
    revalidate(...leasePaths(input.leaseId));
    return { chargeId: input.chargeId };
  },
);

export const grantCreditAction = action(
  {
    name: 'grantCredit',
    auth: MANAGER,
    input: z.strictObject({ leaseId: z.uuid(), ...creditBody.shape, idempotencyKey }),
  },
  async ({ actor, input, runtime, envelope, revalidate }) => {
    const { idempotencyKey: _key, ...credit } = input;
    const creditId = adjustmentIdFor('credit', envelope);
    await grantCredit(runtime, actor, { ...credit, creditId }, envelope);
    revalidate(...leasePaths(input.leaseId));
    return { creditId };
  },
);

export const addRecurringChargeAction = action(
  {
    name: 'addRecurringCharge',
    auth: MANAGER,
    input: z.strictObject({ leaseId: z.uuid(), ...recurringChargeBody.shape, idempotencyKey }),
  },
  async ({ actor, input, runtime, envelope, revalidate }) => {
    const { idempotencyKey: _key, ...recurring } = input;
    const recurringId = adjustmentIdFor('recurring', envelope);
    await addRecurringCharge(runtime, actor, { ...recurring, recurringId }, envelope);
    revalidate(...leasePaths(input.leaseId));
    return { recurringId };
  },
);

export const removeRecurringChargeAction = action(
  {
    name: 'removeRecurringCharge',
    auth: MANAGER,
    input: z.strictObject({ leaseId: z.uuid(), recurringId: z.uuid(), idempotencyKey }),
  },
  async ({ actor, input, runtime, envelope, revalidate }) => {
    await removeRecurringCharge(
      runtime,
      actor,
      { leaseId: input.leaseId, recurringId: input.recurringId },
      envelope,
    );
    revalidate(...leasePaths(input.leaseId));
    return { recurringId: input.recurringId };
  },
);
