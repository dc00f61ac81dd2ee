// Tables of the notifications context: the in-app inbox, the mail outbox (every email, sent or
// not), tenants' email preferences, and webhook endpoints with their deliveries and attempts.
// Each row that a subscriber writes carries a unique key derived from the event (or the job) and
// the recipient, so a replayed event or a second process can never write it twice.
import { sql } from 'drizzle-orm';
import {
  boolean,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { users } from '../auth/tables';

const at = (name: string) => timestamp(name, { withTimezone: true, precision: 3, mode: 'string' });

export const NOTIFICATION_KINDS = [
  'payment_receipt',
  'payment_reversed',
  'late_fee',
  'rent_reminder',
  'autopay_taken',
  'autopay_failed',
  'maintenance_requested',
  'maintenance_scheduled',
  'maintenance_completed',
  'notice_posted',
  'invitation',
  'password_reset',
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

/** One entry of a user's inbox. `dedupe_key` = what caused it + the recipient. */
export const notifications = pgTable(
  'notifications',
  {
    id: uuid('id').primaryKey(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: NOTIFICATION_KINDS }).notNull(),
    title: text('title').notNull(),
    body: text('body').notNull(),
    /** A path inside the app (`/tenant/leases/…`). */
    link: text('link').notNull(),
    dedupeKey: text('dedupe_key').notNull(),
    /** The event it reacts to, when it comes from the log. */
    eventId: uuid('event_id'),
    createdAt: at('created_at').notNull().defaultNow(),
    readAt: at('read_at'),
  },
  (t) => [
    uniqueIndex('notifications_dedupe_uq').on(t.dedupeKey),
    index('notifications_user_idx').on(t.userId, t.createdAt),
    index('notifications_unread_idx').on(t.userId).where(sql`${t.readAt} IS NULL`),
  ],
);

export const OUTBOX_STATUSES = ['pending', 'sent', 'failed'] as const;
export type OutboxStatus = (typeof OUTBOX_STATUSES)[number];

/**
 * Every email, from queued to sent or given up. `dedupe_key` makes it at most one per (cause,
 * recipient, channel). `locked_until` is a sender's lease on a row it is sending right now.
 */
export const outboxMessages = pgTable(
  'outbox_messages',
  {
    id: uuid('id').primaryKey(),
    dedupeKey: text('dedupe_key').notNull(),
    notificationId: uuid('notification_id'),
    kind: text('kind', { enum: NOTIFICATION_KINDS }).notNull(),
    userId: uuid('user_id').references(() => users.id, { onDelete: 'set null' }),
    toAddress: text('to_address').notNull(),
    subject: text('subject').notNull(),
    textBody: text('text_body').notNull(),
    htmlBody: text('html_body').notNull(),
    /** Holds a secret link (invite, password reset): hidden from the outbox page, wiped once sent. */
    sensitive: boolean('sensitive').notNull().default(false),
    status: text('status', { enum: OUTBOX_STATUSES }).notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    lastError: text('last_error'),
    nextAttemptAt: at('next_attempt_at').notNull().defaultNow(),
    lockedUntil: at('locked_until'),
    giveUpAt: at('give_up_at').notNull(),
    createdAt: at('created_at').notNull().defaultNow(),
    sentAt: at('sent_at'),
  },
  (t) => [
    uniqueIndex('outbox_dedupe_uq').on(t.dedupeKey),
    index('outbox_due_idx').on(t.nextAttemptAt).where(sql`${t.status} = 'pending'`),
    index('outbox_status_idx').on(t.status, t.createdAt),
  ],
);

/** A user's email choices; no row = the defaults (everything on). */
export const notificationPreferences = pgTable('notification_preferences', {
  userId: uuid('user_id')
    .primaryKey()
    .references(() => users.id, { onDelete: 'cascade' }),
  reminderEmails: boolean('reminder_emails').notNull().default(true),
  updatedAt: at('updated_at').notNull().defaultNow(),
});

export const WEBHOOK_STATUSES = ['active', 'disabled', 'deleted'] as const;

export const webhookEndpoints = pgTable(
  'webhook_endpoints',
  {
    id: uuid('id').primaryKey(),
    url: text('url').notNull(),
    /** `whsec_<base64>`: needed to sign, so kept as given (shown to the admin once). */
    secret: text('secret').notNull(),
    /** Event types delivered; null = every type. */
    eventTypes: jsonb('event_types').$type<string[] | null>(),
    description: text('description'),
    status: text('status', { enum: WEBHOOK_STATUSES }).notNull().default('active'),
    disabledReason: text('disabled_reason'),
    createdBy: uuid('created_by'),
    createdAt: at('created_at').notNull().defaultNow(),
  },
  (t) => [index('webhook_endpoints_status_idx').on(t.status)],
);

export const DELIVERY_STATUSES = ['pending', 'delivered', 'failed'] as const;

/** One event for one endpoint: retried until a 2xx, a 410, or the give-up time. */
export const webhookDeliveries = pgTable(
  'webhook_deliveries',
  {
    id: uuid('id').primaryKey(),
    endpointId: uuid('endpoint_id')
      .notNull()
      .references(() => webhookEndpoints.id, { onDelete: 'cascade' }),
    eventId: uuid('event_id').notNull(),
    eventType: text('event_type').notNull(),
    /** The exact body sent (and signed) on every attempt. */
    payload: text('payload').notNull(),
    status: text('status', { enum: DELIVERY_STATUSES }).notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: at('next_attempt_at').notNull().defaultNow(),
    lockedUntil: at('locked_until'),
    giveUpAt: at('give_up_at').notNull(),
    lastError: text('last_error'),
    createdAt: at('created_at').notNull().defaultNow(),
    completedAt: at('completed_at'),
  },
  (t) => [
    uniqueIndex('webhook_deliveries_event_uq').on(t.endpointId, t.eventId),
    index('webhook_deliveries_due_idx').on(t.nextAttemptAt).where(sql`${t.status} = 'pending'`),
  ],
);

/** Every HTTP attempt of a delivery, with what the endpoint answered. */
export const webhookAttempts = pgTable(
  'webhook_attempts',
  {
    id: uuid('id').primaryKey(),
    deliveryId: uuid('delivery_id')
      .notNull()
      .references(() => webhookDeliveries.id, { onDelete: 'cascade' }),
    attempt: integer('attempt').notNull(),
    /** delivered | retrying | failed (410 or given up) */
    status: text('status').notNull(),
    responseStatus: integer('response_status'),
    error: text('error'),
    durationMs: integer('duration_ms').notNull(),
    at: at('at').notNull().defaultNow(),
  },
  (t) => [uniqueIndex('webhook_attempts_uq').on(t.deliveryId, t.attempt)],
);

export type NotificationRow = typeof notifications.$inferSelect;
export type OutboxRow = typeof outboxMessages.$inferSelect;
export type NewOutboxRow = typeof outboxMessages.$inferInsert;
export type WebhookEndpointRow = typeof webhookEndpoints.$inferSelect;
export type WebhookDeliveryRow = typeof webhookDeliveries.$inferSelect;
