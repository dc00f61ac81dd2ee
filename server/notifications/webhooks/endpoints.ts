// Admin use cases for webhooks: register an endpoint (the secret is answered once), list, delete,
// read its delivery log, send it a test event. Each asks the policy itself.
import 'server-only';
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { ForbiddenError, NotFoundError } from '../../auth/errors';
import type { Actor } from '../../auth/policy';
import { rows } from '../../db/client';
import { env } from '../../env';
import type { Runtime } from '../../runtime';
import { newWebhookSecret } from './signing';

const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);

/** HTTPS anywhere; plain HTTP only on loopback (development and tests; DESIGN.md). */
const webhookUrlSchema = z
  .url({ protocol: /^https?$/, error: 'Give the endpoint as an absolute https:// URL.' })
  .max(2000)
  // zod runs these refinements even when the URL check failed: a value that is no URL at all
  // ("") must not throw from `new URL` (that was a 500); the URL check's own issue already says why.
  .refine((value) => {
    const url = URL.parse(value);
    return !url || url.protocol === 'https:' || LOOPBACK.has(url.hostname);
  }, 'Webhook endpoints must use https:// (plain http only on localhost / 127.0.0.1).')
  .refine((value) => {
    const url = URL.parse(value);
    return !url || (!url.username && !url.password);
  }, 'Put no credentials in the URL.');

const eventTypeFilterSchema = z
  .array(z.string().regex(/^[A-Z][A-Za-z0-9]{0,99}$/, 'Event types are PascalCase, e.g. PaymentReceived.'))
  .max(100);

export const registerWebhookSchema = z.strictObject({
  url: webhookUrlSchema,
  eventTypes: eventTypeFilterSchema.optional(),
  description: z.string().trim().max(500).optional(),
});
export type RegisterWebhookInput = z.infer<typeof registerWebhookSchema>;

function assertAdmin(actor: Actor): void {
  if (actor.role !== 'admin') throw new ForbiddenError('Only admins manage webhooks.');
}

export async function registerWebhook(runtime: Runtime, actor: Actor, input: RegisterWebhookInput) {
  assertAdmin(actor);
  const parsed = registerWebhookSchema.parse(input);
  const webhookId = randomUUID();
  const secret = newWebhookSecret();
  const types = parsed.eventTypes?.length ? [...new Set(parsed.eventTypes)] : null;
  await runtime.database.db.execute(
    sql`INSERT INTO webhook_endpoints (id, url, secret, event_types, description, created_by)
        VALUES (${webhookId}, ${parsed.url}, ${secret}, ${types === null ? null : JSON.stringify(types)}::jsonb,
          ${parsed.description ?? null}, ${actor.userId}::uuid)`,
  );
  return { webhookId, secret };
}

export interface WebhookSummary {
  webhookId: string;
  url: string;
  eventTypes: string[] | null;
  description: string | null;
  status: 'active' | 'disabled';
  disabledReason: string | null;
  createdAt: string;
  pending: number;
  delivered: number;
  failed: number;
}

const ISO = (column: string) =>
  sql.raw(`to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`);

export async function listWebhooks(runtime: Runtime, actor: Actor): Promise<{ webhooks: WebhookSummary[] }> {
  assertAdmin(actor);
  const found = await rows<{
    id: string;
    url: string;
    event_types: string[] | string | null;
    description: string | null;
    status: 'active' | 'disabled';
    disabled_reason: string | null;
    created_at: string;
    pending: number | string;
    delivered: number | string;
    failed: number | string;
  }>(
    runtime.database.db,
    sql`SELECT e.id::text AS id, e.url, e.event_types, e.description, e.status, e.disabled_reason,
          ${ISO('e.created_at')} AS created_at,
          count(d.id) FILTER (WHERE d.status = 'pending') AS pending,
          count(d.id) FILTER (WHERE d.status = 'delivered') AS delivered,
          count(d.id) FILTER (WHERE d.status = 'failed') AS failed
        FROM webhook_endpoints e LEFT JOIN webhook_deliveries d ON d.endpoint_id = e.id
        WHERE e.status <> 'deleted'
        GROUP BY e.id ORDER BY e.created_at, e.id`,
  );
  return {
    webhooks: found.map((row) => ({
      webhookId: row.id,
      url: row.url,
      eventTypes: typeof row.event_types === 'string' ? JSON.parse(row.event_types) : row.event_types,
      description: row.description,
      status: row.status,
      disabledReason: row.disabled_reason,
      createdAt: row.created_at,
      pending: Number(row.pending),
      delivered: Number(row.delivered),
      failed: Number(row.failed),
    })),
  };
}

async function assertEndpoint(runtime: Runtime, webhookId: string): Promise<void> {
  const [found] = await rows(
    runtime.database.db,
    sql`SELECT 1 AS one FROM webhook_endpoints WHERE id = ${webhookId}::uuid AND status <> 'deleted'`,
  );
  if (!found) throw new NotFoundError('That webhook does not exist.');
}

/** Stops deliveries to the endpoint; its delivery log is kept (pending ones end as failed). */
export async function deleteWebhook(runtime: Runtime, actor: Actor, webhookId: string): Promise<void> {
  assertAdmin(actor);
  await assertEndpoint(runtime, webhookId);
  await runtime.database.db.transaction(async (tx) => {
    await tx.execute(sql`UPDATE webhook_endpoints SET status = 'deleted' WHERE id = ${webhookId}::uuid`);
    await tx.execute(
      sql`UPDATE webhook_deliveries SET status = 'failed', last_error = 'The endpoint was deleted.', completed_at = now()
          WHERE endpoint_id = ${webhookId}::uuid AND status = 'pending'`,
    );
  });
}

export interface DeliveryLine {
  deliveryId: string;
  eventId: string;
  eventType: string;
  /** 0: not tried yet. */
  attempt: number;
  /** pending (not tried yet) | delivered | retrying | failed */
  status: string;
  responseStatus: number | null;
  at: string;
  error: string | null;
}

/** Every attempt, newest first, and the deliveries not tried yet (attempt 0). */
export async function listDeliveries(
  runtime: Runtime,
  actor: Actor,
  webhookId: string,
  limit = 200,
): Promise<{ deliveries: DeliveryLine[] }> {
  assertAdmin(actor);
  await assertEndpoint(runtime, webhookId);
  const found = await rows<{
    delivery_id: string;
    event_id: string;
    event_type: string;
    attempt: number;
    status: string;
    response_status: number | null;
    at: string;
    error: string | null;
  }>(
    runtime.database.db,
    sql`SELECT * FROM (
          SELECT d.id::text AS delivery_id, d.event_id::text AS event_id, d.event_type, a.attempt, a.status,
            a.response_status, ${ISO('a.at')} AS at, a.error, a.at AS sort_at
          FROM webhook_attempts a JOIN webhook_deliveries d ON d.id = a.delivery_id
          WHERE d.endpoint_id = ${webhookId}::uuid
          UNION ALL
          SELECT d.id::text, d.event_id::text, d.event_type, 0, d.status, NULL, ${ISO('d.created_at')}, d.last_error,
            d.created_at
          FROM webhook_deliveries d
          WHERE d.endpoint_id = ${webhookId}::uuid AND d.attempts = 0
        ) lines ORDER BY sort_at DESC, attempt DESC LIMIT ${limit}`,
  );
  return {
    deliveries: found.map((row) => ({
      deliveryId: row.delivery_id,
      eventId: row.event_id,
      eventType: row.event_type,
      attempt: Number(row.attempt),
      status: row.status,
      responseStatus: row.response_status === null ? null : Number(row.response_status),
      at: row.at,
      error: row.error,
    })),
  };
}

/** Queues a `WebhookTest` delivery (not an event of the log) to check the endpoint end to end. */
export async function sendTestEvent(
  runtime: Runtime,
  actor: Actor,
  webhookId: string,
): Promise<{ deliveryId: string; eventId: string }> {
  assertAdmin(actor);
  await assertEndpoint(runtime, webhookId);
  const deliveryId = randomUUID();
  const eventId = randomUUID();
  const payload = JSON.stringify({
    eventId,
    eventType: 'WebhookTest',
    data: { message: 'A test event sent from Leasebook.', webhookId },
    metadata: { actor: { userId: actor.userId, role: actor.role }, source: 'system' },
    recordedAt: new Date().toISOString(),
  });
  await runtime.database.db.execute(
    sql`INSERT INTO webhook_deliveries (id, endpoint_id, event_id, event_type, payload, give_up_at)
        VALUES (${deliveryId}, ${webhookId}::uuid, ${eventId}::uuid, 'WebhookTest', ${payload},
          now() + ${`${env().WEBHOOK_GIVE_UP_AFTER_MS} milliseconds`}::interval)`,
  );
  return { deliveryId, eventId };
}
