'use server';
// Accepting an invite: the new tenant sets a password (min 12 characters, one use, 7 days), is
// signed in, and lands on their dashboard.
import { cookies, headers } from 'next/headers';
import { z } from 'zod';
import { createSession, MIN_PASSWORD_LENGTH } from '@/server/auth/sessions';
import { acceptInvite } from '@/server/auth/sign-in';
import { clientAddress } from '@/server/auth/throttle';
import { action } from '@/server/http/action';
import { homeOf } from '@/server/http/page-auth';
import { HttpError, sessionTokenFromJar } from '@/server/http/route';
import { setSessionCookie } from '../../signin/session-cookie';

export const acceptInviteAction = action(
  {
    name: 'acceptInvite',
    auth: 'public',
    input: z
      .strictObject({
        token: z.string().min(1).max(200),
        password: z
          .string()
          .min(MIN_PASSWORD_LENGTH, `Use at least ${MIN_PASSWORD_LENGTH} characters.`)
          .max(1024, 'That password is too long.'),
        confirm: z.string().max(1024),
      })
      .refine((value) => value.password === value.confirm, {
        message: 'The two passwords are not the same.',
        path: ['confirm'],
      }),
  },
  async ({ input, runtime, redirect }) => {
    const db = runtime.database.db;
    const user = await acceptInvite(db, {
      token: input.token,
      password: input.password,
      address: clientAddress(await headers()),
    });
    if (!user) {
      throw new HttpError(
        404,
        'invite_not_found',
        'This invite link is unknown, already used or expired. Ask your property manager for a new one.',
      );
    }
    const { token } = await createSession(db, user.id, sessionTokenFromJar(await cookies()));
    await setSessionCookie(token);
    const home = homeOf(user.role);
    redirect(home);
    return { home };
  },
);
