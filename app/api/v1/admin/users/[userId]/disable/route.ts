// POST /api/v1/admin/users/:userId/disable {disabled?}: disable (or enable) an account (admin).
import { setUserDisabled } from '@/server/admin/users';
import { admin } from '@/server/http/contracts';
import { json, route } from '@/server/http/route';

export const POST = route(admin.adminDisableUser, async ({ actor, body, params, runtime }) =>
  json(200, await setUserDisabled(runtime, actor, params.userId, body.disabled)),
);
