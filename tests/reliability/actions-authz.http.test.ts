// The authorisation matrix of the server actions: every action of the production build (from its
// server-reference-manifest.json, so a new one cannot be forgotten: it fails here until it has
// valid arguments in VALID_ARGS) × anonymous, tenant (own lease / another's), manager (own
// portfolio / another's), auditor, admin, an expired and a signed-out session, called over HTTP as
// a browser does. The arguments are valid, so ownership, not the parser, answers. Each cell's
// ActionResult is asserted against the table built by expected(), a refused cell must not have
// appended an event, and no cell may answer a 5xx or a server error. The matrix builds its own two
// portfolios (a manager, a property, a tenant with a lease each): the allowed cells really write,
// and the demo data stays as the suites after this one expect it.
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import postgres from 'postgres';
import { afterAll, describe, expect, it } from 'vitest';
import { request } from '../http/client';
import { type ActionReply, callAction, isServerError, type ServerAction, serverActions } from './actions';
import { figure, PASSWORD, Server, signIn } from './harness';

const pgUrl = process.env.LEASEBOOK_REL_PG_URL ?? '';
let server: Server | undefined;
afterAll(() => server?.kill());

type Role = 'tenant' | 'manager' | 'auditor' | 'admin';
type Column =
  | 'anonymous'
  | 'tenant own'
  | "tenant other's"
  | 'manager own'
  | "manager other's"
  | 'auditor'
  | 'admin'
  | 'expired session'
  | 'revoked session';
const COLUMNS: Column[] = [
  'anonymous',
  'tenant own',
  "tenant other's",
  'manager own',
  "manager other's",
  'auditor',
  'admin',
  'expired session',
  'revoked session',
];

/** Who calls in a column, and whose data the ids are (expired: a manager's, revoked: an admin's). */
const CALLERS: Record<
  Column,
  { role?: Role; side: 'own' | 'other'; session: 'live' | 'expired' | 'revoked' }
> = {
  anonymous: { side: 'own', session: 'live' },
  'tenant own': { role: 'tenant', side: 'own', session: 'live' },
  "tenant other's": { role: 'tenant', side: 'other', session: 'live' },
  'manager own': { role: 'manager', side: 'own', session: 'live' },
  "manager other's": { role: 'manager', side: 'other', session: 'live' },
  auditor: { role: 'auditor', side: 'own', session: 'live' },
  admin: { role: 'admin', side: 'own', session: 'live' },
  'expired session': { role: 'manager', side: 'own', session: 'expired' },
  'revoked session': { role: 'admin', side: 'own', session: 'revoked' },
};

/** One portfolio: its manager, a property with a leased and a vacant unit, and what hangs off the lease. */
interface Place {
  managerCookie: string;
  tenantEmail: string;
  propertyId: string;
  vacantUnitId: string;
  leaseId: string;
  chargeId: string;
  paymentId: string;
  recurringId: string;
  requestId: string;
  noticeId: string;
  /** A tenant invited but not signed up yet (resendInvite). */
  pendingTenantId: string;
  /** An API token of the place's manager. */
  tokenId: string;
}

interface Ctx {
  place: Place;
  /** The caller's own API token, or the other manager's in an "other's" column. */
  tokenId: string;
  webhooks: { remove: string; test: string };
  /** A fresh invite token of the own manager (acceptInvite) and reset token (resetPassword). */
  inviteToken: () => Promise<string>;
  resetToken: () => Promise<string>;
}

const today = new Date().toISOString().slice(0, 10);
const nextYear = Number(today.slice(0, 4)) + 1;
const key = () => `matrix-${randomUUID()}`;
const address = { line1: '1 Matrix St', city: 'Portland', state: 'OR', postalCode: '97201' };

/** Arguments the action's parser accepts, per exported name; the use case then decides. */
const VALID_ARGS: Record<string, (ctx: Ctx) => unknown | Promise<unknown>> = {
  // tenant
  loadDashboard: () => ({}),
  loadLease: ({ place }) => ({ leaseId: place.leaseId }),
  loadMaintenance: () => ({}),
  payRent: ({ place }) => ({
    leaseId: place.leaseId,
    amountCents: 100,
    method: 'card',
    idempotencyKey: key(),
  }),
  enrolAutopay: ({ place }) => ({ leaseId: place.leaseId, method: 'ach' }),
  cancelAutopay: ({ place }) => ({ leaseId: place.leaseId }),
  fileMaintenance: ({ place }) => ({
    leaseId: place.leaseId,
    category: 'plumbing',
    priority: 'normal',
    description: 'Matrix: the tap drips.',
    idempotencyKey: key(),
  }),
  rateMaintenance: ({ place }) => ({ requestId: place.requestId, rating: 5 }),
  setEmailPreferencesAction: () => ({ reminderEmails: true }),
  // manager
  postChargeAction: ({ place }) => ({
    leaseId: place.leaseId,
    kind: 'fee',
    description: 'matrix fee',
    amountCents: 100,
    dueDate: today,
    idempotencyKey: key(),
  }),
  waiveChargeAction: ({ place }) => ({
    leaseId: place.leaseId,
    chargeId: place.chargeId,
    reason: 'matrix waiver',
    idempotencyKey: key(),
  }),
  grantCreditAction: ({ place }) => ({
    leaseId: place.leaseId,
    amountCents: 100,
    reason: 'matrix credit',
    idempotencyKey: key(),
  }),
  addRecurringChargeAction: ({ place }) => ({
    leaseId: place.leaseId,
    description: 'matrix parking',
    amountCents: 100,
    fromPeriod: `${nextYear}-02`,
    idempotencyKey: key(),
  }),
  removeRecurringChargeAction: ({ place }) => ({
    leaseId: place.leaseId,
    recurringId: place.recurringId,
    idempotencyKey: key(),
  }),
  previewDepositSettlementAction: ({ place }) => ({
    leaseId: place.leaseId,
    deductions: [],
    refundMethod: 'check',
  }),
  settleDepositAction: ({ place }) => ({
    leaseId: place.leaseId,
    deductions: [],
    refundMethod: 'check',
    idempotencyKey: key(),
  }),
  createLeaseAction: ({ place }) => ({
    propertyId: place.propertyId,
    unitId: place.vacantUnitId,
    tenantEmail: place.tenantEmail,
    startDate: today,
    endDate: `${nextYear}-12-31`,
    monthlyRentCents: 100_000,
    dueDay: 1,
    graceDays: 5,
    lateFeeCents: 5_000,
    securityDepositCents: 100_000,
    idempotencyKey: key(),
  }),
  recordPaymentAction: ({ place }) => ({
    leaseId: place.leaseId,
    amountCents: 100,
    method: 'check',
    idempotencyKey: key(),
  }),
  reversePaymentAction: ({ place }) => ({
    leaseId: place.leaseId,
    paymentId: place.paymentId,
    reason: 'NSF',
    idempotencyKey: key(),
  }),
  renewLeaseAction: ({ place }) => ({
    leaseId: place.leaseId,
    newEndDate: `${nextYear + 3}-12-31`,
    monthlyRentCents: 110_000,
    idempotencyKey: key(),
  }),
  terminateLeaseAction: ({ place }) => ({
    leaseId: place.leaseId,
    effectiveDate: `${nextYear + 2}-06-30`,
    reason: 'matrix termination',
    idempotencyKey: key(),
  }),
  scheduleMaintenanceAction: ({ place }) => ({
    requestId: place.requestId,
    scheduledFor: `${nextYear}-03-01`,
    idempotencyKey: key(),
  }),
  completeMaintenanceAction: ({ place }) => ({
    requestId: place.requestId,
    resolution: 'matrix: fixed',
    idempotencyKey: key(),
  }),
  cancelMaintenanceAction: ({ place }) => ({
    requestId: place.requestId,
    reason: 'matrix: not needed',
    idempotencyKey: key(),
  }),
  registerPropertyAction: () => ({
    name: 'Matrix Registered',
    address,
    units: [{ label: 'R1', marketRentCents: 100_000 }],
    idempotencyKey: key(),
  }),
  postNoticeAction: ({ place }) => ({
    propertyId: place.propertyId,
    title: 'Matrix notice',
    body: 'Water off on Monday.',
    idempotencyKey: key(),
  }),
  withdrawNoticeAction: ({ place }) => ({
    propertyId: place.propertyId,
    noticeId: place.noticeId,
    reason: 'matrix',
    idempotencyKey: key(),
  }),
  changePropertyDetailsAction: ({ place }) => ({
    propertyId: place.propertyId,
    name: 'Matrix Court',
    address,
    idempotencyKey: key(),
  }),
  addUnitAction: ({ place }) => ({
    propertyId: place.propertyId,
    label: `M-${randomUUID().slice(0, 8)}`,
    marketRentCents: 100_000,
    idempotencyKey: key(),
  }),
  inviteTenantAction: () => ({ name: 'Matrix Invitee', email: `matrix-${randomUUID()}@example.com` }),
  resendInviteAction: ({ place }) => ({ tenantId: place.pendingTenantId }),
  // admin
  registerWebhookAction: () => ({ url: `http://127.0.0.1:9/matrix-${randomUUID()}` }),
  deleteWebhookAction: ({ webhooks }) => ({ webhookId: webhooks.remove }),
  testWebhookAction: ({ webhooks }) => ({ webhookId: webhooks.test }),
  // signed in
  changePasswordAction: () => ({ currentPassword: PASSWORD, newPassword: PASSWORD, confirm: PASSWORD }),
  signOutEverywhereAction: () => ({}),
  revokeTokenAction: ({ tokenId }) => ({ tokenId }),
  // public
  signIn: () => ({ email: 'auditor@example.com', password: PASSWORD }),
  signOut: () => ({}),
  requestPasswordResetAction: () => ({ email: 'auditor@example.com' }),
  resetPasswordAction: async ({ resetToken }) => {
    const token = await resetToken();
    return { token, password: PASSWORD, confirm: PASSWORD };
  },
  acceptInviteAction: async ({ inviteToken }) => {
    const token = await inviteToken();
    return { token, password: PASSWORD, confirm: PASSWORD };
  },
};

/** Actions that end or replace the caller's session: run last, each cell on a session of its own. */
const SESSION_CHANGERS = new Set([
  'signIn',
  'signOut',
  'signOutEverywhereAction',
  'changePasswordAction',
  'acceptInviteAction',
]);

/** Who may call, by where the action lives (server/http/action.ts `auth`). */
function authOf(action: ServerAction): 'public' | 'signed-in' | Role {
  if (action.file.startsWith('app/tenant/')) return 'tenant';
  if (action.file.startsWith('app/manager/')) return 'manager';
  if (action.file.startsWith('app/admin/')) return 'admin';
  if (action.file.startsWith('app/account/')) return 'signed-in';
  return 'public';
}

/** Argument keys naming something a caller owns: another party's is not found for them. */
const OWNED_IDS = ['leaseId', 'propertyId', 'requestId', 'noticeId', 'tenantId', 'tokenId'];

type Want = { code: string; refused: true } | { code: 'allowed' | 'any'; refused: false };

/** The expected outcome of one cell: the table the matrix asserts. */
function expected(action: ServerAction, column: Column, args: unknown): Want {
  const auth = authOf(action);
  if (auth === 'public') return { code: 'any', refused: false };
  const { role, side, session } = CALLERS[column];
  if (!role || session !== 'live') return { code: 'unauthenticated', refused: true };
  if (auth !== 'signed-in' && auth !== role) return { code: 'forbidden', refused: true };
  const scoped = Object.keys(args as object).some((name) => OWNED_IDS.includes(name));
  // Another tenant's lease, another manager's property or request: 404, as the route matrix has it.
  if (scoped && side === 'other') return { code: 'not_found', refused: true };
  return { code: 'allowed', refused: false };
}

/** The ActionResult in an RSC reply (`0:{"a":"$@1",…}` then `1:{"ok":…}`), or `redirect`. */
function outcomeOf(reply: ActionReply): string {
  if (reply.redirect || reply.status === 303) return 'redirect';
  const rows = new Map<string, unknown>();
  for (const line of reply.text.split('\n')) {
    const at = line.indexOf(':');
    try {
      rows.set(line.slice(0, at), JSON.parse(line.slice(at + 1)));
    } catch {
      // Not a JSON row (a text chunk): no ActionResult in it.
    }
  }
  let result = (rows.get('0') as { a?: unknown } | undefined)?.a;
  if (typeof result === 'string' && result.startsWith('$@')) result = rows.get(result.slice(2));
  const value = result as { ok?: boolean; error?: { code?: string } } | undefined;
  if (value?.ok === true) return 'ok';
  if (value?.ok === false) return value.error?.code ?? '?';
  return `unparsed ${reply.status}`;
}

const SHORT: Record<string, string> = {
  ok: 'ok',
  redirect: '303',
  unauthenticated: '401',
  forbidden: '403',
  not_found: '404',
};

describe('server action authorisation matrix', () => {
  it('every action × every caller answers as the table says, and a refusal writes nothing', async () => {
    if (!pgUrl) throw new Error('run through npm run test:reliability');
    server = new Server({ kind: 'postgres', url: pgUrl });
    await server.start();
    const base = server.url;
    const sql = postgres(pgUrl, { max: 1, onnotice: () => {} });
    const eventMark = async () => {
      const [row] = await sql`SELECT count(*)::text AS n, max(global_position)::text AS last FROM events`;
      return `${row?.n}/${row?.last}`;
    };
    const api = async (method: string, path: string, cookie: string, body?: unknown) => {
      const reply = await request(base, method, `/api/v1${path}`, {
        cookie,
        body,
        headers: { 'idempotency-key': key() },
      });
      if (reply.status >= 300)
        throw new Error(`${method} ${path}: ${reply.status} ${JSON.stringify(reply.body)}`);
      return reply.body;
    };

    // ---- two portfolios, made through the API -------------------------------------------------
    const admin = await signIn(base, 'admin@example.com');
    const auditor = await signIn(base, 'auditor@example.com');
    const makePlace = async (name: string) => {
      const managerEmail = `matrix-${name}-manager-${randomUUID()}@example.com`;
      await api('POST', '/admin/users', admin, {
        email: managerEmail,
        name: `Matrix ${name} manager`,
        role: 'manager',
        password: PASSWORD,
      });
      const managerCookie = await signIn(base, managerEmail);
      const { propertyId } = await api('POST', '/properties', managerCookie, {
        name: `Matrix ${name}`,
        address,
        units: [
          { label: 'A1', marketRentCents: 100_000 },
          { label: 'A2', marketRentCents: 100_000 },
        ],
      });
      const { units } = await api('GET', `/properties/${propertyId}`, managerCookie);
      const tenantEmail = `matrix-${name}-tenant-${randomUUID()}@example.com`;
      const invited = await api('POST', '/tenants', managerCookie, {
        name: `Matrix ${name} tenant`,
        email: tenantEmail,
      });
      await api('POST', `/invites/${encodeURIComponent(invited.inviteToken)}`, '', { password: PASSWORD });
      const tenantCookie = await signIn(base, tenantEmail);
      const { leaseId } = await api('POST', '/leases', managerCookie, {
        propertyId,
        unitId: units[0].unitId,
        tenantId: invited.tenantId,
        startDate: today,
        endDate: `${nextYear}-12-31`,
        monthlyRentCents: 100_000,
        dueDay: 1,
        graceDays: 5,
        lateFeeCents: 5_000,
        securityDepositCents: 100_000,
      });
      const lease = `/leases/${leaseId}`;
      const { chargeId } = await api('POST', `${lease}/charges`, managerCookie, {
        kind: 'fee',
        description: 'matrix setup fee',
        amountCents: 5_000,
        dueDate: today,
      });
      const { paymentId } = await api('POST', `${lease}/payments`, managerCookie, {
        amountCents: 1_000,
        method: 'check',
      });
      const { recurringId } = await api('POST', `${lease}/recurring-charges`, managerCookie, {
        description: 'matrix storage',
        amountCents: 1_000,
        fromPeriod: `${nextYear}-01`,
      });
      const { requestId } = await api('POST', '/maintenance-requests', tenantCookie, {
        leaseId,
        category: 'plumbing',
        priority: 'normal',
        description: 'Matrix setup: the sink drips.',
      });
      const { noticeId } = await api('POST', `/properties/${propertyId}/notices`, managerCookie, {
        title: 'Matrix setup notice',
        body: 'Painting the hall.',
      });
      const pending = await api('POST', '/tenants', managerCookie, {
        name: 'Matrix pending',
        email: `matrix-${name}-pending-${randomUUID()}@example.com`,
      });
      const { tokenId } = await api('POST', '/tokens', managerCookie, { name: 'matrix' });
      const place: Place = {
        managerCookie,
        tenantEmail,
        propertyId,
        vacantUnitId: units[1].unitId,
        leaseId,
        chargeId,
        paymentId,
        recurringId,
        requestId,
        noticeId,
        pendingTenantId: pending.tenantId,
        tokenId,
      };
      return { place, managerEmail, tenantCookie };
    };
    const own = await makePlace('own');
    const other = await makePlace('other');
    const emails: Record<Role, string> = {
      tenant: own.place.tenantEmail,
      manager: own.managerEmail,
      auditor: 'auditor@example.com',
      admin: 'admin@example.com',
    };
    const live: Record<Role, string> = {
      tenant: own.tenantCookie,
      manager: own.place.managerCookie,
      auditor,
      admin,
    };
    const ownTokens: Record<Role, string> = {
      tenant: (await api('POST', '/tokens', live.tenant, { name: 'matrix' })).tokenId,
      manager: own.place.tokenId,
      auditor: (await api('POST', '/tokens', auditor, { name: 'matrix' })).tokenId,
      admin: (await api('POST', '/tokens', admin, { name: 'matrix' })).tokenId,
    };
    const webhooks = {
      remove: (await api('POST', '/webhooks', admin, { url: 'http://127.0.0.1:9/matrix-remove' })).webhookId,
      test: (await api('POST', '/webhooks', admin, { url: 'http://127.0.0.1:9/matrix-test' })).webhookId,
    };
    // A reset link of an account nobody else uses (the reset ends its sessions and sets a password).
    const resetEmail = `matrix-reset-${randomUUID()}@example.com`;
    const { userId: resetUserId } = await api('POST', '/admin/users', admin, {
      email: resetEmail,
      name: 'Matrix reset',
      role: 'auditor',
      password: PASSWORD,
    });
    const resetToken = async () => {
      const token = randomBytes(32).toString('base64url');
      const hash = createHash('sha256').update(token).digest('hex');
      await sql`INSERT INTO password_resets (token_hash, user_id, expires_at)
                VALUES (${hash}, ${resetUserId}, now() + interval '1 hour')`;
      return token;
    };
    // Signed in afresh: the session changers end the manager's shared session.
    const inviteToken = async () =>
      (
        await api('POST', '/tenants', await signIn(base, own.managerEmail), {
          name: 'Matrix invitee',
          email: `matrix-invitee-${randomUUID()}@example.com`,
        })
      ).inviteToken as string;

    /** A session cookie for the column: the shared one, or a new one for the session changers. */
    const sessionToken = (cookie: string) => cookie.slice(cookie.indexOf('=') + 1);
    const cookieFor = async (column: Column, fresh: boolean): Promise<string> => {
      const { role, session } = CALLERS[column];
      if (!role) return '';
      if (session === 'live') return fresh ? signIn(base, emails[role]) : live[role];
      const cookie = await signIn(base, emails[role]);
      if (session === 'expired') {
        const id = createHash('sha256').update(sessionToken(cookie)).digest('hex');
        await sql`UPDATE sessions SET expires_at = now() - interval '1 day', created_at = now() - interval '31 days' WHERE id = ${id}`;
      } else {
        const out = await request(base, 'DELETE', '/api/v1/session', { cookie });
        if (out.status >= 300) throw new Error(`sign-out: ${out.status}`);
      }
      return cookie;
    };
    const expiredOnce = await cookieFor('expired session', true);
    const revokedOnce = await cookieFor('revoked session', true);

    // ---- the matrix ----------------------------------------------------------------------------
    const all = serverActions().sort(
      (a, b) => Number(SESSION_CHANGERS.has(a.name)) - Number(SESSION_CHANGERS.has(b.name)),
    );
    expect(all.length).toBeGreaterThan(30);
    const missing = all.filter((action) => !VALID_ARGS[action.name]).map((action) => action.name);
    expect(missing, 'actions without valid arguments in VALID_ARGS').toEqual([]);
    const table: string[] = [];
    let cells = 0;
    let refusedCells = 0;
    for (const action of all) {
      const row: string[] = [];
      for (const column of COLUMNS) {
        const { role, side, session } = CALLERS[column];
        const fresh = SESSION_CHANGERS.has(action.name);
        const cookie =
          !fresh && session === 'expired'
            ? expiredOnce
            : !fresh && session === 'revoked'
              ? revokedOnce
              : await cookieFor(column, fresh);
        const place = side === 'own' ? own.place : other.place;
        const tokenId = side === 'other' ? other.place.tokenId : role ? ownTokens[role] : ownTokens.manager;
        const args = await (VALID_ARGS[action.name] as (ctx: Ctx) => unknown)({
          place,
          tokenId,
          webhooks,
          inviteToken,
          resetToken,
        });
        const want = expected(action, column, args);
        const before = await eventMark();
        const reply = await callAction(base, action, JSON.stringify([args]), cookie);
        const after = await eventMark();
        const outcome = outcomeOf(reply);
        const cell = `${action.name} as ${column} → ${outcome}: ${reply.text.slice(0, 300)}`;
        cells += 1;
        row.push(SHORT[outcome] ?? outcome);
        expect.soft(isServerError(reply), cell).toBe(false);
        expect.soft(outcome, cell).not.toMatch(/^unparsed|^internal_error$/);
        if (want.refused) {
          refusedCells += 1;
          // A 404 may name what was not found (`tenant_not_found`).
          if (want.code === 'not_found') expect.soft(outcome, cell).toMatch(/(^|_)not_found$/);
          else expect.soft(outcome, cell).toBe(want.code);
          expect.soft(after, `${cell} appended an event`).toBe(before);
        } else if (want.code === 'allowed') {
          expect
            .soft(['unauthenticated', 'forbidden', 'not_found'], `${cell} is allowed`)
            .not.toContain(outcome);
        }
      }
      table.push(`${action.name.padEnd(32)} ${row.map((s) => s.padStart(8)).join(' ')}`);
    }
    await sql.end();
    console.log(`\naction authorisation matrix (${COLUMNS.join(' | ')}):\n${table.join('\n')}`);
    expect(server.alive()).toBe(true);
    expect(server.unexpectedErrors()).toEqual([]);
    figure(
      `action matrix ${all.length} actions × ${COLUMNS.length} callers = ${cells} cells, ${refusedCells} refused cells with no event written`,
    );
  }, 600_000);
});
