// The webhook sender: POSTs due deliveries to their endpoints, signed (signing.ts). Rows are
// claimed with FOR UPDATE SKIP LOCKED and a lease, as mail is. Only a 2xx ends a delivery; a 410
// disables the endpoint; anything else (or no answer) is retried with exponential backoff, never
// sooner than the endpoint's Retry-After, until the give-up time (24 h by default). Every attempt
// is recorded with the status the endpoint answered.
import 'server-only';
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { type Db, rows } from '../../db/client';
import { logger } from '../../log';
import { recordWebhookAttempt } from '../../metrics';
import { backoffMs, retryAfterMs } from '../backoff';
import { webhookHeaders } from './signing';

export interface WebhookSenderOptions {
  retryBaseMs: number;
  retryMaxMs: number;
  timeoutMs: number;
  concurrency?: number;
}

type DueRow = {
  id: string;
  endpoint_id: string;
  event_id: string;
  event_type: string;
  payload: string;
  attempts: number;
  give_up_at: string;
  url: string;
  secret: string;
  endpoint_status: string;
  [key: string]: unknown;
};

const LEASE = sql.raw(`interval '2 minutes'`);

export function createWebhookSender(db: Db, options: WebhookSenderOptions) {
  const log = logger('webhooks');
  let running: Promise<number> | null = null;

  const claim = (limit: number) =>
    rows<DueRow>(
      db,
      sql`WITH due AS (
            SELECT id FROM webhook_deliveries
            WHERE status = 'pending' AND next_attempt_at <= now() AND (locked_until IS NULL OR locked_until < now())
            ORDER BY next_attempt_at LIMIT ${limit} FOR UPDATE SKIP LOCKED)
          UPDATE webhook_deliveries d SET locked_until = now() + ${LEASE}, attempts = d.attempts + 1
          FROM due, webhook_endpoints e
          WHERE d.id = due.id AND e.id = d.endpoint_id
          RETURNING d.id::text AS id, d.endpoint_id::text AS endpoint_id, d.event_id::text AS event_id, d.event_type,
            d.payload, d.attempts, d.give_up_at::text AS give_up_at, e.url, e.secret, e.status AS endpoint_status`,
    );

  async function record(
    delivery: DueRow,
    outcome: 'delivered' | 'retrying' | 'failed',
    responseStatus: number | null,
    error: string | null,
    durationMs: number,
    retryInMs = 0,
  ): Promise<void> {
    await db.transaction(async (tx) => {
      await tx.execute(
        sql`INSERT INTO webhook_attempts (id, delivery_id, attempt, status, response_status, error, duration_ms)
            VALUES (${randomUUID()}, ${delivery.id}::uuid, ${delivery.attempts}, ${outcome}, ${responseStatus},
              ${error}, ${Math.round(durationMs)})
            ON CONFLICT (delivery_id, attempt) DO NOTHING`,
      );
      if (outcome === 'retrying') {
        await tx.execute(
          sql`UPDATE webhook_deliveries SET locked_until = NULL, last_error = ${error},
                next_attempt_at = now() + ${`${retryInMs} milliseconds`}::interval
              WHERE id = ${delivery.id}::uuid`,
        );
      } else {
        await tx.execute(
          sql`UPDATE webhook_deliveries SET status = ${outcome}, locked_until = NULL, last_error = ${error},
                completed_at = now()
              WHERE id = ${delivery.id}::uuid`,
        );
      }
    });
    recordWebhookAttempt(outcome);
  }

  async function deliver(delivery: DueRow): Promise<void> {
    if (delivery.endpoint_status !== 'active') {
      await record(delivery, 'failed', null, `The endpoint is ${delivery.endpoint_status}.`, 0);
      return;
    }
    const started = performance.now();
    let status: number | null = null;
    let error: string | null = null;
    let retryAfter: number | null = null;
    try {
      const response = await fetch(delivery.url, {
        method: 'POST',
        headers: webhookHeaders(delivery.secret, {
          eventId: delivery.event_id,
          eventType: delivery.event_type,
          body: delivery.payload,
        }),
        body: delivery.payload,
        redirect: 'manual',
        signal: AbortSignal.timeout(options.timeoutMs),
      });
      status = response.status;
      retryAfter = retryAfterMs(response.headers.get('retry-after'));
      await response.body?.cancel().catch(() => {});
      if (status < 200 || status >= 300) error = `The endpoint answered ${status}.`;
    } catch (reason) {
      error = reason instanceof Error ? `${reason.name}: ${reason.message}` : String(reason);
    }
    const took = performance.now() - started;
    if (status !== null && status >= 200 && status < 300) {
      await record(delivery, 'delivered', status, null, took);
      return;
    }
    if (status === 410) {
      await db.execute(
        sql`UPDATE webhook_endpoints SET status = 'disabled',
              disabled_reason = ${'The endpoint answered 410 Gone.'}
            WHERE id = ${delivery.endpoint_id}::uuid AND status = 'active'`,
      );
      await record(delivery, 'failed', status, 'The endpoint answered 410 Gone: it is disabled.', took);
      log.warn({ endpointId: delivery.endpoint_id }, 'webhook endpoint answered 410; disabled');
      return;
    }
    const wait = Math.max(
      backoffMs(delivery.attempts, options.retryBaseMs, options.retryMaxMs),
      retryAfter ?? 0,
    );
    if (Date.now() + wait > Date.parse(delivery.give_up_at)) {
      await record(delivery, 'failed', status, `Gave up after ${delivery.attempts} attempts: ${error}`, took);
      return;
    }
    await record(delivery, 'retrying', status, error, took, wait);
  }

  async function sendDueOnce(): Promise<number> {
    const concurrency = options.concurrency ?? 4;
    let tried = 0;
    for (;;) {
      const due = await claim(concurrency);
      if (due.length === 0) return tried;
      await Promise.all(due.map(deliver));
      tried += due.length;
    }
  }

  return {
    sendDue(): Promise<number> {
      running ??= sendDueOnce().finally(() => {
        running = null;
      });
      return running;
    },
  };
}

export type WebhookSender = ReturnType<typeof createWebhookSender>;
