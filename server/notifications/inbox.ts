// A signed-in user's inbox (newest first, with the unread count), marking an entry read, and a
// tenant's email preferences. Everyone sees only their own notifications.
import 'server-only';
import { sql } from 'drizzle-orm';
import { NotFoundError } from '../auth/errors';
import type { Actor } from '../auth/policy';
import { rows } from '../db/client';
import type { Runtime } from '../runtime';

export interface InboxEntry {
  notificationId: string;
  kind: string;
  title: string;
  body: string;
  link: string;
  createdAt: string;
  readAt: string | null;
}

const ISO = (column: string) =>
  sql.raw(`to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`);

export async function listNotifications(
  runtime: Runtime,
  actor: Actor,
  query: { unread?: boolean; limit?: number } = {},
): Promise<{ notifications: InboxEntry[]; unread: number }> {
  const db = runtime.database.db;
  const unreadOnly = query.unread ? sql`AND read_at IS NULL` : sql``;
  const [found, [counted]] = await Promise.all([
    rows<{
      id: string;
      kind: string;
      title: string;
      body: string;
      link: string;
      created_at: string;
      read_at: string | null;
    }>(
      db,
      sql`SELECT id::text AS id, kind, title, body, link, ${ISO('created_at')} AS created_at,
            CASE WHEN read_at IS NULL THEN NULL ELSE ${ISO('read_at')} END AS read_at
          FROM notifications WHERE user_id = ${actor.userId}::uuid ${unreadOnly}
          ORDER BY created_at DESC, id DESC LIMIT ${query.limit ?? 50}`,
    ),
    rows<{ n: number | string }>(
      db,
      sql`SELECT count(*) AS n FROM notifications WHERE user_id = ${actor.userId}::uuid AND read_at IS NULL`,
    ),
  ]);
  return {
    notifications: found.map((row) => ({
      notificationId: row.id,
      kind: row.kind,
      title: row.title,
      body: row.body,
      link: row.link,
      createdAt: row.created_at,
      readAt: row.read_at,
    })),
    unread: Number(counted?.n ?? 0),
  };
}

/** Marks one of the actor's notifications read (again is fine); another user's is a 404. */
export async function markNotificationRead(
  runtime: Runtime,
  actor: Actor,
  notificationId: string,
): Promise<void> {
  const found = await rows(
    runtime.database.db,
    sql`UPDATE notifications SET read_at = coalesce(read_at, now())
        WHERE id = ${notificationId}::uuid AND user_id = ${actor.userId}::uuid RETURNING id`,
  );
  if (found.length === 0) throw new NotFoundError('That notification does not exist.');
}

/** Marks every unread notification of the actor read. */
export async function markAllNotificationsRead(runtime: Runtime, actor: Actor): Promise<void> {
  await runtime.database.db.execute(
    sql`UPDATE notifications SET read_at = now() WHERE user_id = ${actor.userId}::uuid AND read_at IS NULL`,
  );
}

export interface EmailPreferences {
  /** Upcoming-rent reminder emails (receipts and security emails are always sent). */
  reminderEmails: boolean;
}

export async function getEmailPreferences(runtime: Runtime, actor: Actor): Promise<EmailPreferences> {
  const [row] = await rows<{ reminder_emails: boolean }>(
    runtime.database.db,
    sql`SELECT reminder_emails FROM notification_preferences WHERE user_id = ${actor.userId}::uuid`,
  );
  return { reminderEmails: row?.reminder_emails ?? true };
}

export async function setEmailPreferences(
  runtime: Runtime,
  actor: Actor,
  preferences: EmailPreferences,
): Promise<EmailPreferences> {
  await runtime.database.db.execute(
    sql`INSERT INTO notification_preferences (user_id, reminder_emails) VALUES (${actor.userId}::uuid, ${preferences.reminderEmails})
        ON CONFLICT (user_id) DO UPDATE SET reminder_emails = excluded.reminder_emails, updated_at = now()`,
  );
  return preferences;
}
