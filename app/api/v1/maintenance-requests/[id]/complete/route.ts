// POST /api/v1/maintenance-requests/:id/complete: the property's manager.
import { completeMaintenance } from '@/server/commands/maintenance-requests';
import { maintenance } from '@/server/http/contracts';
import { requestWriteReply } from '@/server/http/replies';
import { route } from '@/server/http/route';

export const POST = route(
  maintenance.completeRequest,
  async ({ actor, params, body, runtime, replyWith, replied }) => {
    const envelope = replyWith(201, requestWriteReply);
    return replied(await completeMaintenance(runtime, actor, { requestId: params.id, ...body }, envelope));
  },
);
