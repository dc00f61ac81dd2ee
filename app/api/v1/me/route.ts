// GET /api/v1/me: the signed-in user.
import { findUserById } from '@/server/auth/users';
import { account } from '@/server/http/contracts';
import { HttpError, json, route } from '@/server/http/route';

export const GET = route(account.me, async ({ actor, runtime }) => {
  const user = await findUserById(runtime.database.db, actor.userId);
  if (!user) throw new HttpError(401, 'unauthenticated', 'Sign in first.');
  return json(200, { user: { id: user.id, name: user.name, email: user.email, role: user.role } });
});
