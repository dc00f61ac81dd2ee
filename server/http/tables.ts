// The first response to each `Idempotency-Key`, replayed to every later request with that key.
import { integer, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

export const idempotentResponses = pgTable('idempotent_responses', {
  /** `http:<userId>:<METHOD> <path>:<key>` — the same string is the command id. */
  key: text('key').primaryKey(),
  /** sha256 of method + path + canonical body. */
  requestHash: text('request_hash').notNull(),
  status: integer('status').notNull(),
  body: jsonb('body').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true, precision: 3, mode: 'string' })
    .notNull()
    .defaultNow(),
});

export type IdempotentResponseRow = typeof idempotentResponses.$inferSelect;
