// Maintenance commands: a tenant files and rates a request; a manager schedules, completes, cancels.
// `requestMaintenance` and `changeMaintenance` run a command as given (the seed, tests); the use
// cases in ./maintenance-requests.ts run them for an actor through `changeMaintenanceAs`.
import 'server-only';
import { NotFoundError } from '../auth/errors';
import { type Actor, authoriseMaintenanceCommand, propertyManagerOf } from '../auth/policy';
import { leaseDecider, leaseStreamId } from '../domain/lease';
import {
  type MaintenanceCommand,
  type MaintenanceState,
  maintenanceCommandSchema,
  maintenanceDecider,
  maintenanceStreamId,
} from '../domain/maintenance';
import { DomainError } from '../domain/shared/errors';
import { parseInput } from '../domain/shared/validate';
import { folderOf } from '../eventstore';
import type { Runtime } from '../runtime';
import { type CommandEnvelope, type CommandResult, type ExecuteOptions, execute } from './handle';
import { newUuid, uuidFromSeed } from './ids';

export interface RequestMaintenanceInput {
  leaseId: string;
  category: string;
  priority: string;
  description: string;
}

/** Files a request against a lease; property, unit and tenant come from the lease itself. */
export async function requestMaintenance(
  runtime: Runtime,
  input: RequestMaintenanceInput,
  envelope: CommandEnvelope,
): Promise<CommandResult<MaintenanceState> & { requestId: string }> {
  const requestId = envelope.commandId ? uuidFromSeed(`maintenance:${envelope.commandId}`) : newUuid();
  const leaseId = parseInput(maintenanceCommandSchema.options[0].shape.leaseId, input.leaseId);
  const lease = await runtime.store.load(leaseStreamId(leaseId), folderOf(leaseDecider));
  if (lease.state.status === 'none')
    throw new DomainError('lease_not_found', 'That lease does not exist.', 'leaseId');
  const command = parseInput(maintenanceCommandSchema, {
    type: 'RequestMaintenance',
    requestId,
    leaseId,
    propertyId: lease.state.propertyId,
    unitId: lease.state.unitId,
    tenantId: lease.state.tenantId,
    category: input.category,
    priority: input.priority,
    description: input.description,
  });
  const result = await execute(
    runtime,
    maintenanceDecider,
    maintenanceStreamId(requestId),
    command,
    envelope,
    { fingerprint: input },
  );
  return { ...result, requestId };
}

type MaintenanceChange = Exclude<MaintenanceCommand, { type: 'RequestMaintenance' }>;

export function changeMaintenance(
  runtime: Runtime,
  requestId: string,
  command: MaintenanceChange,
  envelope: CommandEnvelope,
): Promise<CommandResult<MaintenanceState>> {
  return runChange(runtime, requestId, command, envelope);
}

/** A change to a request for `actor`: the policy decides on the request the command loaded. */
export function changeMaintenanceAs(
  runtime: Runtime,
  actor: Actor,
  requestId: string,
  command: MaintenanceChange,
  envelope: CommandEnvelope,
): Promise<CommandResult<MaintenanceState>> {
  return runChange(runtime, requestId, command, envelope, {
    authorise: async (state) => {
      if (state.status === 'none') throw new NotFoundError('That maintenance request does not exist.');
      const managerId = await propertyManagerOf(runtime, state.propertyId);
      authoriseMaintenanceCommand(actor, command.type, { ...state, managerId });
    },
  });
}

function runChange(
  runtime: Runtime,
  requestId: string,
  command: MaintenanceChange,
  envelope: CommandEnvelope,
  options: Pick<ExecuteOptions<MaintenanceState, never>, 'authorise'> = {},
): Promise<CommandResult<MaintenanceState>> {
  const parsed = parseInput(maintenanceCommandSchema, command);
  return execute(runtime, maintenanceDecider, maintenanceStreamId(requestId), parsed, envelope, options);
}
