// POST /api/v1/password-reset {email}: 202 always; the link goes by email when the account exists.
import { notifications } from '@/server/http/contracts';
import { json, route } from '@/server/http/route';
import { requestPasswordReset } from '@/server/notifications/password-reset';

export const POST = route(notifications.requestPasswordReset, async ({ body, runtime }) => {
  await requestPasswordReset(runtime, body.email);
  return json(202, { message: 'If an account has that email, a reset link is on its way.' });
});
