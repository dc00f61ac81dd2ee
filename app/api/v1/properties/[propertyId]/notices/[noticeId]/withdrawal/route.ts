// POST /api/v1/properties/:propertyId/notices/:noticeId/withdrawal: the property's manager
// withdraws a notice (an addition beyond API.md).
import { withdrawNotice } from '@/server/commands/portfolio';
import { properties } from '@/server/http/contracts';
import { route } from '@/server/http/route';

export const POST = route(
  properties.withdrawNotice,
  async ({ actor, params, body, runtime, replyWith, replied }) => {
    const envelope = replyWith(201, (pending) => ({ ...params, version: pending.version }));
    return replied(await withdrawNotice(runtime, actor, { ...params, ...body }, envelope));
  },
);
