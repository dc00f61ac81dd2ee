'use server';
// Asking for a password reset link from the browser: the same use case as POST /api/v1/password-reset,
// answered the same way whether or not the account exists.
import { z } from 'zod';
import { action } from '@/server/http/action';
import { requestPasswordReset } from '@/server/notifications/password-reset';

export const requestPasswordResetAction = action(
  {
    name: 'requestPasswordReset',
    auth: 'public',
    input: z.strictObject({ email: z.string().trim().min(3, 'Enter your email address.').max(320) }),
  },
  async ({ input, runtime }) => {
    await requestPasswordReset(runtime, input.email);
    return { sent: true };
  },
);
