'use server';
// Sign in and sign out from the browser: the same credential check and session rotation as
// POST/DELETE /api/v1/session, with the session in an httpOnly, SameSite=Lax cookie.
import { cookies, headers } from 'next/headers';
import { z } from 'zod';
import { createSession, deleteSession } from '@/server/auth/sessions';
import { signInWithPassword } from '@/server/auth/sign-in';
import { clientAddress } from '@/server/auth/throttle';
import { action } from '@/server/http/action';
import { safeNext } from '@/server/http/page-auth';
import { HttpError, sessionTokenFromJar } from '@/server/http/route';
import { clearSessionCookie, setSessionCookie } from './session-cookie';

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
    const user = await signInWithPassword(db, {
      email: input.email,
      password: input.password,
      address: clientAddress(await headers()),
    });
    if (!user) {
      throw new HttpError(
        401,
        'invalid_credentials',
        'The email or password is not right. Please try again.',
      );
    }
    const previous = sessionTokenFromJar(await cookies());
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
    const token = sessionTokenFromJar(await cookies());
    if (token) await deleteSession(runtime.database.db, token);
    await clearSessionCookie();
    redirect('/signin');
    return null;
  },
);
