// DELETE /api/v1/sessions: sign out everywhere (every session of the user, this one too).
import { deleteUserSessions } from '@/server/auth/sessions';
import { account } from '@/server/http/contracts';
import { route } from '@/server/http/route';
import { sessionCookieHeader } from '@/server/http/session-cookie';

export const DELETE = route(account.signOutEverywhere, async ({ request, actor, runtime, log }) => {
  await deleteUserSessions(runtime.database.db, actor.userId);
  log.info({ userId: actor.userId }, 'signed out everywhere');
  return new Response(null, { status: 204, headers: { 'set-cookie': sessionCookieHeader(request, '', 0) } });
});
