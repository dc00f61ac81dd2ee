'use server';
// The account page's actions: change the password (other sessions end, API tokens are revoked),
// sign out everywhere, revoke one API token. The same use cases as POST /me/password,
// DELETE /sessions and DELETE /tokens/:tokenId.
import { cookies } from 'next/headers';
import { z } from 'zod';
import { deleteUserSessions, MIN_PASSWORD_LENGTH, revokeApiToken } from '@/server/auth/sessions';
import { changeOwnPassword } from '@/server/auth/sign-in';
import { action } from '@/server/http/action';
import { HttpError, sessionTokenFromJar } from '@/server/http/route';
import { clearSessionCookie } from '../signin/session-cookie';

export const changePasswordAction = action(
  {
    name: 'changePassword',
    auth: 'signed-in',
    input: z
      .strictObject({
        currentPassword: z.string().min(1, 'Enter your current password.').max(1024),
        newPassword: z
          .string()
          .min(MIN_PASSWORD_LENGTH, `Use at least ${MIN_PASSWORD_LENGTH} characters.`)
          .max(1024, 'That password is too long.'),
        confirm: z.string().max(1024),
      })
      .refine((value) => value.newPassword === value.confirm, {
        message: 'The two passwords are not the same.',
        path: ['confirm'],
      }),
  },
  async ({ actor, input, runtime, log, revalidate }) => {
    const changed = await changeOwnPassword(runtime.database.db, {
      userId: actor.userId,
      currentPassword: input.currentPassword,
      newPassword: input.newPassword,
      keepSessionToken: sessionTokenFromJar(await cookies()),
    });
    if (!changed) {
      throw new HttpError(403, 'wrong_password', 'Your current password is not right.', 'currentPassword');
    }
    log.info({ userId: actor.userId }, 'password changed (web)');
    revalidate('/account');
    return { changed: true };
  },
);

export const signOutEverywhereAction = action(
  { name: 'signOutEverywhere', auth: 'signed-in', input: z.strictObject({}) },
  async ({ actor, runtime, redirect }) => {
    await deleteUserSessions(runtime.database.db, actor.userId);
    await clearSessionCookie();
    redirect('/signin');
    return null;
  },
);

export const revokeTokenAction = action(
  { name: 'revokeToken', auth: 'signed-in', input: z.strictObject({ tokenId: z.uuid() }) },
  async ({ actor, input, runtime, revalidate }) => {
    if (!(await revokeApiToken(runtime.database.db, actor.userId, input.tokenId))) {
      throw new HttpError(404, 'not_found', 'You have no such API token.');
    }
    revalidate('/account');
    return { revoked: true };
  },
);
