// GET /api/v1/me: the signed-in user.
import { findUserById } from '@/server/auth/users';
import { HttpError, json, route } from '@/server/http/route';

export const GET = route({ auth: 'signed-in' }, async ({ actor, runtime }) => {
  const user = await findUserById(runtime.database.db, actor.userId);
  if (!user) throw new HttpError(401, 'unauthenticated', 'Sign in first.');
  return json(200, { user: { id: user.id, name: user.name, email: user.email, role: user.role } });
});
