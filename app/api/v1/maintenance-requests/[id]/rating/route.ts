// POST /api/v1/maintenance-requests/:id/rating: the tenant rates their completed request.
import { changeMaintenance } from '@/server/commands/maintenance';
import { maintenanceAuthoriser } from '@/server/http/lease-access';
import { json, route } from '@/server/http/route';
import { ratingBody, requestIdParams } from '@/server/http/schemas';

export const POST = route(
  { auth: ['tenant'], params: requestIdParams, body: ratingBody, idempotency: 'optional' },
  async ({ actor, params, body, runtime, envelope }) => {
    const result = await changeMaintenance(
      runtime,
      params.id,
      { type: 'RateMaintenance', ...body },
      envelope,
      {
        authorise: maintenanceAuthoriser(runtime, actor, 'RateMaintenance'),
      },
    );
    return json(201, { requestId: params.id, version: result.version });
  },
);
