// Maintenance commands: a tenant files and rates a request; a manager schedules, completes, cancels.
import 'server-only';
import { leaseDecider, leaseStreamId } from '../domain/lease';
import {
  type MaintenanceCommand,
  type MaintenanceEvent,
  type MaintenanceState,
  maintenanceCommandSchema,
  maintenanceDecider,
  maintenanceStreamId,
} from '../domain/maintenance';
import { DomainError } from '../domain/shared/errors';
import { parseInput } from '../domain/shared/validate';
import type { Runtime } from '../runtime';
import { type CommandEnvelope, type CommandResult, type ExecuteOptions, execute, folderOf } from './handle';
import { newUuid, uuidFromSeed } from './ids';

type MaintenanceOptions = Pick<ExecuteOptions<MaintenanceState, MaintenanceEvent>, 'authorise'>;

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
  options: MaintenanceOptions = {},
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
    {
      ...options,
      fingerprint: input,
    },
  );
  return { ...result, requestId };
}

export async function changeMaintenance(
  runtime: Runtime,
  requestId: string,
  command: Exclude<MaintenanceCommand, { type: 'RequestMaintenance' }>,
  envelope: CommandEnvelope,
  options: MaintenanceOptions = {},
): Promise<CommandResult<MaintenanceState>> {
  const parsed = parseInput(maintenanceCommandSchema, command);
  return execute(runtime, maintenanceDecider, maintenanceStreamId(requestId), parsed, envelope, options);
}
