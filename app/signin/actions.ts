'use server';
// Sign in and sign out from the browser: the same credential check and session rotation as
// POST/DELETE /api/v1/session, with the session in an httpOnly, SameSite=Lax cookie.
import { cookies } from 'next/headers';
import { z } from 'zod';
import { checkCredentials, createSession, deleteSession, SESSION_COOKIE } from '@/server/auth/sessions';
import { action } from '@/server/http/action';
import { safeNext } from '@/server/http/page-auth';
import { HttpError } from '@/server/http/route';
import { setSessionCookie } from './session-cookie';

export const signIn = action(
  {
    name: 'signIn',
    auth: 'public',
    input: z.strictObject({
      email: z.string().trim().min(1, 'Enter your email address.').max(320),
      password: z.string().min(1, 'Enter your password.').max(1024),
      next: z.string().max(2000).optional(),
    }),
  },
  async ({ input, runtime, log, redirect }) => {
    const db = runtime.database.db;
    const user = await checkCredentials(db, input.email, input.password);
    if (!user) {
      throw new HttpError(
        401,
        'invalid_credentials',
        'The email or password is not right. Please try again.',
      );
    }
    const previous = (await cookies()).get(SESSION_COOKIE)?.value;
    const { token } = await createSession(db, user.id, previous);
    await setSessionCookie(token);
    log.info({ userId: user.id }, 'signed in (web)');
    const home = safeNext(input.next, user.role);
    redirect(home);
    return { home };
  },
);

export const signOut = action(
  { name: 'signOut', auth: 'public', input: z.strictObject({}) },
  async ({ runtime, redirect }) => {
    const jar = await cookies();
    const token = jar.get(SESSION_COOKIE)?.value;
    if (token) await deleteSession(runtime.database.db, token);
    jar.delete(SESSION_COOKIE);
    redirect('/signin');
    return null;
  },
);
