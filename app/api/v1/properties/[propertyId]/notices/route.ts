// POST /api/v1/properties/:propertyId/notices: the property's manager posts a notice.
import type { CommandEnvelope } from '@/server/commands/handle';
import { noticeIdFor, postNotice } from '@/server/commands/portfolio';
import { properties } from '@/server/http/contracts';
import { route } from '@/server/http/route';

export const POST = route(
  properties.postNotice,
  async ({ actor, params, body, runtime, replyWith, replied }) => {
    // The id is minted once: without an Idempotency-Key noticeIdFor is random on every call.
    let noticeId = '';
    const envelope: CommandEnvelope = replyWith(201, (pending) => ({
      propertyId: params.propertyId,
      noticeId,
      version: pending.version,
    }));
    noticeId = noticeIdFor(envelope);
    return replied(await postNotice(runtime, actor, { ...params, ...body, noticeId }, envelope));
  },
);
