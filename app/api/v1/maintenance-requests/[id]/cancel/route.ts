// POST /api/v1/maintenance-requests/:id/cancel: the property's manager.
import { changeMaintenance } from '@/server/commands/maintenance';
import { maintenanceAuthoriser } from '@/server/http/lease-access';
import { json, route } from '@/server/http/route';
import { cancelBody, requestIdParams } from '@/server/http/schemas';

export const POST = route(
  { auth: ['manager'], params: requestIdParams, body: cancelBody, idempotency: 'optional' },
  async ({ actor, params, body, runtime, envelope }) => {
    const result = await changeMaintenance(
      runtime,
      params.id,
      { type: 'CancelMaintenance', ...body },
      envelope,
      {
        authorise: maintenanceAuthoriser(runtime, actor, 'CancelMaintenance'),
      },
    );
    return json(201, { requestId: params.id, version: result.version });
  },
);
