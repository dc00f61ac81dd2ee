// POST /api/v1/properties/:propertyId/notices: the property's manager posts a notice.
import { authoriseProperty } from '@/server/auth/policy';
import { newUuid, uuidFromSeed } from '@/server/commands/ids';
import { changeProperty } from '@/server/commands/property';
import { json, route } from '@/server/http/route';
import { noticeBody, propertyIdParams } from '@/server/http/schemas';

export const POST = route(
  { auth: ['manager'], params: propertyIdParams, body: noticeBody, idempotency: 'optional' },
  async ({ actor, params, body, runtime, envelope }) => {
    const noticeId = envelope.commandId ? uuidFromSeed(`notice:${envelope.commandId}`) : newUuid();
    const command = { type: 'PostNotice' as const, noticeId, ...body, postedBy: actor.userId };
    const result = await changeProperty(runtime, params.propertyId, command, envelope, {
      authorise: (state) => authoriseProperty(actor, 'post_notice', state.status === 'none' ? null : state),
    });
    return json(201, { propertyId: params.propertyId, noticeId, version: result.version });
  },
);
