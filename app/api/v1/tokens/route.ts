// POST /api/v1/tokens: a new API token for the signed-in user, shown once.
import { createApiToken } from '@/server/auth/sessions';
import { account } from '@/server/http/contracts';
import { json, route } from '@/server/http/route';

export const POST = route(account.createToken, async ({ actor, body, runtime, log }) => {
  const { id, token } = await createApiToken(runtime.database.db, actor.userId, body.name);
  log.info({ tokenId: id }, 'API token created');
  return json(201, { token });
});
