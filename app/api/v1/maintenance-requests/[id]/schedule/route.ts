// POST /api/v1/maintenance-requests/:id/schedule: the property's manager.
import { scheduleMaintenance } from '@/server/commands/maintenance-requests';
import { maintenance } from '@/server/http/contracts';
import { requestWriteReply } from '@/server/http/replies';
import { route } from '@/server/http/route';

export const POST = route(
  maintenance.scheduleRequest,
  async ({ actor, params, body, runtime, replyWith, replied }) => {
    const envelope = replyWith(201, requestWriteReply);
    return replied(await scheduleMaintenance(runtime, actor, { requestId: params.id, ...body }, envelope));
  },
);
