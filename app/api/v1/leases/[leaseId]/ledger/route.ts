// GET /api/v1/leases/:leaseId/ledger: every item in posting order with the running balance after
// each; another tenant's or another manager's lease is a 404, exactly like an unknown id.
import { NotFoundError } from '@/server/auth/errors';
import { leases } from '@/server/http/contracts';
import { json, route } from '@/server/http/route';
import { getLeaseLedgerItems } from '@/server/queries/leases';

export const GET = route(leases.leaseLedger, async ({ actor, params, reads }) => {
  const ledger = await getLeaseLedgerItems(reads, actor, params.leaseId);
  if (!ledger) throw new NotFoundError('That lease does not exist.');
  return json(200, ledger);
});
