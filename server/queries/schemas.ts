// Query-string schemas of the read endpoints (shared by the routes and the OpenAPI document).
// Search params arrive as strings; an empty value (`?status=`) means "not given".
import { z } from 'zod';
import { addDays, isoDateSchema, todayUtc } from '../domain/shared/dates';
import { LEASE_STATUSES } from './lease-statuses';

const blank = (value: unknown) => (value === '' ? undefined : value);
const optional = <T extends z.ZodType>(schema: T) => z.preprocess(blank, schema.optional());
const cents = z.coerce.number().int().min(0).max(2_147_483_647);

/**
 * Paging (API.md): `limit` 1–500, default 100; `cursor` is the `next` of the previous page, an
 * opaque token (base64url JSON of the last row's sort key) that only the same list can read.
 */
const DEFAULT_PAGE = 100;
const MAX_PAGE = 500;

export type Cursor = readonly [string, string];

export const encodeCursor = (key: Cursor): string => Buffer.from(JSON.stringify(key)).toString('base64url');

/** A cursor whose key is [first, an id]; anything else is a 400 on `cursor`, never a query. */
const cursorOf = (first: z.ZodType<string>) => {
  const key = z.tuple([first, z.uuid()]);
  return z
    .string()
    .max(1_000)
    .transform((token, ctx): Cursor => {
      let decoded: unknown;
      try {
        decoded = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
      } catch {
        decoded = undefined;
      }
      const parsed = key.safeParse(decoded);
      if (parsed.success) return parsed.data;
      ctx.addIssue({ code: 'custom', message: 'Use the next value of the previous page as the cursor.' });
      return z.NEVER;
    });
};

const pageLimit = optional(z.coerce.number().int().min(1).max(MAX_PAGE)).transform(
  (limit) => limit ?? DEFAULT_PAGE,
);

export const leaseListQuery = z.strictObject({
  status: optional(z.enum(LEASE_STATUSES)),
  q: optional(z.string().trim().max(200)),
  propertyId: optional(z.uuid()),
  limit: pageLimit,
  /** Newest start first: the key is [start date, lease id]. */
  cursor: optional(cursorOf(isoDateSchema)),
});

export const propertySearchQuery = z
  .strictObject({
    q: optional(z.string().trim().max(200)),
    city: optional(z.string().trim().max(100)),
    vacant: optional(z.enum(['true', 'false']).transform((value) => value === 'true')),
    minRentCents: optional(cents),
    maxRentCents: optional(cents),
    limit: pageLimit,
    /** By name: the key is [name, property id]. */
    cursor: optional(cursorOf(z.string().max(200))),
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
