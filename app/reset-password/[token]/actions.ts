'use server';
// Choosing a new password with an emailed reset link (one use, 1 hour): every session of the
// account ends, so the user signs in again with the new password.
import { z } from 'zod';
import { MIN_PASSWORD_LENGTH } from '@/server/auth/sessions';
import { action } from '@/server/http/action';
import { HttpError } from '@/server/http/route';
import { resetPassword } from '@/server/notifications/password-reset';

export const resetPasswordAction = action(
  {
    name: 'resetPassword',
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
    const user = await resetPassword(runtime, input.token, input.password);
    if (!user) {
      throw new HttpError(
        404,
        'reset_not_found',
        'This reset link is unknown, already used or expired. Ask for a new one.',
      );
    }
    redirect('/signin?reset=done');
    return { reset: true };
  },
);
