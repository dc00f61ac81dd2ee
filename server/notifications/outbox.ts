// The mail outbox as an admin reads it: every email with its state, attempts and last error. The
// bodies of messages that carry a secret link (invites, password resets) are never shown.
import 'server-only';
import { sql } from 'drizzle-orm';
import { ForbiddenError } from '../auth/errors';
import type { Actor } from '../auth/policy';
import { rows } from '../db/client';
import type { Runtime } from '../runtime';
import type { OutboxStatus } from './tables';

export interface OutboxLine {
  messageId: string;
  to: string;
  subject: string;
  kind: string;
  status: OutboxStatus;
  attempts: number;
  lastError: string | null;
  createdAt: string;
  sentAt: string | null;
  nextAttemptAt: string | null;
  /** The plain-text body, or null for a message holding a secret link. */
  text: string | null;
}

const ISO = (column: string) =>
  sql.raw(
    `CASE WHEN ${column} IS NULL THEN NULL ELSE to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') END`,
  );

export async function listOutbox(
  runtime: Runtime,
  actor: Actor,
  query: { status?: OutboxStatus; limit?: number } = {},
): Promise<{ messages: OutboxLine[]; counts: Record<OutboxStatus, number> }> {
  if (actor.role !== 'admin') throw new ForbiddenError('Only admins read the outbox.');
  const db = runtime.database.db;
  const status = query.status ? sql`WHERE status = ${query.status}` : sql``;
  const [found, counted] = await Promise.all([
    rows<{
      id: string;
      to_address: string;
      subject: string;
      kind: string;
      status: OutboxStatus;
      attempts: number;
      last_error: string | null;
      created_at: string;
      sent_at: string | null;
      next_attempt_at: string | null;
      text_body: string;
      sensitive: boolean;
    }>(
      db,
      sql`SELECT id::text AS id, to_address, subject, kind, status, attempts, last_error,
            ${ISO('created_at')} AS created_at, ${ISO('sent_at')} AS sent_at,
            CASE WHEN status = 'pending' THEN ${ISO('next_attempt_at')} END AS next_attempt_at, text_body, sensitive
          FROM outbox_messages ${status} ORDER BY created_at DESC, id DESC LIMIT ${query.limit ?? 200}`,
    ),
    rows<{ status: OutboxStatus; n: number | string }>(
      db,
      sql`SELECT status, count(*) AS n FROM outbox_messages GROUP BY status`,
    ),
  ]);
  const counts: Record<OutboxStatus, number> = { pending: 0, sent: 0, failed: 0 };
  for (const row of counted) counts[row.status] = Number(row.n);
  return {
    messages: found.map((row) => ({
      messageId: row.id,
      to: row.to_address,
      subject: row.subject,
      kind: row.kind,
      status: row.status,
      attempts: Number(row.attempts),
      lastError: row.last_error,
      createdAt: row.created_at,
      sentAt: row.sent_at,
      nextAttemptAt: row.next_attempt_at,
      text: row.sensitive ? null : row.text_body,
    })),
    counts,
  };
}
