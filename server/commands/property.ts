// Property commands: register a property with its units, add a unit, post a notice. These run a
// command as given (the seed, tests); the use cases in ./portfolio.ts run them for an actor.
import 'server-only';
import { type Actor, authoriseProperty, type PropertyAction } from '../auth/policy';
import {
  type PropertyCommand,
  type PropertyState,
  propertyCommandSchema,
  propertyDecider,
  propertyStreamId,
} from '../domain/property';
import { parseInput } from '../domain/shared/validate';
import type { Runtime } from '../runtime';
import { type CommandEnvelope, type CommandResult, type ExecuteOptions, execute } from './handle';
import { newUuid, uuidFromSeed } from './ids';

type PropertyOptions = Pick<ExecuteOptions<PropertyState, never>, 'authorise'>;
type PropertyChange = Exclude<PropertyCommand, { type: 'RegisterProperty' }>;
type RegisterPropertyCommand = Extract<PropertyCommand, { type: 'RegisterProperty' }>;
/** `timeZone` defaults to the runtime's `DEFAULT_TIME_ZONE`. */
export type RegisterPropertyInput = Omit<RegisterPropertyCommand, 'type' | 'propertyId' | 'timeZone'> & {
  timeZone?: string;
};

export async function registerProperty(
  runtime: Runtime,
  input: RegisterPropertyInput,
  envelope: CommandEnvelope,
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
    timeZone: input.timeZone ?? runtime.defaultTimeZone,
    units,
    type: 'RegisterProperty',
    propertyId,
  });
  const result = await execute(runtime, propertyDecider, propertyStreamId(propertyId), command, envelope);
  return { ...result, propertyId };
}

export function changeProperty(
  runtime: Runtime,
  propertyId: string,
  command: PropertyChange,
  envelope: CommandEnvelope,
): Promise<CommandResult<PropertyState>> {
  return runChange(runtime, propertyId, command, envelope);
}

/** A change to a property for `actor`: the policy decides on the property the command loaded. */
export function changePropertyAs(
  runtime: Runtime,
  actor: Actor,
  action: PropertyAction,
  propertyId: string,
  command: PropertyChange,
  envelope: CommandEnvelope,
): Promise<CommandResult<PropertyState>> {
  return runChange(runtime, propertyId, command, envelope, {
    authorise: (state) => authoriseProperty(actor, action, state.status === 'none' ? null : state),
  });
}

function runChange(
  runtime: Runtime,
  propertyId: string,
  command: PropertyChange,
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
