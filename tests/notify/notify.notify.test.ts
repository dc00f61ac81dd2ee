// Notifications against the production build (`next start` on PostgreSQL), black box: a real SMTP
// server (smtp-server) receives the receipt of a payment made over HTTP; with it stopped, payments
// answer 201 as fast as before (p50 both ways, printed) and the mail waits, then arrives once each
// within a minute of the restart; a webhook receiver verifies Standard Webhooks signatures,
// answers 500 twice and then 200, and acknowledges each event once; and the event bus survives a
// kill -9 while publishing to JetStream (every event once, in commit order), skipped with the
// reason when no NATS server answers on 127.0.0.1:4222.
//   Run by `npm run test:notify` (scripts/test-notify.ts), which makes and seeds the database.
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import postgres from 'postgres';
import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { percentile, request, signIn } from '../http/client';
import { TestMailServer } from '../support/mail-server';
import { AppProcess, freePort } from './app-process';

const DATABASE_URL = process.env.LEASEBOOK_NOTIFY_DATABASE_URL ?? '';
const PASSWORD = 'leasebook-demo';
const LOG_DIR = fs.mkdtempSync(path.join(os.tmpdir(), 'leasebook-notify-'));
const REPORT = process.env.LEASEBOOK_NOTIFY_REPORT;
const figures: Record<string, string | number> = {};

function report(key: string, value: string | number) {
  figures[key] = value;
  console.log(`notify: ${key} = ${value}`);
  if (REPORT) fs.writeFileSync(REPORT, JSON.stringify(figures, null, 2));
}

async function until<T>(
  what: string,
  timeoutMs: number,
  probe: () => Promise<T | undefined> | T | undefined,
) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

const smtp = new TestMailServer();
let app: AppProcess;
let tenant = '';
let admin = '';
let leaseId = '';
const sql = postgres(DATABASE_URL || 'postgres://invalid', { max: 2, onnotice: () => {} });

async function pay(amountCents: number) {
  return request(app.baseUrl, 'POST', `/api/v1/leases/${leaseId}/payments`, {
    cookie: tenant,
    headers: { 'idempotency-key': randomUUID() },
    body: { amountCents, method: 'card' },
  });
}

beforeAll(async () => {
  if (!DATABASE_URL) throw new Error('LEASEBOOK_NOTIFY_DATABASE_URL is not set: run `npm run test:notify`.');
  await smtp.start();
  const port = await freePort();
  app = new AppProcess(
    port,
    {
      DATABASE_URL,
      SMTP_URL: smtp.url,
      MAIL_FROM: 'Leasebook <no-reply@leasebook.test>',
      APP_URL: `http://127.0.0.1:${port}`,
      // Webhook retries in seconds rather than minutes, so the spec sees three attempts quickly.
      WEBHOOK_RETRY_BASE_MS: '300',
      WEBHOOK_RETRY_MAX_MS: '2000',
    },
    path.join(LOG_DIR, 'app.log'),
  );
  await app.start();
  tenant = await signIn(app.baseUrl, 'tenant@example.com', PASSWORD);
  admin = await signIn(app.baseUrl, 'admin@example.com', PASSWORD);
  const leases = await request(app.baseUrl, 'GET', '/api/v1/leases', { cookie: tenant });
  leaseId = leases.body.leases[0].leaseId;
}, 900_000);

afterAll(async () => {
  await app?.stop();
  await smtp.stop();
  await sql.end();
  console.log(`notify: app logs in ${LOG_DIR}`);
});

describe('email over SMTP', () => {
  it('emails the receipt of a payment made over HTTP', async () => {
    const reply = await pay(1_234);
    expect(reply.status).toBe(201);
    const mail = await until('the receipt', 30_000, () =>
      smtp.received.find(
        (m) => m.subject === 'Payment received: $12.34' && m.to.includes('tenant@example.com'),
      ),
    );
    expect(mail.raw).toContain(`${app.baseUrl}/tenant/payments/${reply.body.paymentId}`);
    expect(mail.raw).toContain('Content-Type: text/html');
    expect(mail.messageId).toMatch(/^<[0-9a-f-]{36}@127\.0\.0\.1>$/);
  });

  it('keeps payments as fast while the mail server is down, and delivers every message once after it returns', async () => {
    const N = 25;
    const timed = async (cents: number) => {
      const ms: number[] = [];
      for (let i = 0; i < N; i += 1) {
        const reply = await pay(cents);
        expect(reply.status).toBe(201);
        ms.push(reply.ms);
      }
      return ms;
    };
    await timed(100); // warm-up: the first requests of a fresh process pay for compilation and pools
    const up = await timed(101);
    await until('the receipts sent while up', 60_000, () =>
      smtp.received.filter((m) => m.subject === 'Payment received: $1.01').length === N ? true : undefined,
    );
    await smtp.stop();
    const down = await timed(102);
    const p50Up = percentile(up, 50);
    const p50Down = percentile(down, 50);
    report('payment p50 with SMTP up (ms)', Math.round(p50Up));
    report('payment p50 with SMTP down (ms)', Math.round(p50Down));
    report(
      'payment p90 with SMTP up / down (ms)',
      `${Math.round(percentile(up, 90))} / ${Math.round(percentile(down, 90))}`,
    );
    expect(p50Down).toBeLessThan(p50Up * 1.5 + 25);

    // The receipts wait in the outbox with the reason, visible to an admin.
    const pending = await until('receipts pending with an error', 30_000, async () => {
      const outbox = await request(app.baseUrl, 'GET', '/api/v1/outbox?status=pending', { cookie: admin });
      const waiting = outbox.body.messages.filter(
        (m: { subject: string; attempts: number; lastError: string | null }) =>
          m.subject === 'Payment received: $1.02' && m.attempts >= 1 && m.lastError,
      );
      return waiting.length === N ? waiting : undefined;
    });
    expect(pending[0].lastError).toMatch(/ECONNREFUSED|connect/i);
    // Let the backoff grow a little, as a real outage would.
    await new Promise((resolve) => setTimeout(resolve, 5_000));

    const restarted = performance.now();
    await smtp.start();
    await until('every receipt after the restart', 60_000, () =>
      smtp.received.filter((m) => m.subject === 'Payment received: $1.02').length >= N ? true : undefined,
    );
    report('SMTP restart to last message delivered (s)', ((performance.now() - restarted) / 1000).toFixed(1));
    // Nothing more arrives later: each message once.
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    const receipts = smtp.received.filter((m) => m.subject === 'Payment received: $1.02');
    expect(receipts).toHaveLength(N);
    expect(new Set(receipts.map((m) => m.messageId)).size).toBe(N);
  });
});

describe('webhooks', () => {
  it('signs every delivery, retries a 500 (honouring Retry-After) and stops at the 200', async () => {
    const seen = new Map<string, { at: number; status: number; verified: boolean }[]>();
    let secret = '';
    const receiver = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        const body = Buffer.concat(chunks).toString('utf8');
        const id = String(req.headers['webhook-id']);
        let verified = false;
        try {
          new Webhook(secret).verify(body, req.headers as Record<string, string>);
          verified = JSON.parse(body).eventId === id;
        } catch {}
        const attempts = seen.get(id) ?? [];
        const status = attempts.length < 2 ? 500 : 200;
        attempts.push({ at: performance.now(), status, verified });
        seen.set(id, attempts);
        res.writeHead(status, attempts.length === 1 ? { 'retry-after': '1' } : {}).end();
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    const address = receiver.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    try {
      const created = await request(app.baseUrl, 'POST', '/api/v1/webhooks', {
        cookie: admin,
        body: { url: `http://127.0.0.1:${port}/hooks`, eventTypes: ['PaymentReceived'], description: 'spec' },
      });
      expect(created.status).toBe(201);
      expect(created.body.secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
      secret = created.body.secret;
      const paid = [];
      for (let i = 0; i < 3; i += 1) paid.push(await pay(200 + i));
      const eventIds = paid.map(
        (reply) =>
          reply.body.events.find((e: { eventType: string }) => e.eventType === 'PaymentReceived').eventId,
      );
      await until('three acknowledged deliveries', 60_000, () =>
        eventIds.every((id) => seen.get(id)?.some((a) => a.status === 200)) ? true : undefined,
      );
      await new Promise((resolve) => setTimeout(resolve, 2_000));
      for (const id of eventIds) {
        const attempts = seen.get(id) ?? [];
        expect(attempts.map((a) => a.status)).toEqual([500, 500, 200]);
        expect(attempts.every((a) => a.verified)).toBe(true);
        expect((attempts[1]?.at ?? 0) - (attempts[0]?.at ?? 0)).toBeGreaterThanOrEqual(950);
      }
      expect([...seen.keys()].sort()).toEqual([...eventIds].sort());
      const log = await request(app.baseUrl, 'GET', `/api/v1/webhooks/${created.body.webhookId}/deliveries`, {
        cookie: admin,
      });
      expect(log.status).toBe(200);
      expect(log.body.deliveries.filter((d: { status: string }) => d.status === 'delivered')).toHaveLength(3);
      expect(
        log.body.deliveries.filter((d: { responseStatus: number }) => d.responseStatus === 500),
      ).toHaveLength(6);
      await request(app.baseUrl, 'DELETE', `/api/v1/webhooks/${created.body.webhookId}`, { cookie: admin });
    } finally {
      receiver.close();
    }
  });
});

function natsAnswers(): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(4222, '127.0.0.1');
    socket.setTimeout(1_000);
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
    socket.once('timeout', () => resolve(false));
  });
}

// Skipped only when no NATS server listens on 127.0.0.1:4222 (start one with `nats-server -js`).
const natsAvailable = await natsAnswers();

describe.skipIf(!natsAvailable)('event bus (NATS JetStream on 127.0.0.1:4222)', () => {
  it('publishes every event once, in commit order, across a kill -9 while publishing', async () => {
    const suffix = `${Date.now()}`;
    const stream = `LB_HTTP_${suffix}`;
    const prefix = `lbhttp${suffix}`;
    const nc = await connect({ servers: 'nats://127.0.0.1:4222' });
    const jsm = await jetstreamManager(nc);
    const stored = async () => (await jsm.streams.info(stream).catch(() => null))?.state.messages ?? 0;
    await app.stop();
    // Small batches, so the backlog takes a while and the kill lands in the middle of it.
    const busEnv = {
      ...app.env,
      EVENT_BUS_URL: 'nats://127.0.0.1:4222',
      EVENT_BUS_STREAM: stream,
      EVENT_BUS_SUBJECT_PREFIX: prefix,
    };
    const first = new AppProcess(
      app.port,
      { ...busEnv, SUBSCRIBER_BATCH_SIZE: '5' },
      path.join(LOG_DIR, 'bus-1.log'),
    );
    const [counted] = await sql<{ n: number }[]>`SELECT count(*)::int AS n FROM events`;
    const total = counted?.n ?? 0;
    void first.start().catch(() => {});
    const atKill = await until('part of the backlog published', 600_000, async () => {
      const n = await stored();
      return n >= 50 ? n : undefined;
    });
    await first.kill();
    const afterKill = await stored();
    report('event bus: published before kill -9 / committed', `${afterKill} / ${total}`);
    expect(atKill).toBeLessThan(total);

    app = new AppProcess(app.port, busEnv, path.join(LOG_DIR, 'bus-2.log'));
    const restarted = performance.now();
    await app.start();
    const committed = await sql<{ event_id: string }[]>`
      SELECT event_id::text AS event_id FROM events ORDER BY tx_id, global_position`;
    await until('the whole log in the stream', 120_000, async () =>
      (await stored()) >= committed.length ? true : undefined,
    );
    const seconds = (performance.now() - restarted) / 1000;
    const info = await jsm.streams.info(stream);
    const ids: string[] = [];
    const times: number[] = [];
    for (let seq = info.state.first_seq; seq <= info.state.last_seq; seq += 1) {
      const message = await jsm.streams.getMessage(stream, { seq });
      ids.push(message?.header?.get('Nats-Msg-Id') ?? '');
      times.push(message?.time.getTime() ?? 0);
    }
    expect(ids).toEqual(committed.map((e) => e.event_id));
    // Throughput: the backlog left after the kill, published by the restarted process (batches of 200).
    const tail = times.slice(afterKill);
    const span = ((tail[tail.length - 1] ?? 0) - (tail[0] ?? 0)) / 1000;
    report(
      'event bus: events/s publishing the backlog after the restart',
      span > 0 ? Math.round((tail.length - 1) / span) : `${tail.length} events within one batch`,
    );
    report('event bus: restart to whole log published (s, includes app start)', seconds.toFixed(1));
    const health = await request(app.baseUrl, 'GET', '/api/v1/health', { cookie: admin });
    const bus = health.body.subscribers.find((s: { name: string }) => s.name === 'event-bus');
    expect(bus).toMatchObject({ status: 'ok', lagEvents: 0 });
    await jsm.streams.delete(stream);
    await nc.drain();
  });
});
