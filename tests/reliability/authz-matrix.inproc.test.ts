// The authorisation matrix: every route handler under app/api (found by walking the tree, so a new
// route cannot be forgotten) × anonymous, tenant (own lease / another tenant's), manager (own
// portfolio / another manager's), auditor, admin, an expired and a revoked API token. Each cell's
// status is asserted against the expected table built from the rules below, and a refused cell
// must not have appended an event. Path ids are the caller's own (or the other party's) lease and
// property; write bodies are valid (VALID_BODIES) so the ownership check, not the parser, answers.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Endpoint, endpoints, fillPath, paramNames } from './routes';
import {
  closeWorld,
  eventMark,
  isErrorShape,
  type ReliabilityWorld,
  reliabilityWorld,
  send,
  uuid,
} from './world';

let world: ReliabilityWorld;
let all: Endpoint[];
beforeAll(async () => {
  world = await reliabilityWorld();
  all = await endpoints();
});
afterAll(() => closeWorld(world));

const today = new Date().toISOString().slice(0, 10);
const nextYear = Number(today.slice(0, 4)) + 1;

/** A body the parser accepts, per endpoint with a body (the handler then decides). */
const VALID_BODIES: Record<string, unknown> = {
  'POST /leases/{leaseId}/payments': { amountCents: 100, method: 'check' },
  'POST /leases/{leaseId}/charges': {
    kind: 'fee',
    description: 'matrix fee',
    amountCents: 100,
    dueDate: today,
  },
  'POST /leases/{leaseId}/credits': { amountCents: 100, reason: 'matrix credit' },
  'POST /leases/{leaseId}/recurring-charges': {
    description: 'matrix parking',
    amountCents: 100,
    fromPeriod: `${nextYear}-01`,
  },
  'POST /leases/{leaseId}/renewal': { newEndDate: `${nextYear + 3}-12-31`, monthlyRentCents: 150_000 },
  'POST /leases/{leaseId}/termination': { effectiveDate: `${nextYear}-06-30`, reason: 'matrix termination' },
  'POST /leases/{leaseId}/autopay': { method: 'ach' },
  'POST /leases/{leaseId}/deposit-settlement': { deductions: [], refundMethod: 'check' },
  'POST /leases/{leaseId}/charges/{chargeId}/waiver': { reason: 'matrix waiver' },
  'POST /leases/{leaseId}/payments/{paymentId}/reversal': { reason: 'NSF' },
  'POST /properties/{propertyId}/notices': { title: 'Matrix notice', body: 'Water off on Monday.' },
  'POST /properties/{propertyId}/notices/{noticeId}/withdrawal': { reason: 'matrix' },
  'POST /properties/{propertyId}/details': {
    name: 'Matrix Court',
    address: { line1: '1 Matrix St', city: 'Portland', state: 'OR', postalCode: '97201' },
  },
  'POST /properties/{propertyId}/units': { label: 'M1', marketRentCents: 100_000 },
};

type Column =
  | 'anonymous'
  | 'tenant own'
  | "tenant other's"
  | 'manager own'
  | "manager other's"
  | 'auditor'
  | 'admin'
  | 'expired token'
  | 'revoked token';
const COLUMNS: Column[] = [
  'anonymous',
  'tenant own',
  "tenant other's",
  'manager own',
  "manager other's",
  'auditor',
  'admin',
  'expired token',
  'revoked token',
];

function caller(column: Column): { token?: string; role?: string; side: 'own' | 'other' } {
  switch (column) {
    case 'anonymous':
      return { side: 'own' };
    case 'tenant own':
      return { token: world.tenant.token, role: 'tenant', side: 'own' };
    case "tenant other's":
      return { token: world.tenant.token, role: 'tenant', side: 'other' };
    case 'manager own':
      return { token: world.manager.token, role: 'manager', side: 'own' };
    case "manager other's":
      return { token: world.manager.token, role: 'manager', side: 'other' };
    case 'auditor':
      return { token: world.auditor.token, role: 'auditor', side: 'own' };
    case 'admin':
      return { token: world.admin.token, role: 'admin', side: 'own' };
    case 'expired token':
      return { token: world.expiredToken, role: 'manager', side: 'own' };
    case 'revoked token':
      return { token: world.revokedToken, role: 'admin', side: 'own' };
  }
}

/** Expected statuses of one cell: the table the matrix asserts. */
function expected(
  endpoint: Endpoint,
  column: Column,
): { allowed: number[] | 'any-non-5xx'; refused: boolean } {
  const auth = endpoint.contract?.auth;
  if (endpoint.path.startsWith('/api/metrics')) return { allowed: [200], refused: false }; // open (no METRICS_TOKEN)
  if (column === 'expired token' || column === 'revoked token') return { allowed: [401], refused: true };
  if (column === 'anonymous') {
    return auth === 'public' ? { allowed: 'any-non-5xx', refused: false } : { allowed: [401], refused: true };
  }
  const { role, side } = caller(column);
  if (Array.isArray(auth) && !auth.includes(role as never)) return { allowed: [403], refused: true };
  const scoped = paramNames(endpoint.path).some((p) => p === 'leaseId' || p === 'propertyId');
  if (scoped && side === 'other') {
    // Another tenant's lease is a 404 (ids cannot be probed); another manager's property too.
    return { allowed: [404], refused: true };
  }
  return { allowed: 'any-non-5xx', refused: false };
}

function paramsFor(endpoint: Endpoint, side: 'own' | 'other'): Record<string, string> {
  const place = side === 'own' ? world.own : world.other;
  const params: Record<string, string> = {};
  for (const name of paramNames(endpoint.path)) {
    if (name === 'leaseId') params[name] = place.leaseId;
    else if (name === 'propertyId') params[name] = place.propertyId;
    else if (name === 'token') params[name] = `invite-${uuid()}`;
    else params[name] = uuid();
  }
  return params;
}

describe('authorisation matrix', () => {
  it('every route × every caller answers as the table says, and a refusal writes nothing', async () => {
    expect(all.length).toBeGreaterThanOrEqual(60);
    const table: string[] = [];
    let cells = 0;
    let refusedCells = 0;
    for (const endpoint of all) {
      const row: string[] = [];
      for (const column of COLUMNS) {
        const { token, side } = caller(column);
        const params = paramsFor(endpoint, side);
        const body =
          endpoint.method === 'GET' || endpoint.method === 'DELETE' ? undefined : VALID_BODIES[endpoint.name];
        const before = await eventMark(world);
        const reply = await send(endpoint.handler, {
          method: endpoint.method,
          path: fillPath(endpoint.path, params),
          params,
          token,
          headers: { 'idempotency-key': `matrix-${uuid()}` },
          body: body === undefined ? (endpoint.contract?.body ? '{}' : undefined) : JSON.stringify(body),
        });
        const after = await eventMark(world);
        const want = expected(endpoint, column);
        const cell = `${endpoint.name} as ${column}`;
        cells += 1;
        row.push(String(reply.status));
        expect.soft(reply.status, `${cell}: ${reply.text.slice(0, 200)}`).toBeLessThan(500);
        if (want.allowed !== 'any-non-5xx')
          expect.soft(want.allowed, `${cell}: ${reply.text.slice(0, 200)}`).toContain(reply.status);
        else
          expect
            .soft([401, 403], `${cell} is allowed: ${reply.text.slice(0, 200)}`)
            .not.toContain(reply.status);
        if (reply.status >= 400)
          expect.soft(isErrorShape(reply.body), `${cell}: ${reply.text.slice(0, 200)}`).toBe(true);
        if (want.refused) {
          refusedCells += 1;
          expect.soft(after, `${cell} appended an event`).toBe(before);
        }
      }
      table.push(`${endpoint.name.padEnd(62)} ${row.map((s) => s.padStart(4)).join('')}`);
    }
    console.log(`\nauthorisation matrix (${COLUMNS.join(' | ')}):\n${table.join('\n')}`);
    console.log(
      `reliability figure: matrix ${all.length} routes × ${COLUMNS.length} callers = ${cells} cells, ${refusedCells} refused cells with no event written`,
    );
  });
});
