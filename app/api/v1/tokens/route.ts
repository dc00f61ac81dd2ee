// POST /api/v1/tokens: a new API token for the signed-in user, shown once.
import { createApiToken } from '@/server/auth/sessions';
import { json, route } from '@/server/http/route';
import { tokenBody } from '@/server/http/schemas';

export const POST = route({ auth: 'signed-in', body: tokenBody }, async ({ actor, body, runtime, log }) => {
  const { id, token } = await createApiToken(runtime.database.db, actor.userId, body.name);
  log.info({ tokenId: id }, 'API token created');
  return json(201, { token });
});
