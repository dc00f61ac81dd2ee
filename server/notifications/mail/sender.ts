// The mail sender: takes due messages from the outbox and sends them over SMTP (nodemailer). Rows
// are claimed with FOR UPDATE SKIP LOCKED and a short lease (`locked_until`), so several processes
// share the work and a process that dies mid-send only delays a message. A failure waits with
// exponential backoff; a permanent SMTP refusal (5xx) or the give-up time ends it as `failed` with
// the reason kept. Without SMTP_URL nothing runs: the outbox is where mail stays.
import 'server-only';
import { sql } from 'drizzle-orm';
import nodemailer, { type Transporter, type TransportOptions } from 'nodemailer';
import { type Db, rows } from '../../db/client';
import { logger } from '../../log';
import { recordEmailOutcome } from '../../metrics';
import { backoffMs } from '../backoff';

export interface MailSenderOptions {
  smtpUrl: string;
  from: string;
  retryBaseMs: number;
  retryMaxMs: number;
  /** The domain of Message-IDs (the app's host name). */
  messageIdDomain: string;
  /** Messages sent at once. */
  concurrency?: number;
  connectionTimeoutMs?: number;
}

type DueRow = {
  id: string;
  notification_id: string | null;
  to_address: string;
  subject: string;
  text_body: string;
  html_body: string;
  attempts: number;
  give_up_at: string;
  [key: string]: unknown;
};

/** How long a claimed message stays with its sender before another may try it. */
const LEASE = sql.raw(`interval '2 minutes'`);

export function createMailSender(db: Db, options: MailSenderOptions) {
  const log = logger('mail');
  const timeout = options.connectionTimeoutMs ?? 5_000;
  const transport: Transporter = nodemailer.createTransport({
    url: options.smtpUrl,
    connectionTimeout: timeout,
    greetingTimeout: timeout,
    socketTimeout: 4 * timeout,
  } as TransportOptions);
  let running: Promise<number> | null = null;

  async function claim(limit: number): Promise<DueRow[]> {
    return rows<DueRow>(
      db,
      sql`UPDATE outbox_messages SET locked_until = now() + ${LEASE}, attempts = attempts + 1
          WHERE id IN (
            SELECT id FROM outbox_messages
            WHERE status = 'pending' AND next_attempt_at <= now() AND (locked_until IS NULL OR locked_until < now())
            ORDER BY next_attempt_at LIMIT ${limit} FOR UPDATE SKIP LOCKED)
          RETURNING id::text AS id, notification_id::text AS notification_id, to_address, subject, text_body,
            html_body, attempts, give_up_at::text AS give_up_at`,
    );
  }

  async function sendOne(message: DueRow): Promise<void> {
    try {
      await transport.sendMail({
        from: options.from,
        to: message.to_address,
        subject: message.subject,
        text: message.text_body,
        html: message.html_body,
        messageId: `<${message.notification_id ?? message.id}@${options.messageIdDomain}>`,
        headers: { 'X-Leasebook-Message-Id': message.id },
      });
      await db.execute(
        sql`UPDATE outbox_messages SET status = 'sent', sent_at = now(), locked_until = NULL, last_error = NULL,
              text_body = CASE WHEN sensitive THEN '(removed once sent: it held a secret link)' ELSE text_body END,
              html_body = CASE WHEN sensitive THEN '' ELSE html_body END
            WHERE id = ${message.id}::uuid`,
      );
      recordEmailOutcome('sent');
    } catch (error) {
      const reason = describeSmtpError(error);
      const permanent = isPermanent(error);
      const givenUp = permanent || Date.now() >= Date.parse(message.give_up_at);
      if (givenUp) {
        const why = permanent
          ? `Refused by the mail server: ${reason}`
          : `Gave up after ${message.attempts} attempts: ${reason}`;
        await db.execute(
          sql`UPDATE outbox_messages SET status = 'failed', locked_until = NULL, last_error = ${why}
              WHERE id = ${message.id}::uuid`,
        );
        recordEmailOutcome('failed');
        log.warn({ messageId: message.id, reason: why }, 'email given up');
      } else {
        const wait = backoffMs(message.attempts, options.retryBaseMs, options.retryMaxMs);
        await db.execute(
          sql`UPDATE outbox_messages SET locked_until = NULL, last_error = ${reason},
                next_attempt_at = now() + ${`${wait} milliseconds`}::interval
              WHERE id = ${message.id}::uuid`,
        );
        recordEmailOutcome('retry');
        log.info(
          { messageId: message.id, attempts: message.attempts, retryInMs: wait, reason },
          'email not sent yet',
        );
      }
    }
  }

  /** Sends every message due now; answers how many it tried. */
  async function sendDueOnce(): Promise<number> {
    const concurrency = options.concurrency ?? 4;
    let tried = 0;
    for (;;) {
      const due = await claim(concurrency);
      if (due.length === 0) return tried;
      await Promise.all(due.map(sendOne));
      tried += due.length;
    }
  }

  return {
    /** One run at a time per process; concurrent calls share it. */
    sendDue(): Promise<number> {
      running ??= sendDueOnce().finally(() => {
        running = null;
      });
      return running;
    },
    close: () => transport.close(),
  };
}

export type MailSender = ReturnType<typeof createMailSender>;

function describeSmtpError(error: unknown): string {
  if (error && typeof error === 'object') {
    const e = error as { code?: string; responseCode?: number; message?: string };
    const code = [e.code, e.responseCode].filter(Boolean).join(' ');
    return `${code ? `${code}: ` : ''}${e.message ?? String(error)}`.slice(0, 1000);
  }
  return String(error).slice(0, 1000);
}

/** A 5xx SMTP reply refuses the message for good (unknown mailbox, policy); 4xx and network errors are retried. */
function isPermanent(error: unknown): boolean {
  const code = (error as { responseCode?: unknown } | null)?.responseCode;
  return typeof code === 'number' && code >= 500 && code < 600;
}
