// POST /api/v1/maintenance-requests/:id/rating: the tenant rates their completed request.
import { rateMaintenance } from '@/server/commands/maintenance-requests';
import { maintenance } from '@/server/http/contracts';
import { requestWriteReply } from '@/server/http/replies';
import { route } from '@/server/http/route';

export const POST = route(
  maintenance.rateRequest,
  async ({ actor, params, body, runtime, replyWith, replied }) => {
    const envelope = replyWith(201, requestWriteReply);
    return replied(await rateMaintenance(runtime, actor, { requestId: params.id, ...body }, envelope));
  },
);
