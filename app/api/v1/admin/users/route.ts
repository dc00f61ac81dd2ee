// GET /api/v1/admin/users: every account · POST: create a manager or an auditor (admin).
import { createUser, listUsers } from '@/server/admin/users';
import { admin } from '@/server/http/contracts';
import { json, route } from '@/server/http/route';

export const GET = route(admin.adminUsers, async ({ actor, runtime }) =>
  json(200, await listUsers(runtime, actor)),
);

export const POST = route(admin.adminCreateUser, async ({ actor, body, runtime }) =>
  json(201, await createUser(runtime, actor, body)),
);
