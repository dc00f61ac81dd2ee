// /api/v1/tenants: POST a manager invites a tenant (user without a password + a 7-day invite);
// GET the manager's tenant directory (an addition beyond API.md).
import { inviteTenant } from '@/server/commands/portfolio';
import { account } from '@/server/http/contracts';
import { json, route } from '@/server/http/route';
import { listTenants } from '@/server/queries/tenants';

export const POST = route(account.inviteTenant, async ({ actor, body, runtime }) =>
  json(201, await inviteTenant(runtime, actor, body)),
);

export const GET = route(account.listTenants, async ({ actor, query, runtime }) =>
  json(200, await listTenants(runtime.database.db, actor, query)),
);
