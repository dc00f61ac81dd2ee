// The admin console's endpoints (additions beyond API.md, docs/decisions.md "ops"): projections and
// subscribers with rebuilds, billing runs, the notification backlog, throughput, database, users.
import { z } from 'zod';
import { createUserSchema } from '../../admin/users';
import { contract } from './contract';

export const adminProjections = contract({
  method: 'GET',
  path: '/admin/projections',
  summary: 'Projections and subscribers: position, lag, status, last error, rebuild progress',
  auth: ['admin'],
  status: 200,
  errors: [401, 403],
});

export const adminRebuild = contract({
  method: 'POST',
  path: '/admin/projections/{name}/rebuild',
  summary: 'Start rebuilding a projection in the background (202; progress in GET /admin/projections)',
  auth: ['admin'],
  params: z.object({ name: z.string().regex(/^[a-z][a-z0-9_-]{0,63}$/) }),
  status: 202,
  errors: [400, 401, 403, 404, 409],
});

/** API.md's paths for the same two: the list and the rebuild (the console uses /admin/…). */
export const projections = contract({
  method: 'GET',
  path: '/projections',
  summary:
    'Projections and subscribers: position, lag, status, last error, rebuild progress (as /admin/projections)',
  auth: ['admin'],
  status: 200,
  errors: [401, 403],
});

export const projectionRebuild = contract({
  method: 'POST',
  path: '/projections/{name}/rebuild',
  summary: 'Start rebuilding a projection in the background (202; progress in GET /projections)',
  auth: ['admin'],
  params: z.object({ name: z.string().regex(/^[a-z][a-z0-9_-]{0,63}$/) }),
  status: 202,
  errors: [400, 401, 403, 404, 409],
});

export const adminBillingRuns = contract({
  method: 'GET',
  path: '/admin/billing-runs',
  summary: 'Billing runs, newest first (run one with POST /billing/run)',
  auth: ['admin'],
  query: z.strictObject({ limit: z.coerce.number().int().min(1).max(500).optional() }),
  status: 200,
  errors: [400, 401, 403],
});

export const adminNotifications = contract({
  method: 'GET',
  path: '/admin/notifications',
  summary: 'The mail outbox and webhook deliveries by status, and the latest deliveries',
  auth: ['admin'],
  status: 200,
  errors: [401, 403],
});

export const adminThroughput = contract({
  method: 'GET',
  path: '/admin/throughput',
  summary: 'Events recorded per minute over the last hour',
  auth: ['admin'],
  status: 200,
  errors: [401, 403],
});

export const adminDatabase = contract({
  method: 'GET',
  path: '/admin/database',
  summary: 'Database size and event counts per type',
  auth: ['admin'],
  status: 200,
  errors: [401, 403],
});

export const adminUsers = contract({
  method: 'GET',
  path: '/admin/users',
  summary: 'Every account with its role and whether it is disabled',
  auth: ['admin'],
  status: 200,
  errors: [401, 403],
});

export const adminCreateUser = contract({
  method: 'POST',
  path: '/admin/users',
  summary: 'Create a manager or an auditor with a first password (409 if the email exists)',
  auth: ['admin'],
  body: createUserSchema,
  status: 201,
  errors: [400, 401, 403, 409, 413],
});

export const adminDisableUser = contract({
  method: 'POST',
  path: '/admin/users/{userId}/disable',
  summary:
    'Disable an account (or enable it with {disabled:false}): it cannot sign in, its sessions and tokens end',
  auth: ['admin'],
  params: z.object({ userId: z.uuid() }),
  body: z.strictObject({ disabled: z.boolean().default(true) }),
  status: 200,
  errors: [400, 401, 403, 404, 409, 413],
});
