// POST /api/v1/maintenance-requests: a tenant files a request on their own lease.
import { fileMaintenanceRequest } from '@/server/commands/maintenance-requests';
import { maintenance } from '@/server/http/contracts';
import { filedRequestReply } from '@/server/http/replies';
import { route } from '@/server/http/route';

export const POST = route(maintenance.fileRequest, async ({ actor, body, runtime, replyWith, replied }) => {
  const envelope = replyWith(201, filedRequestReply);
  return replied(await fileMaintenanceRequest(runtime, actor, body, envelope));
});
