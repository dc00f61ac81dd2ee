// Query-string schemas of the read endpoints (shared by the routes and the OpenAPI document).
// Search params arrive as strings; an empty value (`?status=`) means "not given".
import { z } from 'zod';
import { addDays, isoDateSchema, todayUtc } from '../domain/shared/dates';
import { LEASE_STATUSES } from './lease-statuses';

const blank = (value: unknown) => (value === '' ? undefined : value);
const optional = <T extends z.ZodType>(schema: T) => z.preprocess(blank, schema.optional());
const cents = z.coerce.number().int().min(0).max(2_147_483_647);

export const leaseListQuery = z.strictObject({
  status: optional(z.enum(LEASE_STATUSES)),
  q: optional(z.string().trim().max(200)),
});

export const propertySearchQuery = z
  .strictObject({
    q: optional(z.string().trim().max(200)),
    city: optional(z.string().trim().max(100)),
    vacant: optional(z.enum(['true', 'false']).transform((value) => value === 'true')),
    minRentCents: optional(cents),
    maxRentCents: optional(cents),
  })
  .refine(
    (q) => q.minRentCents === undefined || q.maxRentCents === undefined || q.minRentCents <= q.maxRentCents,
    {
      message: 'minRentCents must not exceed maxRentCents.',
      path: ['minRentCents'],
    },
  );

/** The longest analytics range: five years of months is plenty and bounds the work. */
const MAX_ANALYTICS_DAYS = 5 * 366;

/** from/to default to the last 12 months up to today. */
export const analyticsQuery = z
  .strictObject({ from: optional(isoDateSchema), to: optional(isoDateSchema) })
  .transform((q) => {
    const to = q.to ?? todayUtc(new Date());
    const from = q.from ?? `${addDays(`${to.slice(0, 7)}-01`, -335).slice(0, 7)}-01`;
    return { from, to };
  })
  .refine((q) => q.from <= q.to, { message: 'from must be on or before to.', path: ['from'] })
  .refine((q) => addDays(q.from, MAX_ANALYTICS_DAYS) >= q.to, {
    message: `The range may span at most ${MAX_ANALYTICS_DAYS} days.`,
    path: ['to'],
  });
