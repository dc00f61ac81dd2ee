// POST /api/v1/billing/run {asOf}: posts due charges and late fees (admin; idempotent; 409 if busy).
import { runBilling } from '@/server/commands/billing';
import { HttpError, json, route } from '@/server/http/route';
import { billingBody } from '@/server/http/schemas';

export const POST = route(
  { auth: ['admin'], body: billingBody, idempotency: 'optional' },
  async ({ actor, body, runtime }) => {
    const outcome = await runBilling(runtime, {
      asOf: body.asOf,
      actor: { userId: actor.userId, role: 'admin', name: actor.name },
      source: 'billing',
    });
    if (outcome.status === 'busy') {
      throw new HttpError(
        409,
        'billing_run_in_progress',
        'A billing run is already under way. Try again shortly.',
      );
    }
    return json(200, outcome.report);
  },
);
