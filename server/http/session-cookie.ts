// The session cookie: httpOnly, SameSite=Lax, Path=/. Secure (and then named with the `__Host-`
// prefix, so no subdomain or plain-http page can plant or overwrite it) unless the request is
// plain http to a loopback host — how `npm start` is tried on one machine. COOKIE_SECURE=true
// forces Secure everywhere; COOKIE_SECURE=false turns it off (a plain-http trial on a LAN).
// A client's X-Forwarded-Proto alone never turns Secure off (docs/security.md).
import 'server-only';
import { SESSION_COOKIE, SESSION_DAYS } from '../auth/sessions';
import { env } from '../env';

const SECURE_NAME = `__Host-${SESSION_COOKIE}`;
const LOOPBACK = /^(localhost|127(?:\.\d{1,3}){3}|\[::1\])(?::\d+)?$/i;

/** Should the cookie be Secure for a request with these headers (to this URL)? */
function wantsSecureCookie(headers: Headers, url?: string): boolean {
  const setting = env().COOKIE_SECURE;
  if (setting !== 'auto') return setting === 'true';
  const host =
    headers.get('x-forwarded-host')?.split(',')[0]?.trim() ||
    headers.get('host') ||
    (url === undefined ? '' : new URL(url).host);
  const https =
    headers.get('x-forwarded-proto') === 'https' || (url !== undefined && url.startsWith('https:'));
  return https || !LOOPBACK.test(host);
}

const sessionCookieName = (secure: boolean): string => (secure ? SECURE_NAME : SESSION_COOKIE);

/** Both names are read: the `__Host-` one first. */
export const SESSION_COOKIE_NAMES = [SECURE_NAME, SESSION_COOKIE] as const;

export interface CookieOptions {
  name: string;
  httpOnly: true;
  sameSite: 'lax';
  path: '/';
  secure: boolean;
  maxAge: number;
}

export function sessionCookieOptions(
  headers: Headers,
  url?: string,
  maxAge = SESSION_DAYS * 86_400,
): CookieOptions {
  const secure = wantsSecureCookie(headers, url);
  return { name: sessionCookieName(secure), httpOnly: true, sameSite: 'lax', path: '/', secure, maxAge };
}

/** A Set-Cookie header value for a route handler's response. */
export function sessionCookieHeader(request: Request, value: string, maxAgeSeconds = SESSION_DAYS * 86_400) {
  const options = sessionCookieOptions(request.headers, request.url, maxAgeSeconds);
  return [
    `${options.name}=${value}`,
    'Path=/',
    'HttpOnly',
    'SameSite=Lax',
    `Max-Age=${maxAgeSeconds}`,
    ...(options.secure ? ['Secure'] : []),
  ].join('; ');
}
