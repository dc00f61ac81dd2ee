// Writes and clears the session cookie from a server action (not itself an action: no 'use server'
// here). Name and Secure flag: server/http/session-cookie.ts.
import 'server-only';
import { cookies, headers } from 'next/headers';
import { SESSION_COOKIE_NAMES, sessionCookieOptions } from '@/server/http/session-cookie';

export async function setSessionCookie(token: string): Promise<void> {
  const { name, ...options } = sessionCookieOptions(await headers());
  (await cookies()).set(name, token, options);
}

export async function clearSessionCookie(): Promise<void> {
  const jar = await cookies();
  for (const name of SESSION_COOKIE_NAMES) if (jar.get(name)) jar.delete(name);
}
