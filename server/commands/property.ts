// Property commands: register a property with its units, add a unit, post a notice.
import 'server-only';
import {
  type PropertyCommand,
  type PropertyEvent,
  type PropertyState,
  propertyCommandSchema,
  propertyDecider,
  propertyStreamId,
} from '../domain/property';
import { parseInput } from '../domain/shared/validate';
import type { Runtime } from '../runtime';
import { type CommandEnvelope, type CommandResult, type ExecuteOptions, execute } from './handle';
import { newUuid, uuidFromSeed } from './ids';

type PropertyOptions = Pick<ExecuteOptions<PropertyState, PropertyEvent>, 'authorise'>;
export type RegisterPropertyInput = Omit<
  Extract<PropertyCommand, { type: 'RegisterProperty' }>,
  'type' | 'propertyId'
>;

export async function registerProperty(
  runtime: Runtime,
  input: RegisterPropertyInput,
  envelope: CommandEnvelope,
  options: PropertyOptions = {},
): Promise<CommandResult<PropertyState> & { propertyId: string }> {
  const seed = envelope.commandId;
  const propertyId = seed ? uuidFromSeed(`property:${seed}`) : newUuid();
  // Unit ids, too, must not change when the same request is sent again.
  const units = input.units.map((unit, i) => ({
    ...unit,
    unitId: unit.unitId ?? (seed ? uuidFromSeed(`unit:${seed}:${i}`) : newUuid()),
  }));
  const command = parseInput(propertyCommandSchema, {
    ...input,
    units,
    type: 'RegisterProperty',
    propertyId,
  });
  const result = await execute(
    runtime,
    propertyDecider,
    propertyStreamId(propertyId),
    command,
    envelope,
    options,
  );
  return { ...result, propertyId };
}

export async function changeProperty(
  runtime: Runtime,
  propertyId: string,
  command: Exclude<PropertyCommand, { type: 'RegisterProperty' }>,
  envelope: CommandEnvelope,
  options: PropertyOptions = {},
): Promise<CommandResult<PropertyState>> {
  const seed = envelope.commandId;
  const withIds =
    command.type === 'PostNotice' && !command.noticeId && seed
      ? { ...command, noticeId: uuidFromSeed(`notice:${seed}`) }
      : command.type === 'AddUnit' && !command.unitId && seed
        ? { ...command, unitId: uuidFromSeed(`unit:${seed}`) }
        : command;
  const parsed = parseInput(propertyCommandSchema, withIds);
  return execute(runtime, propertyDecider, propertyStreamId(propertyId), parsed, envelope, options);
}
