// POST /api/v1/properties/:propertyId/notices: the property's manager posts a notice.
import type { CommandEnvelope } from '@/server/commands/handle';
import { noticeIdFor, postNotice } from '@/server/commands/portfolio';
import { properties } from '@/server/http/contracts';
import { route } from '@/server/http/route';

export const POST = route(
  properties.postNotice,
  async ({ actor, params, body, runtime, replyWith, replied }) => {
    const envelope: CommandEnvelope = replyWith(201, (pending) => ({
      propertyId: params.propertyId,
      noticeId: noticeIdFor(envelope),
      version: pending.version,
    }));
    return replied(await postNotice(runtime, actor, { ...params, ...body }, envelope));
  },
);
