// POST /api/v1/properties/:propertyId/units: the property's manager adds a unit (an addition
// beyond API.md).
import type { CommandEnvelope } from '@/server/commands/handle';
import { addUnit, unitIdFor } from '@/server/commands/portfolio';
import { properties } from '@/server/http/contracts';
import { route } from '@/server/http/route';

export const POST = route(
  properties.addUnit,
  async ({ actor, params, body, runtime, replyWith, replied }) => {
    const envelope: CommandEnvelope = replyWith(201, (pending) => ({
      propertyId: params.propertyId,
      unitId: unitIdFor(envelope),
      version: pending.version,
    }));
    return replied(await addUnit(runtime, actor, { ...params, ...body }, envelope));
  },
);
