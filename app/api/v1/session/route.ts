// POST /api/v1/session: sign in (rotates the browser's session). DELETE: sign out.
import {
  checkCredentials,
  createSession,
  deleteSession,
  SESSION_COOKIE,
  SESSION_DAYS,
} from '@/server/auth/sessions';
import { account } from '@/server/http/contracts';
import { HttpError, json, route, sessionTokenOf } from '@/server/http/route';

const secure = (request: Request) =>
  new URL(request.url).protocol === 'https:' || request.headers.get('x-forwarded-proto') === 'https';

const cookie = (request: Request, value: string, maxAgeSeconds: number) =>
  [
    `${SESSION_COOKIE}=${value}`,
    'Path=/',
    'HttpOnly',
    'SameSite=Lax',
    `Max-Age=${maxAgeSeconds}`,
    ...(secure(request) ? ['Secure'] : []),
  ].join('; ');

export const POST = route(account.signIn, async ({ request, body, runtime, log }) => {
  const db = runtime.database.db;
  const user = await checkCredentials(db, body.email, body.password);
  if (!user) throw new HttpError(401, 'invalid_credentials', 'The email or password is not right.');
  const { token } = await createSession(db, user.id, sessionTokenOf(request));
  log.info({ userId: user.id }, 'signed in');
  return json(
    200,
    { user: { id: user.id, name: user.name, email: user.email, role: user.role } },
    { 'set-cookie': cookie(request, token, SESSION_DAYS * 24 * 60 * 60) },
  );
});

export const DELETE = route(account.signOut, async ({ request, runtime }) => {
  const token = sessionTokenOf(request);
  if (token) await deleteSession(runtime.database.db, token);
  return new Response(null, { status: 204, headers: { 'set-cookie': cookie(request, '', 0) } });
});
