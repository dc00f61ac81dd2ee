// POST /api/v1/password-reset/:token {password}: sets the new password (one use, 1 hour).
import { notifications } from '@/server/http/contracts';
import { HttpError, json, route } from '@/server/http/route';
import { resetPassword } from '@/server/notifications/password-reset';

export const POST = route(notifications.resetPassword, async ({ params, body, runtime }) => {
  const user = await resetPassword(runtime, params.token, body.password);
  if (!user) throw new HttpError(404, 'reset_not_found', 'This reset link is unknown, used or expired.');
  return json(200, { user: { id: user.id, name: user.name, email: user.email, role: user.role } });
});
