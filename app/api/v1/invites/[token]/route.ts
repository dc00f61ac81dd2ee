// POST /api/v1/invites/:token: the invited tenant sets a password (one use, 7 days; throttled per address).
import { acceptInvite } from '@/server/auth/sign-in';
import { clientAddress } from '@/server/auth/throttle';
import { account } from '@/server/http/contracts';
import { HttpError, json, route } from '@/server/http/route';

export const POST = route(account.acceptInvite, async ({ request, params, body, runtime }) => {
  const user = await acceptInvite(runtime.database.db, {
    token: params.token,
    password: body.password,
    address: clientAddress(request.headers),
  });
  if (!user) throw new HttpError(404, 'invite_not_found', 'This invite is unknown, used or expired.');
  return json(200, { user: { id: user.id, name: user.name, email: user.email, role: user.role } });
});
