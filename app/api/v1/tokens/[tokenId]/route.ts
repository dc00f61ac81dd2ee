// DELETE /api/v1/tokens/:tokenId: revokes one of the signed-in user's API tokens (404 if not theirs).
import { revokeApiToken } from '@/server/auth/sessions';
import { account } from '@/server/http/contracts';
import { HttpError, json, route } from '@/server/http/route';

export const DELETE = route(account.revokeToken, async ({ actor, params, runtime, log }) => {
  if (!(await revokeApiToken(runtime.database.db, actor.userId, params.tokenId))) {
    throw new HttpError(404, 'not_found', 'You have no such API token.');
  }
  log.info({ tokenId: params.tokenId }, 'API token revoked');
  return json(200, { revoked: true, tokenId: params.tokenId });
});
