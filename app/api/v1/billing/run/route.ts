// POST /api/v1/billing/run {asOf}: posts due charges and late fees (admin; idempotent; 409 if busy).
// It touches every lease stream, so its reply is recorded after the fact (route.ts).
import { runBillingAs } from '@/server/commands/billing';
import { operations } from '@/server/http/contracts';
import { json, route } from '@/server/http/route';

export const POST = route(operations.billingRun, async ({ actor, body, runtime }) =>
  json(200, await runBillingAs(runtime, actor, body.asOf)),
);
