// POST /api/v1/me/password: change the password; every other session ends, every API token is revoked.
import { changeOwnPassword } from '@/server/auth/sign-in';
import { account } from '@/server/http/contracts';
import { HttpError, json, route, sessionTokenOf } from '@/server/http/route';

export const POST = route(account.changePassword, async ({ request, actor, body, runtime, log }) => {
  const changed = await changeOwnPassword(runtime.database.db, {
    userId: actor.userId,
    currentPassword: body.currentPassword,
    newPassword: body.newPassword,
    keepSessionToken: request.headers.get('authorization') ? undefined : sessionTokenOf(request),
  });
  if (!changed) {
    throw new HttpError(403, 'wrong_password', 'The current password is not right.', 'currentPassword');
  }
  log.info({ userId: actor.userId }, 'password changed; other sessions and API tokens revoked');
  return json(200, { changed: true });
});
