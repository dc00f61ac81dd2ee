'use server';
// The tenant's server actions: reads that keep client views fresh (react-query refetches them after
// a change) and the writes (pay, autopay, maintenance). Every one goes through `action()`, calls
// the same command handlers and queries as the JSON API, and authorises on the server.
import { z } from 'zod';
import { assertCanReadLease, authoriseMaintenanceCommand, leaseAccessOf } from '@/server/auth/policy';
import { changeLease, paymentIdFor } from '@/server/commands/lease';
import { changeMaintenance, requestMaintenance } from '@/server/commands/maintenance';
import { action, idempotencyKey } from '@/server/http/action';
import { leaseAuthoriser, maintenanceAuthoriser } from '@/server/http/lease-access';
import { HttpError } from '@/server/http/route';
import { autopayBody, maintenanceBody, paymentBody, ratingBody } from '@/server/http/schemas';
import { recentSameAmountPayments } from '@/server/queries/receipts';
import { getTenantDashboard } from '@/server/queries/tenant-dashboard';
import { listTenantMaintenance } from '@/server/queries/tenant-maintenance';
import { loadLeaseDetail } from './data';

const TENANT = ['tenant'] as const;
const DAY_MS = 24 * 60 * 60 * 1000;

// ---- reads ----------------------------------------------------------------------------------

export const loadDashboard = action(
  { name: 'loadDashboard', auth: TENANT, input: z.strictObject({}) },
  async ({ actor, runtime }) => getTenantDashboard(runtime.database.db, actor),
);

export const loadLease = action(
  { name: 'loadLease', auth: TENANT, input: z.strictObject({ leaseId: z.uuid() }) },
  async ({ actor, runtime, input }) => loadLeaseDetail(runtime.database.db, actor, input.leaseId),
);

export const loadMaintenance = action(
  { name: 'loadMaintenance', auth: TENANT, input: z.strictObject({}) },
  async ({ actor, runtime }) => listTenantMaintenance(runtime.database.db, actor),
);

// ---- payments -------------------------------------------------------------------------------

export const payRent = action(
  {
    name: 'payRent',
    auth: TENANT,
    input: z.strictObject({
      leaseId: z.uuid(),
      amountCents: paymentBody.shape.amountCents,
      method: z.enum(['card', 'ach'], 'Choose card or bank transfer (ACH).'),
      idempotencyKey,
      /** The tenant confirmed a same-amount payment in the last 24 hours is not a duplicate. */
      confirmDuplicate: z.boolean().optional(),
    }),
  },
  async ({ actor, input, runtime, envelope, revalidate }) => {
    const paymentId = paymentIdFor(envelope);
    if (!input.confirmDuplicate) {
      const since = new Date(Date.now() - DAY_MS).toISOString();
      const same = await recentSameAmountPayments(
        runtime.database.db,
        actor,
        input.leaseId,
        input.amountCents,
        since,
      );
      // A resubmit of this very form is not a duplicate: it replays the first answer below.
      if (same.some((p) => p.paymentId !== paymentId)) {
        throw new HttpError(
          409,
          'possible_duplicate',
          'You paid this same amount on this lease in the last 24 hours. Confirm that this is a new payment.',
          'confirmDuplicate',
        );
      }
    }
    const command = {
      type: 'ReceivePayment' as const,
      paymentId,
      amountCents: input.amountCents,
      method: input.method,
      actorRole: 'tenant' as const,
    };
    const result = await changeLease(runtime, input.leaseId, command, envelope, {
      authorise: leaseAuthoriser(runtime, actor, command),
    });
    revalidate('/tenant', `/tenant/leases/${input.leaseId}`);
    return { paymentId, leaseId: input.leaseId, duplicate: result.duplicate };
  },
);

// ---- autopay --------------------------------------------------------------------------------

export const enrolAutopay = action(
  {
    name: 'enrolAutopay',
    auth: TENANT,
    input: z.strictObject({
      leaseId: z.uuid(),
      method: autopayBody.shape.method,
      capCents: autopayBody.shape.capCents,
    }),
  },
  async ({ actor, input, runtime, envelope, revalidate }) => {
    const command = { type: 'EnrolAutopay' as const, method: input.method, capCents: input.capCents };
    await changeLease(runtime, input.leaseId, command, envelope, {
      authorise: leaseAuthoriser(runtime, actor, command),
    });
    revalidate('/tenant', `/tenant/leases/${input.leaseId}`);
    return { leaseId: input.leaseId };
  },
);

export const cancelAutopay = action(
  { name: 'cancelAutopay', auth: TENANT, input: z.strictObject({ leaseId: z.uuid() }) },
  async ({ actor, input, runtime, envelope, revalidate }) => {
    const command = { type: 'CancelAutopay' as const };
    await changeLease(runtime, input.leaseId, command, envelope, {
      authorise: leaseAuthoriser(runtime, actor, command),
    });
    revalidate('/tenant', `/tenant/leases/${input.leaseId}`);
    return { leaseId: input.leaseId };
  },
);

// ---- maintenance ----------------------------------------------------------------------------

export const fileMaintenance = action(
  {
    name: 'fileMaintenance',
    auth: TENANT,
    input: z.strictObject({
      leaseId: maintenanceBody.shape.leaseId,
      category: maintenanceBody.shape.category,
      priority: maintenanceBody.shape.priority,
      description: z
        .string()
        .trim()
        .min(1, 'Describe the problem.')
        .max(5000, 'Keep it under 5,000 characters.'),
      idempotencyKey,
    }),
  },
  async ({ actor, input, runtime, envelope, revalidate }) => {
    const lease = await leaseAccessOf(runtime, input.leaseId);
    assertCanReadLease(actor, lease);
    authoriseMaintenanceCommand(actor, 'RequestMaintenance', lease);
    const { idempotencyKey: _key, ...request } = input;
    const result = await requestMaintenance(runtime, request, envelope);
    revalidate('/tenant', '/tenant/maintenance');
    return { requestId: result.requestId };
  },
);

export const rateMaintenance = action(
  {
    name: 'rateMaintenance',
    auth: TENANT,
    input: z.strictObject({
      requestId: z.uuid(),
      rating: z.coerce.number().pipe(ratingBody.shape.rating),
      comment: ratingBody.shape.comment,
    }),
  },
  async ({ actor, input, runtime, envelope, revalidate }) => {
    await changeMaintenance(
      runtime,
      input.requestId,
      { type: 'RateMaintenance', rating: input.rating, comment: input.comment },
      envelope,
      { authorise: maintenanceAuthoriser(runtime, actor, 'RateMaintenance') },
    );
    revalidate('/tenant/maintenance');
    return { requestId: input.requestId };
  },
);
