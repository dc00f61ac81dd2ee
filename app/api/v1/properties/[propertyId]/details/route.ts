// POST /api/v1/properties/:propertyId/details: the property's manager changes its name and
// address; `changed: false` when both were already so (an addition beyond API.md).
import { changePropertyDetails } from '@/server/commands/portfolio';
import { properties } from '@/server/http/contracts';
import { route } from '@/server/http/route';

export const POST = route(
  properties.changePropertyDetails,
  async ({ actor, params, body, runtime, replyWith, replied }) => {
    const envelope = replyWith(200, (pending) => ({
      propertyId: params.propertyId,
      version: pending.version,
      changed: pending.events.length > 0,
    }));
    return replied(await changePropertyDetails(runtime, actor, { ...params, ...body }, envelope));
  },
);
