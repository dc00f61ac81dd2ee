// POST /api/v1/maintenance-requests/:id/complete: the property's manager.
import { changeMaintenance } from '@/server/commands/maintenance';
import { maintenanceAuthoriser } from '@/server/http/lease-access';
import { json, route } from '@/server/http/route';
import { completeBody, requestIdParams } from '@/server/http/schemas';

export const POST = route(
  { auth: ['manager'], params: requestIdParams, body: completeBody, idempotency: 'optional' },
  async ({ actor, params, body, runtime, envelope }) => {
    const result = await changeMaintenance(
      runtime,
      params.id,
      { type: 'CompleteMaintenance', ...body },
      envelope,
      {
        authorise: maintenanceAuthoriser(runtime, actor, 'CompleteMaintenance'),
      },
    );
    return json(201, { requestId: params.id, version: result.version });
  },
);
