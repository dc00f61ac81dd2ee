// POST /api/v1/tokens: a new API token for the signed-in user, shown once. GET: their live tokens.
import { createApiToken, listApiTokens } from '@/server/auth/sessions';
import { account } from '@/server/http/contracts';
import { json, route } from '@/server/http/route';

export const POST = route(account.createToken, async ({ actor, body, runtime, log }) => {
  const { id, token, expiresAt } = await createApiToken(
    runtime.database.db,
    actor.userId,
    body.name,
    body.expiresInDays,
  );
  log.info({ tokenId: id }, 'API token created');
  return json(201, { token, tokenId: id, expiresAt });
});

export const GET = route(account.listTokens, async ({ actor, runtime }) =>
  json(200, { tokens: await listApiTokens(runtime.database.db, actor.userId) }),
);
