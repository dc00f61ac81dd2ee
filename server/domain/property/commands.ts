// Property commands: what a manager asks of a property.
// Unit and notice ids may come from the handler; when absent the decider draws them from ctx.
import { z } from 'zod';
import { isoDateSchema, timeZoneSchema } from '../shared/dates';
import { positiveCentsSchema } from '../shared/money';
import { addressSchema } from './events';

const uuid = z.uuid();
const label = z.string().trim().min(1).max(50);

export const newUnitSchema = z.object({
  unitId: uuid.optional(),
  label,
  marketRentCents: positiveCentsSchema,
});
export type NewUnit = z.infer<typeof newUnitSchema>;

const registerPropertyCommand = z.object({
  type: z.literal('RegisterProperty'),
  propertyId: uuid,
  name: z.string().trim().min(1).max(200),
  address: addressSchema,
  managerId: uuid,
  /** The use case fills in DEFAULT_TIME_ZONE when the caller names none. */
  timeZone: timeZoneSchema,
  units: z.array(newUnitSchema).min(1).max(1000),
});

const addUnitCommand = newUnitSchema.extend({ type: z.literal('AddUnit') });

export const postNoticeCommand = z.object({
  type: z.literal('PostNotice'),
  noticeId: uuid.optional(),
  title: z.string().trim().min(1).max(200),
  body: z.string().trim().min(1).max(5000),
  expiresOn: isoDateSchema.optional(),
  postedBy: uuid,
});

export const propertyCommandSchema = z.discriminatedUnion('type', [
  registerPropertyCommand,
  addUnitCommand,
  postNoticeCommand,
]);

export type PropertyCommand = z.infer<typeof propertyCommandSchema>;
export type PropertyCommandOf<T extends PropertyCommand['type']> = Extract<PropertyCommand, { type: T }>;
