// POST /api/v1/tenants/:tenantId/invite: a new invite link for a tenant who has not accepted yet;
// the old link stops working (an addition beyond API.md, see docs/decisions.md).
import { resendInvite } from '@/server/commands/portfolio';
import { account } from '@/server/http/contracts';
import { json, route } from '@/server/http/route';

export const POST = route(account.resendInvite, async ({ actor, params, runtime }) =>
  json(201, await resendInvite(runtime, actor, params)),
);
