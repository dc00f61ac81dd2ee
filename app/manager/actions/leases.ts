'use server';
// Server actions of the manager's lease pages: create a lease, record and reverse payments, renew,
// terminate. Authorisation runs on the loaded lease state (leaseAuthoriser), as in the API.
import { z } from 'zod';
import { authoriseProperty, propertyManagerOf } from '@/server/auth/policy';
import { findUserByEmail } from '@/server/auth/users';
import { changeLease, createLease, paymentIdFor } from '@/server/commands/lease';
import { action, idempotencyKey } from '@/server/http/action';
import { leaseAuthoriser } from '@/server/http/lease-access';
import { HttpError } from '@/server/http/route';
import {
  createLeaseBody,
  paymentBody,
  renewalBody,
  reversalBody,
  terminationBody,
} from '@/server/http/schemas';

const { tenantId: _tenantId, ...leaseTerms } = createLeaseBody.shape;

export const createLeaseAction = action(
  {
    name: 'createLease',
    auth: ['manager'],
    input: z.strictObject({
      ...leaseTerms,
      tenantEmail: z.email('Enter the tenant’s email address.'),
      idempotencyKey,
    }),
  },
  async ({ actor, input, runtime, envelope, revalidate }) => {
    const managerId = await propertyManagerOf(runtime, input.propertyId);
    authoriseProperty(actor, 'create_lease', managerId ? { managerId } : null);
    const tenant = await findUserByEmail(runtime.database.db, input.tenantEmail);
    if (tenant?.role !== 'tenant') {
      throw new HttpError(
        404,
        'tenant_not_found',
        'No tenant has that email. Invite them first.',
        'tenantEmail',
      );
    }
    const { tenantEmail: _email, idempotencyKey: _key, ...terms } = input;
    const result = await createLease(runtime, { ...terms, tenantId: tenant.id }, envelope);
    revalidate('/manager', '/manager/leases', `/manager/properties/${input.propertyId}`);
    return { leaseId: result.leaseId };
  },
);

const leasePaths = (leaseId: string) => [`/manager/leases/${leaseId}`, '/manager'];

export const recordPaymentAction = action(
  {
    name: 'recordPayment',
    auth: ['manager'],
    input: z.strictObject({ leaseId: z.uuid(), ...paymentBody.shape, idempotencyKey }),
  },
  async ({ actor, input, runtime, envelope, revalidate }) => {
    const paymentId = paymentIdFor(envelope);
    const { leaseId, idempotencyKey: _key, ...payment } = input;
    const command = { type: 'ReceivePayment' as const, paymentId, ...payment, actorRole: 'manager' as const };
    await changeLease(runtime, leaseId, command, envelope, {
      authorise: leaseAuthoriser(runtime, actor, command),
    });
    revalidate(...leasePaths(input.leaseId));
    return { paymentId };
  },
);

export const reversePaymentAction = action(
  {
    name: 'reversePayment',
    auth: ['manager'],
    input: z.strictObject({ leaseId: z.uuid(), paymentId: z.uuid(), ...reversalBody.shape, idempotencyKey }),
  },
  async ({ actor, input, runtime, envelope, revalidate }) => {
    const command = { type: 'ReversePayment' as const, paymentId: input.paymentId, reason: input.reason };
    await changeLease(runtime, input.leaseId, command, envelope, {
      authorise: leaseAuthoriser(runtime, actor, command),
    });
    revalidate(...leasePaths(input.leaseId));
    return { paymentId: input.paymentId };
  },
);

export const renewLeaseAction = action(
  {
    name: 'renewLease',
    auth: ['manager'],
    input: z.strictObject({ leaseId: z.uuid(), ...renewalBody.shape, idempotencyKey }),
  },
  async ({ actor, input, runtime, envelope, revalidate }) => {
    const command = {
      type: 'RenewLease' as const,
      newEndDate: input.newEndDate,
      monthlyRentCents: input.monthlyRentCents,
    };
    await changeLease(runtime, input.leaseId, command, envelope, {
      authorise: leaseAuthoriser(runtime, actor, command),
    });
    revalidate(...leasePaths(input.leaseId));
    return { leaseId: input.leaseId };
  },
);

export const terminateLeaseAction = action(
  {
    name: 'terminateLease',
    auth: ['manager'],
    input: z.strictObject({ leaseId: z.uuid(), ...terminationBody.shape, idempotencyKey }),
  },
  async ({ actor, input, runtime, envelope, revalidate }) => {
    const command = {
      type: 'TerminateLease' as const,
      effectiveDate: input.effectiveDate,
      reason: input.reason,
    };
    await changeLease(runtime, input.leaseId, command, envelope, {
      authorise: leaseAuthoriser(runtime, actor, command),
    });
    revalidate(...leasePaths(input.leaseId));
    return { leaseId: input.leaseId };
  },
);
