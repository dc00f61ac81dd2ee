'use server';
// The tenant's server actions: reads that keep client views fresh (react-query refetches them after
// a change) and the writes (pay, autopay, maintenance). Every one goes through `action()` and calls
// the same use case as the JSON API (server/commands, server/queries), which authorises itself.
import { z } from 'zod';
import { cancelAutopay as cancel, enrolAutopay as enrol } from '@/server/commands/leasing';
import { fileMaintenanceRequest, rateMaintenance as rate } from '@/server/commands/maintenance-requests';
import { payRent as pay } from '@/server/commands/payments';
import { action, idempotencyKey } from '@/server/http/action';
import { autopayBody, maintenanceBody, paymentBody, ratingBody } from '@/server/http/schemas';
import { getTenantDashboard } from '@/server/queries/tenant-dashboard';
import { getTenantLeaseDetail } from '@/server/queries/tenant-lease';
import { listTenantMaintenance } from '@/server/queries/tenant-maintenance';

const TENANT = ['tenant'] as const;

// ---- reads ----------------------------------------------------------------------------------

export const loadDashboard = action(
  { name: 'loadDashboard', auth: TENANT, input: z.strictObject({}) },
  async ({ actor, runtime }) => getTenantDashboard(runtime.database.db, actor),
);

export const loadLease = action(
  { name: 'loadLease', auth: TENANT, input: z.strictObject({ leaseId: z.uuid() }) },
  async ({ actor, runtime, input }) => getTenantLeaseDetail(runtime.database.db, actor, input.leaseId),
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
      purpose: paymentBody.shape.purpose,
      idempotencyKey,
      /** The tenant confirmed a same-amount payment in the last 24 hours is not a duplicate. */
      confirmDuplicate: z.boolean().optional(),
    }),
  },
  async ({ actor, input, runtime, envelope, revalidate }) => {
    const { leaseId, amountCents, method, purpose, confirmDuplicate } = input;
    const result = await pay(
      runtime,
      actor,
      { leaseId, amountCents, method, purpose, askIfDuplicate: !confirmDuplicate },
      envelope,
    );
    revalidate('/tenant', `/tenant/leases/${leaseId}`);
    return { paymentId: result.paymentId, leaseId, duplicate: result.duplicate };
  },
);

// ---- autopay --------------------------------------------------------------------------------

export const enrolAutopay = action(
  {
    name: 'enrolAutopay',
    auth: TENANT,
    input: z.strictObject({ leaseId: z.uuid(), ...autopayBody.shape }),
  },
  async ({ actor, input, runtime, envelope, revalidate }) => {
    await enrol(runtime, actor, input, envelope);
    revalidate('/tenant', `/tenant/leases/${input.leaseId}`);
    return { leaseId: input.leaseId };
  },
);

export const cancelAutopay = action(
  { name: 'cancelAutopay', auth: TENANT, input: z.strictObject({ leaseId: z.uuid() }) },
  async ({ actor, input, runtime, envelope, revalidate }) => {
    await cancel(runtime, actor, input, envelope);
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
    const { idempotencyKey: _key, ...request } = input;
    const result = await fileMaintenanceRequest(runtime, actor, request, envelope);
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
    await rate(runtime, actor, input, envelope);
    revalidate('/tenant/maintenance');
    return { requestId: input.requestId };
  },
);
