// Writes a notification to its channels inside the caller's transaction: the recipient's inbox
// and the mail outbox. Each row's unique key is the cause (an event, a reminder period, an invite)
// plus the recipient and the channel, so writing the same thing twice writes nothing the second time.
import 'server-only';
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { rows, type Tx } from '../db/client';
import { env } from '../env';
import { renderEmail } from './mail/render';
import type { NotificationKind } from './tables';

export interface Recipient {
  userId: string;
  name: string;
  email: string;
}

export interface NotificationMessage {
  kind: NotificationKind;
  title: string;
  /** Plain sentences; blank lines separate paragraphs. */
  body: string;
  link: string;
  /**
   * `always`: receipts and security mail; `reminder`: off when the tenant turned reminders off;
   * `none`: inbox only.
   */
  email: 'always' | 'reminder' | 'none';
}

/** Inbox + email for one recipient. `cause` names what it reacts to (e.g. `event:<id>`). */
export async function notify(
  tx: Tx,
  cause: string,
  recipient: Recipient,
  message: NotificationMessage,
  eventId?: string,
): Promise<{ notificationId: string | null; emailed: boolean }> {
  const [inserted] = await rows<{ id: string }>(
    tx,
    sql`INSERT INTO notifications (id, user_id, kind, title, body, link, dedupe_key, event_id)
        VALUES (${randomUUID()}, ${recipient.userId}, ${message.kind}, ${message.title}, ${message.body},
                ${message.link}, ${`${cause}:${recipient.userId}:inbox`}, ${eventId ?? null})
        ON CONFLICT (dedupe_key) DO NOTHING RETURNING id::text AS id`,
  );
  const notificationId = inserted?.id ?? null;
  if (message.email === 'none') return { notificationId, emailed: false };
  if (message.email === 'reminder' && !(await wantsReminderEmails(tx, recipient.userId)))
    return { notificationId, emailed: false };
  const emailed = await queueEmail(tx, {
    dedupeKey: `${cause}:${recipient.userId}:email`,
    notificationId,
    kind: message.kind,
    userId: recipient.userId,
    to: recipient.email,
    ...renderEmail({
      recipientName: recipient.name,
      title: message.title,
      body: message.body,
      link: message.link,
    }),
  });
  return { notificationId, emailed };
}

export interface QueuedEmail {
  dedupeKey: string;
  notificationId?: string | null;
  kind: NotificationKind;
  userId: string | null;
  to: string;
  subject: string;
  text: string;
  html: string;
  /** Holds a secret link: hidden from the outbox page and wiped once sent. */
  sensitive?: boolean;
}

/** Puts one email in the outbox (once per dedupe key); the mail sender takes it from there. */
export async function queueEmail(tx: Tx, email: QueuedEmail): Promise<boolean> {
  const giveUpAt = new Date(Date.now() + env().MAIL_GIVE_UP_AFTER_MS).toISOString();
  const found = await rows(
    tx,
    sql`INSERT INTO outbox_messages (id, dedupe_key, notification_id, kind, user_id, to_address, subject,
          text_body, html_body, sensitive, give_up_at)
        VALUES (${randomUUID()}, ${email.dedupeKey}, ${email.notificationId ?? null}, ${email.kind}, ${email.userId},
          ${email.to}, ${email.subject}, ${email.text}, ${email.html}, ${email.sensitive ?? false}, ${giveUpAt}::timestamptz)
        ON CONFLICT (dedupe_key) DO NOTHING RETURNING id`,
  );
  return found.length > 0;
}

async function wantsReminderEmails(tx: Tx, userId: string): Promise<boolean> {
  const [row] = await rows<{ reminder_emails: boolean }>(
    tx,
    sql`SELECT reminder_emails FROM notification_preferences WHERE user_id = ${userId}`,
  );
  return row?.reminder_emails ?? true;
}
