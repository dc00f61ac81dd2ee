// Helpers the write routes share: the authorise hooks handed to the command path (authorisation
// runs on the state the command loaded) and the shape of a lease write's response.
import 'server-only';
import { NotFoundError } from '../auth/errors';
import {
  type Actor,
  assertCanReadLease,
  authoriseLeaseCommand,
  authoriseMaintenanceCommand,
  leaseAccessOfState,
  propertyManagerOf,
} from '../auth/policy';
import type { CommandResult } from '../commands/handle';
import type { LeaseCommand, LeaseState } from '../domain/lease';
import type { MaintenanceCommand, MaintenanceState } from '../domain/maintenance';
import type { Runtime } from '../runtime';

/** The `authorise` hook for a lease command: unknown or not yours → 404; not your kind → 403. */
export const leaseAuthoriser =
  (runtime: Runtime, actor: Actor, command: { type: LeaseCommand['type'] }) =>
  async (state: LeaseState): Promise<void> => {
    const access = await leaseAccessOfState(runtime, state);
    assertCanReadLease(actor, access);
    authoriseLeaseCommand(actor, command, access);
  };

/** The `authorise` hook for a change to a maintenance request. */
export const maintenanceAuthoriser =
  (runtime: Runtime, actor: Actor, commandType: MaintenanceCommand['type']) =>
  async (state: MaintenanceState): Promise<void> => {
    if (state.status === 'none') throw new NotFoundError('That maintenance request does not exist.');
    const managerId = await propertyManagerOf(runtime, state.propertyId);
    authoriseMaintenanceCommand(actor, commandType, { ...state, managerId });
  };

/** `{leaseId, version, events:[{eventId, eventType, version}]}` */
export const leaseWriteBody = (leaseId: string, result: CommandResult<unknown>) => ({
  leaseId,
  version: result.version,
  events: result.events.map(({ eventId, eventType, version }) => ({ eventId, eventType, version })),
});
