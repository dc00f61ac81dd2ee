// Writes the session cookie from a server action (not itself an action: no 'use server' here).
import 'server-only';
import { cookies, headers } from 'next/headers';
import { SESSION_COOKIE, SESSION_DAYS } from '@/server/auth/sessions';

async function isHttps(): Promise<boolean> {
  const h = await headers();
  return h.get('x-forwarded-proto') === 'https' || (h.get('origin') ?? '').startsWith('https:');
}

export async function setSessionCookie(token: string): Promise<void> {
  (await cookies()).set(SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: 'lax',
    path: '/',
    secure: await isHttps(),
    maxAge: SESSION_DAYS * 24 * 60 * 60,
  });
}
