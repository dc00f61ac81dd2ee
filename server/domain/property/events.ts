// Property events: a building, its units and the notices its manager posts to tenants.
import { z } from 'zod';
import { isoDateSchema, timeZoneSchema } from '../shared/dates';
import { eventSchema } from '../shared/event';
import { positiveCentsSchema } from '../shared/money';

const id = z.string().min(1);

export const addressSchema = z.object({
  line1: z.string().trim().min(1).max(200),
  city: z.string().trim().min(1).max(100),
  state: z.string().trim().min(1).max(100),
  postalCode: z.string().trim().min(1).max(20),
});
export type Address = z.infer<typeof addressSchema>;

const unitSchema = z.object({
  unitId: id,
  label: z.string().min(1),
  marketRentCents: positiveCentsSchema,
});
export type Unit = z.infer<typeof unitSchema>;

const propertyRegisteredData = z.object({
  propertyId: id,
  name: z.string().min(1),
  address: addressSchema,
  managerId: id,
  units: z.array(unitSchema).min(1),
  /** The IANA zone its leases' "today" is taken in; events from before time zones have none (UTC). */
  timeZone: timeZoneSchema.optional(),
});

const noticePostedData = z.object({
  noticeId: id,
  title: z.string().min(1),
  body: z.string().min(1),
  /** Tenants see the notice through this day; absent means until removed. */
  expiresOn: isoDateSchema.optional(),
  postedBy: id,
  postedOn: isoDateSchema,
});

export const propertyEventSchema = z.discriminatedUnion('type', [
  eventSchema('PropertyRegistered', propertyRegisteredData),
  eventSchema('UnitAdded', unitSchema),
  eventSchema('NoticePosted', noticePostedData),
]);

export type PropertyEvent = z.infer<typeof propertyEventSchema>;
export type PropertyEventType = PropertyEvent['type'];

export const PROPERTY_EVENT_TYPES: readonly PropertyEventType[] = propertyEventSchema.options.map(
  (option) => option.shape.type.value,
);
