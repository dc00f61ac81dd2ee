// The success bodies of the write endpoints, built from the command's pending result so that
// `replyWith` can record them in the same append as the events (see route.ts).
import 'server-only';
import type { PendingResult } from '../commands/handle';
import { depositOf, type LeaseState, leaseIdOfStream } from '../domain/lease';
import { maintenanceIdOfStream } from '../domain/maintenance';
import { propertyIdOfStream } from '../domain/property';

type Pending = Pick<PendingResult<unknown>, 'streamId' | 'version' | 'events'>;

/** `{...extra, leaseId, version, events:[{eventId, eventType, version}]}` */
export const leaseWriteReply =
  (leaseId: string, extra: Record<string, unknown> = {}) =>
  (result: Pending) => ({
    ...extra,
    leaseId,
    version: result.version,
    events: result.events.map(({ eventId, eventType, version }) => ({ eventId, eventType, version })),
  });

/** `{appliedToDeductionsCents, appliedToBalanceCents, refundedCents, owedCents}` of a deposit settled. */
export const depositSettlementReply = (result: Pending & { state: unknown }) => {
  const lease = result.state as LeaseState;
  const settlement = lease.status === 'none' ? undefined : depositOf(lease).settlement;
  if (lease.status === 'none' || !settlement)
    throw new Error('A deposit settlement reply needs the settled lease');
  return {
    appliedToDeductionsCents: settlement.appliedToDeductionsCents,
    appliedToBalanceCents: settlement.appliedToBalanceCents,
    refundedCents: settlement.refundedCents,
    owedCents: Math.max(0, lease.balanceCents),
  };
};

/** `{leaseId, version}` of a lease just created. */
export const createdLeaseReply = (result: Pending) => ({
  leaseId: leaseIdOfStream(result.streamId),
  version: result.version,
});

/** `{requestId}` of a request just filed. */
export const filedRequestReply = (result: Pending) => ({ requestId: maintenanceIdOfStream(result.streamId) });

/** `{requestId, version}` of a request changed. */
export const requestWriteReply = (result: Pending) => ({
  requestId: maintenanceIdOfStream(result.streamId),
  version: result.version,
});

/** `{propertyId}` of a property just registered. */
export const registeredPropertyReply = (result: Pending) => ({
  propertyId: propertyIdOfStream(result.streamId),
});
