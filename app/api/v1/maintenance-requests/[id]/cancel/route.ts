// POST /api/v1/maintenance-requests/:id/cancel: the property's manager.
import { cancelMaintenance } from '@/server/commands/maintenance-requests';
import { maintenance } from '@/server/http/contracts';
import { requestWriteReply } from '@/server/http/replies';
import { route } from '@/server/http/route';

export const POST = route(
  maintenance.cancelRequest,
  async ({ actor, params, body, runtime, replyWith, replied }) => {
    const envelope = replyWith(201, requestWriteReply);
    return replied(await cancelMaintenance(runtime, actor, { requestId: params.id, ...body }, envelope));
  },
);
