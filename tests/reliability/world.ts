// The in-process suites' world (the integration suite's: users of every role with API tokens, two
// managers' properties with a lease each) plus expired and revoked tokens, a raw `send` that calls
// a route handler with a real Request, and the event count that must not move on a refusal.
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { createApiToken, revokeApiToken } from '@/server/auth/sessions';
import { rows } from '@/server/db/client';
import type { NextContext, RouteHandler } from '@/server/http/route';
import { apiWorld, type World } from '../integration/api-helpers';

export type { World } from '../integration/api-helpers';
export { closeWorld } from '../integration/api-helpers';

export async function reliabilityWorld() {
  const world = await apiWorld();
  const db = world.runtime.database.db;
  const past = new Date(Date.now() - 3 * 86_400_000);
  const expired = await createApiToken(db, world.manager.id, 'expired', 1, past);
  const revoked = await createApiToken(db, world.admin.id, 'revoked');
  if (!(await revokeApiToken(db, world.admin.id, revoked.id))) throw new Error('could not revoke');
  return { ...world, expiredToken: expired.token, revokedToken: revoked.token };
}
export type ReliabilityWorld = Awaited<ReturnType<typeof reliabilityWorld>>;

export interface Sent {
  status: number;
  // biome-ignore lint/suspicious/noExplicitAny: response bodies are checked field by field
  body: any;
  text: string;
}

export interface SendOptions {
  method: string;
  path: string;
  params?: Record<string, string>;
  query?: string;
  token?: string;
  headers?: Record<string, string>;
  /** Sent as is (string or bytes), with content-type application/json unless headers say otherwise. */
  body?: string | Uint8Array<ArrayBuffer>;
}

/** Calls a route handler the way Next.js does, with a real Request. */
export async function send(handler: RouteHandler, options: SendOptions): Promise<Sent> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  if (options.body !== undefined && !Object.keys(headers).some((h) => h.toLowerCase() === 'content-type')) {
    headers['content-type'] = 'application/json';
  }
  const base = options.path.startsWith('/api/') ? '' : '/api/v1';
  const url = `http://localhost${base}${options.path}${options.query ? `?${options.query}` : ''}`;
  const request = new Request(url, { method: options.method, headers, body: options.body });
  const context: NextContext = { params: Promise.resolve(options.params ?? {}) };
  const response = await handler(request, context);
  const text = await response.text();
  let body: unknown;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    body = undefined;
  }
  return { status: response.status, body, text };
}

/** Every event ever appended, and the last global position: a refused request moves neither. */
export async function eventMark(world: World): Promise<string> {
  const [row] = await rows<{ n: string; last: string | null }>(
    world.runtime.database.db,
    sql`SELECT count(*)::text AS n, max(global_position)::text AS last FROM events`,
  );
  return `${row?.n}/${row?.last}`;
}

/** The documented error shape (API.md Conventions): {error:{code, message, field?}} and nothing else. */
export function isErrorShape(body: unknown): boolean {
  if (!body || typeof body !== 'object') return false;
  const keys = Object.keys(body);
  if (keys.length !== 1 || keys[0] !== 'error') return false;
  const error = (body as { error: unknown }).error;
  if (!error || typeof error !== 'object') return false;
  const e = error as Record<string, unknown>;
  const extra = Object.keys(e).filter((k) => !['code', 'message', 'field'].includes(k));
  return (
    typeof e.code === 'string' &&
    /^[a-z_]+$/.test(e.code) &&
    typeof e.message === 'string' &&
    e.message.length > 0 &&
    (e.field === undefined || typeof e.field === 'string') &&
    extra.length === 0
  );
}

export const uuid = () => randomUUID();
