// POST /api/v1/tenants: a manager invites a tenant (user without a password + a 7-day invite).
import { inviteTenant } from '@/server/commands/portfolio';
import { account } from '@/server/http/contracts';
import { json, route } from '@/server/http/route';

export const POST = route(account.inviteTenant, async ({ actor, body, runtime }) =>
  json(201, await inviteTenant(runtime, actor, body)),
);
