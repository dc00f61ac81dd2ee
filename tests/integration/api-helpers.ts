// Shared set-up for the API tests: a fresh runtime behind the route handlers, users of every
// role with API tokens, two managers' properties and a lease each, and a `call` helper.
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { hashPassword } from '@/server/auth/passwords';
import { createApiToken } from '@/server/auth/sessions';
import type { UserRole } from '@/server/auth/tables';
import { insertUser } from '@/server/auth/users';
import type { CommandEnvelope } from '@/server/commands/handle';
import { changeLease, createLease } from '@/server/commands/lease';
import { registerProperty } from '@/server/commands/property';
import { rows } from '@/server/db/client';
import type { NextContext, RouteHandler } from '@/server/http/route';
import { setRuntimeForTests } from '@/server/runtime';
import { freshRuntime } from '../support/runtime';

export const PASSWORD = 'correct horse battery';
export const today = new Date().toISOString().slice(0, 10);

export interface TestUser {
  id: string;
  email: string;
  name: string;
  role: UserRole;
  token: string;
}

export type World = Awaited<ReturnType<typeof apiWorld>>;

const envelopeOf = (user: TestUser): CommandEnvelope => ({
  actor: { userId: user.id, role: user.role, name: user.name },
  correlationId: randomUUID(),
  source: 'seed',
});

async function aUser(db: Parameters<typeof insertUser>[0], role: UserRole, label: string): Promise<TestUser> {
  const id = randomUUID();
  const email = `${label}-${id.slice(0, 8)}@example.com`;
  const name = `${label[0]?.toUpperCase()}${label.slice(1)} Person`;
  await insertUser(db, { id, email, name, role, passwordHash: await hashPassword(PASSWORD) });
  const { token } = await createApiToken(db, id, 'tests');
  return { id, email, name, role, token };
}

/** A property of `manager` with two units, and an active lease of `tenant` on the first, billed this month. */
async function aLeasedProperty(runtime: World['runtime'], manager: TestUser, tenant: TestUser) {
  const { propertyId, state } = await registerProperty(
    runtime,
    {
      name: `Maple Court ${manager.name}`,
      address: { line1: '12 Maple St', city: 'Portland', state: 'OR', postalCode: '97201' },
      managerId: manager.id,
      units: [
        { label: '1A', marketRentCents: 150_000 },
        { label: '1B', marketRentCents: 200_000 },
      ],
    },
    envelopeOf(manager),
  );
  if (state?.status !== 'registered') throw new Error('property not registered');
  const [unitA, unitB] = state.units.map((u) => u.unitId);
  if (!unitA || !unitB) throw new Error('units missing');
  const start = `${today.slice(0, 7)}-01`;
  const { leaseId } = await createLease(
    runtime,
    {
      tenantId: tenant.id,
      propertyId,
      unitId: unitA,
      startDate: start,
      endDate: `${Number(today.slice(0, 4)) + 1}-12-31`,
      monthlyRentCents: 150_000,
      dueDay: 1,
      graceDays: 5,
      lateFeeCents: 5_000,
      securityDepositCents: 150_000,
    },
    envelopeOf(manager),
  );
  await changeLease(runtime, leaseId, { type: 'PostDueItems', asOf: start }, envelopeOf(manager));
  return { propertyId, unitA, unitB, leaseId };
}

export async function apiWorld() {
  const runtime = await freshRuntime();
  setRuntimeForTests(runtime);
  const db = runtime.database.db;
  const manager = await aUser(db, 'manager', 'manager');
  const manager2 = await aUser(db, 'manager', 'othermanager');
  const tenant = await aUser(db, 'tenant', 'tenant');
  const tenant2 = await aUser(db, 'tenant', 'othertenant');
  const auditor = await aUser(db, 'auditor', 'auditor');
  const admin = await aUser(db, 'admin', 'admin');
  const own = await aLeasedProperty(runtime, manager, tenant);
  const other = await aLeasedProperty(runtime, manager2, tenant2);
  return { runtime, manager, manager2, tenant, tenant2, auditor, admin, own, other };
}

export async function closeWorld(world: World | undefined) {
  setRuntimeForTests(undefined);
  await world?.runtime.database.close();
}

export interface CallOptions {
  method?: string;
  as?: TestUser | { token: string };
  body?: unknown;
  /** A raw body, sent as is. */
  raw?: string;
  headers?: Record<string, string>;
  params?: Record<string, string>;
  key?: string;
}

export interface CallResult {
  status: number;
  // biome-ignore lint/suspicious/noExplicitAny: test bodies are inspected field by field
  body: any;
  text: string;
  headers: Headers;
}

/** Calls a route handler the way Next.js does. */
export async function call(
  handler: RouteHandler,
  path: string,
  options: CallOptions = {},
): Promise<CallResult> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.as) headers.authorization = `Bearer ${options.as.token}`;
  if (options.key !== undefined) headers['idempotency-key'] = options.key;
  const body = options.raw ?? (options.body === undefined ? undefined : JSON.stringify(options.body));
  if (body !== undefined) headers['content-type'] = 'application/json';
  const request = new Request(`http://localhost/api/v1${path}`, {
    method: options.method ?? (body === undefined ? 'GET' : 'POST'),
    headers,
    body,
  });
  const context: NextContext = { params: Promise.resolve(options.params ?? {}) };
  const response = await handler(request, context);
  const text = await response.text();
  let parsed: unknown;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    parsed = undefined;
  }
  return { status: response.status, body: parsed, text, headers: response.headers };
}

export async function countEvents(world: World, streamId: string, eventType?: string): Promise<number> {
  const found = await rows<{ n: string }>(
    world.runtime.database.db,
    eventType
      ? sql`SELECT count(*) AS n FROM events WHERE stream_id = ${streamId} AND event_type = ${eventType}`
      : sql`SELECT count(*) AS n FROM events WHERE stream_id = ${streamId}`,
  );
  return Number(found[0]?.n ?? 0);
}
