// POST /api/v1/maintenance-requests/:id/schedule: the property's manager.
import { changeMaintenance } from '@/server/commands/maintenance';
import { maintenanceAuthoriser } from '@/server/http/lease-access';
import { json, route } from '@/server/http/route';
import { requestIdParams, scheduleBody } from '@/server/http/schemas';

export const POST = route(
  { auth: ['manager'], params: requestIdParams, body: scheduleBody, idempotency: 'optional' },
  async ({ actor, params, body, runtime, envelope }) => {
    const result = await changeMaintenance(
      runtime,
      params.id,
      { type: 'ScheduleMaintenance', ...body },
      envelope,
      {
        authorise: maintenanceAuthoriser(runtime, actor, 'ScheduleMaintenance'),
      },
    );
    return json(201, { requestId: params.id, version: result.version });
  },
);
