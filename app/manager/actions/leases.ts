'use server';
// Server actions of the manager's lease pages: create a lease, record and reverse payments, renew,
// terminate. Each calls the same use case as the JSON API, which authorises itself.
import { z } from 'zod';
import { openLease, renewLease, terminateLease } from '@/server/commands/leasing';
import { payRent, reversePayment } from '@/server/commands/payments';
import { action, idempotencyKey } from '@/server/http/action';
import {
  createLeaseBody,
  paymentBody,
  renewalBody,
  reversalBody,
  terminationBody,
} from '@/server/http/schemas';

const { tenantId: _tenantId, ...leaseTerms } = createLeaseBody.shape;
const MANAGER = ['manager'] as const;
const leasePaths = (leaseId: string) => [`/manager/leases/${leaseId}`, '/manager'];

export const createLeaseAction = action(
  {
    name: 'createLease',
    auth: MANAGER,
    input: z.strictObject({
      ...leaseTerms,
      tenantEmail: z.email('Enter the tenant’s email address.'),
      idempotencyKey,
    }),
  },
  async ({ actor, input, runtime, envelope, revalidate }) => {
    const { tenantEmail, idempotencyKey: _key, ...terms } = input;
    const result = await openLease(runtime, actor, { ...terms, tenant: { email: tenantEmail } }, envelope);
    revalidate('/manager', '/manager/leases', `/manager/properties/${input.propertyId}`);
    return { leaseId: result.leaseId };
  },
);

export const recordPaymentAction = action(
  {
    name: 'recordPayment',
    auth: MANAGER,
    input: z.strictObject({ leaseId: z.uuid(), ...paymentBody.shape, idempotencyKey }),
  },
  async ({ actor, input, runtime, envelope, revalidate }) => {
    const { idempotencyKey: _key, ...payment } = input;
    const result = await payRent(runtime, actor, payment, envelope);
    revalidate(...leasePaths(input.leaseId));
    return { paymentId: result.paymentId };
  },
);

export const reversePaymentAction = action(
  {
    name: 'reversePayment',
    auth: MANAGER,
    input: z.strictObject({ leaseId: z.uuid(), paymentId: z.uuid(), ...reversalBody.shape, idempotencyKey }),
  },
  async ({ actor, input, runtime, envelope, revalidate }) => {
    await reversePayment(runtime, actor, input, envelope);
    revalidate(...leasePaths(input.leaseId));
    return { paymentId: input.paymentId };
  },
);

export const renewLeaseAction = action(
  {
    name: 'renewLease',
    auth: MANAGER,
    input: z.strictObject({ leaseId: z.uuid(), ...renewalBody.shape, idempotencyKey }),
  },
  async ({ actor, input, runtime, envelope, revalidate }) => {
    await renewLease(runtime, actor, input, envelope);
    revalidate(...leasePaths(input.leaseId));
    return { leaseId: input.leaseId };
  },
);

export const terminateLeaseAction = action(
  {
    name: 'terminateLease',
    auth: MANAGER,
    input: z.strictObject({ leaseId: z.uuid(), ...terminationBody.shape, idempotencyKey }),
  },
  async ({ actor, input, runtime, envelope, revalidate }) => {
    await terminateLease(runtime, actor, input, envelope);
    revalidate(...leasePaths(input.leaseId));
    return { leaseId: input.leaseId };
  },
);
