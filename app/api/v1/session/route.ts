// POST /api/v1/session: sign in (throttled; rotates the browser's session). DELETE: sign out this
// session (API tokens are not revoked: they are listed and revoked at /tokens).
import { createSession, deleteSession } from '@/server/auth/sessions';
import { signInWithPassword } from '@/server/auth/sign-in';
import { clientAddress } from '@/server/auth/throttle';
import { account } from '@/server/http/contracts';
import { HttpError, json, route, sessionTokenOf } from '@/server/http/route';
import { sessionCookieHeader } from '@/server/http/session-cookie';

export const POST = route(account.signIn, async ({ request, body, runtime, log }) => {
  const db = runtime.database.db;
  const user = await signInWithPassword(db, {
    email: body.email,
    password: body.password,
    address: clientAddress(request.headers),
  });
  if (!user) throw new HttpError(401, 'invalid_credentials', 'The email or password is not right.');
  const { token } = await createSession(db, user.id, sessionTokenOf(request));
  log.info({ userId: user.id }, 'signed in');
  return json(
    200,
    { user: { id: user.id, name: user.name, email: user.email, role: user.role } },
    { 'set-cookie': sessionCookieHeader(request, token) },
  );
});

export const DELETE = route(account.signOut, async ({ request, runtime }) => {
  const token = sessionTokenOf(request);
  if (token) await deleteSession(runtime.database.db, token);
  return new Response(null, { status: 204, headers: { 'set-cookie': sessionCookieHeader(request, '', 0) } });
});
