// The notifications context's wiring: the subscriber runner (notifications, webhooks, and the event
// bus when EVENT_BUS_URL is set), the mail sender (when SMTP_URL is set) and the webhook sender.
// One instance per runtime, kept on globalThis like the runtime. `startNotificationLoops` runs it
// in the background of an app process (server/startup.ts); nothing here runs inside a request.
import 'server-only';
import { sql } from 'drizzle-orm';
import { rows } from '../db/client';
import { env } from '../env';
import type { LogPosition } from '../eventstore';
import { background, isDraining } from '../lifecycle';
import { logger } from '../log';
import { recordSubscriberBatch } from '../metrics';
import type { Runtime } from '../runtime';
import { createEventBusSubscriber, type EventBusOptions } from './event-bus';
import { createMailSender, type MailSender } from './mail/sender';
import { sendRentReminders } from './reminders';
import { notificationsSubscriber } from './subscribers/notifications';
import { createSubscriberRunner, type SubscriberRunner } from './subscribers/runner';
import type { Subscriber } from './subscribers/types';
import { createWebhookSender, type WebhookSender } from './webhooks/sender';
import { webhooksSubscriber } from './webhooks/subscriber';

export interface NotificationServices {
  subscribers: SubscriberRunner;
  mail: MailSender | null;
  webhooks: WebhookSender;
  /** Subscribers, then whatever they queued: one background round. */
  tick(): Promise<void>;
  close(): Promise<void>;
}

export interface NotificationOptions {
  smtpUrl?: string | null;
  eventBus?: EventBusOptions | null;
  retryFailingAfterMs?: number;
}

/** The lowest checkpoint of the runtime's projections: subscribers that read read models stop there. */
function projectionsHorizon(runtime: Runtime): () => Promise<LogPosition> {
  const names = runtime.runner.projections.map((p) => p.name);
  return async () => {
    const found = await rows<{ name: string; tx_id: string; global_position: string | number }>(
      runtime.database.db,
      sql`SELECT n.name, coalesce(c.tx_id, '0'::xid8)::text AS tx_id, coalesce(c.global_position, 0) AS global_position
          FROM unnest(${`{${names.map((n) => JSON.stringify(n)).join(',')}}`}::text[]) AS n(name)
          LEFT JOIN projection_checkpoints c ON c.name = n.name
          ORDER BY coalesce(c.tx_id, '0'::xid8), coalesce(c.global_position, 0) LIMIT 1`,
    );
    const lowest = found[0];
    return lowest
      ? { txId: lowest.tx_id, globalPosition: Number(lowest.global_position) }
      : { txId: '0', globalPosition: 0 };
  };
}

export function createNotificationServices(
  runtime: Runtime,
  options: NotificationOptions = {},
): NotificationServices {
  const e = env();
  const smtpUrl = options.smtpUrl === undefined ? e.SMTP_URL : options.smtpUrl;
  const busOptions =
    options.eventBus === undefined
      ? e.EVENT_BUS_URL
        ? { url: e.EVENT_BUS_URL, stream: e.EVENT_BUS_STREAM, subjectPrefix: e.EVENT_BUS_SUBJECT_PREFIX }
        : null
      : options.eventBus;
  const eventBus = busOptions ? createEventBusSubscriber(busOptions) : null;
  const subscribers: Subscriber[] = [
    notificationsSubscriber,
    webhooksSubscriber,
    ...(eventBus ? [eventBus] : []),
  ];
  const runner = createSubscriberRunner(runtime.store, subscribers, {
    batchSize: e.SUBSCRIBER_BATCH_SIZE,
    projectionsHorizon: projectionsHorizon(runtime),
    retryFailingAfterMs: options.retryFailingAfterMs,
    onBatch: recordSubscriberBatch,
  });
  const mail = smtpUrl
    ? createMailSender(runtime.database.db, {
        smtpUrl,
        from: e.MAIL_FROM,
        retryBaseMs: e.MAIL_RETRY_BASE_MS,
        retryMaxMs: e.MAIL_RETRY_MAX_MS,
        messageIdDomain: new URL(e.APP_URL ?? 'http://leasebook.local').hostname,
      })
    : null;
  const webhooks = createWebhookSender(runtime.database.db, {
    retryBaseMs: e.WEBHOOK_RETRY_BASE_MS,
    retryMaxMs: e.WEBHOOK_RETRY_MAX_MS,
    timeoutMs: e.WEBHOOK_TIMEOUT_MS,
  });
  return {
    subscribers: runner,
    mail,
    webhooks,
    async tick() {
      await runner.catchUp();
      await Promise.all([mail?.sendDue(), webhooks.sendDue()]);
    },
    async close() {
      mail?.close();
      await eventBus?.close();
    },
  };
}

const SERVICES = Symbol.for('leasebook.notifications');
type Holder = { [SERVICES]?: WeakMap<Runtime, NotificationServices> };

/** This runtime's notification services (created on first use). */
export function notificationServices(runtime: Runtime): NotificationServices {
  const holder = globalThis as Holder;
  holder[SERVICES] ??= new WeakMap();
  let services = holder[SERVICES].get(runtime);
  if (!services) {
    services = createNotificationServices(runtime);
    holder[SERVICES].set(runtime, services);
  }
  return services;
}

const TICK_EVERY_MS = 1_000;
const REMINDER_CHECK_EVERY_MS = 10 * 60_000;

/** The background loops of an app process: subscribers and senders every second, reminders hourly. */
export async function startNotificationLoops(runtime: Runtime): Promise<() => Promise<void>> {
  const log = logger('notifications');
  const services = notificationServices(runtime);
  // Checkpoints first: a subscriber that starts "at the end" starts at this moment's end.
  await services.subscribers.initialiseAll();
  let ticking = false;
  const tick = async () => {
    // While shutting down no new round starts; a running one is waited for (server/lifecycle.ts).
    if (ticking || isDraining()) return;
    ticking = true;
    try {
      await background(services.tick());
    } catch (error) {
      log.error({ err: error }, 'notification round failed; retrying on the next tick');
    } finally {
      ticking = false;
    }
  };
  // Once an hour (checked every 10 minutes): each lease's local date turns at its own hour.
  let remindedFor: string | undefined;
  const remind = async () => {
    const now = new Date();
    const hour = now.toISOString().slice(0, 13);
    if (remindedFor === hour || isDraining()) return;
    try {
      const written = await background(sendRentReminders(runtime, now, env().RENT_REMINDER_DAYS));
      remindedFor = hour;
      log.info({ hour, written }, 'rent reminders done');
    } catch (error) {
      log.error({ err: error }, 'rent reminders failed; retrying on the next check');
    }
  };
  const ticker = setInterval(() => void tick(), TICK_EVERY_MS);
  ticker.unref();
  const reminder = setInterval(() => void remind(), REMINDER_CHECK_EVERY_MS);
  reminder.unref();
  void tick();
  void remind();
  log.info(
    {
      subscribers: services.subscribers.subscribers.map((s) => s.name),
      smtp: services.mail ? 'on' : 'off (mail stays in the outbox)',
    },
    'notifications started',
  );
  return async () => {
    clearInterval(ticker);
    clearInterval(reminder);
    await services.close();
  };
}
