// Maintenance as tenants and managers drive it: a tenant files a request on their own lease and
// rates it once completed; the property's manager schedules, completes or cancels it. One use case
// each for the API and the web; each authorises itself through the policy.
import 'server-only';
import { type Actor, assertCanReadLease, authoriseMaintenanceCommand, leaseAccessOf } from '../auth/policy';
import type { MaintenanceCommand, MaintenanceCommandOf } from '../domain/maintenance';
import type { Runtime } from '../runtime';
import type { CommandEnvelope } from './handle';
import { changeMaintenanceAs, type RequestMaintenanceInput, requestMaintenance } from './maintenance';

type Input<T extends MaintenanceCommand['type']> = { requestId: string } & Omit<
  MaintenanceCommandOf<T>,
  'type'
>;

/** A tenant files a request on their own lease (property, unit and tenant come from the lease). */
export async function fileMaintenanceRequest(
  runtime: Runtime,
  actor: Actor,
  input: RequestMaintenanceInput,
  envelope: CommandEnvelope,
) {
  const lease = await leaseAccessOf(runtime, input.leaseId);
  assertCanReadLease(actor, lease);
  authoriseMaintenanceCommand(actor, 'RequestMaintenance', lease);
  return requestMaintenance(runtime, input, envelope);
}

export const scheduleMaintenance = (
  runtime: Runtime,
  actor: Actor,
  { requestId, scheduledFor }: Input<'ScheduleMaintenance'>,
  envelope: CommandEnvelope,
) => changeMaintenanceAs(runtime, actor, requestId, { type: 'ScheduleMaintenance', scheduledFor }, envelope);

export const completeMaintenance = (
  runtime: Runtime,
  actor: Actor,
  { requestId, resolution }: Input<'CompleteMaintenance'>,
  envelope: CommandEnvelope,
) => changeMaintenanceAs(runtime, actor, requestId, { type: 'CompleteMaintenance', resolution }, envelope);

export const cancelMaintenance = (
  runtime: Runtime,
  actor: Actor,
  { requestId, reason }: Input<'CancelMaintenance'>,
  envelope: CommandEnvelope,
) => changeMaintenanceAs(runtime, actor, requestId, { type: 'CancelMaintenance', reason }, envelope);

/** The tenant rates their completed request, once. */
export const rateMaintenance = (
  runtime: Runtime,
  actor: Actor,
  { requestId, rating, comment }: Input<'RateMaintenance'>,
  envelope: CommandEnvelope,
) => changeMaintenanceAs(runtime, actor, requestId, { type: 'RateMaintenance', rating, comment }, envelope);
