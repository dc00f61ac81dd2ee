// POST /api/v1/tenants: a manager invites a tenant (user without a password + a 7-day invite).
import { inviteTenant } from '@/server/auth/sessions';
import { HttpError, json, route } from '@/server/http/route';
import { tenantBody } from '@/server/http/schemas';

export const POST = route({ auth: ['manager'], body: tenantBody }, async ({ body, runtime }) => {
  const invited = await inviteTenant(runtime.database.db, body);
  if (!invited) throw new HttpError(409, 'email_taken', 'A user with that email already exists.', 'email');
  return json(201, invited);
});
