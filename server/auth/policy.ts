// The one policy module: who may read or change what. Every route, command and query asks here
// with the actor and the target. Rules (DESIGN.md "Users and access"):
//   tenant:  own leases only — read, pay (card/ach), autopay, request maintenance, rate own request
//   manager: the properties they manage (property.managerId === actor.userId) — leases, offline
//            payments, reversals, notices, maintenance, analytics
//   auditor: read-only, everything (events, verify, export, leases, properties)
//   admin:   operations (billing run, event feed) + reads
// Not yours (another tenant's lease, another manager's property) → NotFoundError (404, same as an
// unknown id); a role that may never do the action → ForbiddenError (403).
import 'server-only';
import { eq, type SQL, sql } from 'drizzle-orm';
import type { LeaseCommand, LeaseState } from '../domain/lease';
import type { MaintenanceCommand } from '../domain/maintenance';
import { leasesTable } from '../projections/leases/tables';
import { propertiesTable } from '../projections/properties/tables';
import type { Runtime } from '../runtime';
import { ForbiddenError, NotFoundError } from './errors';
import type { UserRole } from './tables';

export interface Actor {
  userId: string;
  role: UserRole;
  name: string;
}

/** What policy needs to know about a lease: whose it is and who manages its property. */
export interface LeaseAccess {
  tenantId: string;
  propertyId: string;
  /** The managerId of the lease's property (null if the property is unknown). */
  managerId: string | null;
}

export interface PropertyAccess {
  managerId: string;
}

export interface MaintenanceAccess {
  tenantId: string;
  propertyId: string;
  managerId: string | null;
}

const hidden = (what: string) => new NotFoundError(`That ${what} does not exist.`);
const forbidden = (message = 'Your role does not allow that.') => new ForbiddenError(message);

// ---- leases ---------------------------------------------------------------------------------

/** Tenant: own; manager: own portfolio; auditor, admin: all. */
function canReadLease(actor: Actor, lease: LeaseAccess): boolean {
  switch (actor.role) {
    case 'tenant':
      return lease.tenantId === actor.userId;
    case 'manager':
      return lease.managerId === actor.userId;
    case 'auditor':
    case 'admin':
      return true;
  }
}

/** Throws NotFoundError when the actor may not see the lease. */
export function assertCanReadLease(actor: Actor, lease: LeaseAccess | null): asserts lease is LeaseAccess {
  if (!lease || !canReadLease(actor, lease)) throw hidden('lease');
}

/** Verify and export of a lease's timeline: the lease's manager and auditors (admins read too). */
export function assertCanAuditLease(actor: Actor, lease: LeaseAccess | null): asserts lease is LeaseAccess {
  assertCanReadLease(actor, lease);
  if (actor.role === 'tenant') throw forbidden('Tenants cannot verify or export a timeline.');
}

type LeaseCommandType = LeaseCommand['type'];
const TENANT_LEASE_COMMANDS: readonly LeaseCommandType[] = [
  'ReceivePayment',
  'EnrolAutopay',
  'CancelAutopay',
];
const MANAGER_LEASE_COMMANDS: readonly LeaseCommandType[] = [
  'CreateLease',
  'ReceivePayment',
  'ReversePayment',
  'RenewLease',
  'TerminateLease',
  'PostDueItems',
  'PostCharge',
  'WaiveCharge',
  'GrantCredit',
  'AddRecurringCharge',
  'RemoveRecurringCharge',
  'SettleDeposit',
];

/**
 * May the actor run this lease command? Not their lease → 404; their lease but not their kind of
 * command → 403.
 */
export function authoriseLeaseCommand(
  actor: Actor,
  command: { type: LeaseCommandType },
  lease: LeaseAccess,
): void {
  if (!canReadLease(actor, lease)) throw hidden('lease');
  if (actor.role === 'tenant') {
    // Card/ACH only and "today" only are business rules the lease decider enforces (422).
    if (!TENANT_LEASE_COMMANDS.includes(command.type)) throw forbidden();
    return;
  }
  if (actor.role === 'manager' && MANAGER_LEASE_COMMANDS.includes(command.type)) return;
  if (actor.role === 'admin' && command.type === 'PostDueItems') return;
  throw forbidden();
}

// ---- properties -----------------------------------------------------------------------------

export type PropertyAction = 'read' | 'register' | 'post_notice' | 'create_lease' | 'analytics';

/** Manager: own properties (and registering new ones); auditor/admin: read; tenant: nothing. */
export function authoriseProperty(
  actor: Actor,
  action: PropertyAction,
  property: PropertyAccess | null,
): void {
  if (action === 'register') {
    if (actor.role !== 'manager') throw forbidden();
    return;
  }
  if (action === 'read' && (actor.role === 'auditor' || actor.role === 'admin')) {
    if (!property) throw hidden('property');
    return;
  }
  if (actor.role !== 'manager') throw forbidden();
  if (!property || property.managerId !== actor.userId) throw hidden('property');
}

// ---- maintenance ----------------------------------------------------------------------------

type MaintenanceCommandType = MaintenanceCommand['type'];

export function authoriseMaintenanceCommand(
  actor: Actor,
  commandType: MaintenanceCommandType,
  request: MaintenanceAccess,
): void {
  const own =
    (actor.role === 'tenant' && request.tenantId === actor.userId) ||
    (actor.role === 'manager' && request.managerId === actor.userId) ||
    actor.role === 'auditor' ||
    actor.role === 'admin';
  if (!own) throw hidden('maintenance request');
  const tenantCommand = commandType === 'RequestMaintenance' || commandType === 'RateMaintenance';
  if (actor.role === 'tenant' && tenantCommand) return;
  if (actor.role === 'manager' && !tenantCommand) return;
  throw forbidden();
}

// ---- operations -----------------------------------------------------------------------------

/** The global event feed: auditors and admins. */
export const canReadEventFeed = (actor: Actor): boolean => actor.role === 'auditor' || actor.role === 'admin';
export const canRunBilling = (actor: Actor): boolean => actor.role === 'admin';
export const canManageTenants = (actor: Actor): boolean => actor.role === 'manager';

// ---- lookups --------------------------------------------------------------------------------
// Policy facts come from the read models, never from folding a stream: who a lease belongs to and
// which property it is in never change, and neither does a property's manager, so they are kept
// in process once read (per runtime, bounded).

const CACHE_LIMIT = 10_000;
type Facts = { managers: Map<string, string>; leases: Map<string, Omit<LeaseAccess, 'managerId'>> };
const factsOf = new WeakMap<Runtime, Facts>();

function facts(runtime: Runtime): Facts {
  let found = factsOf.get(runtime);
  if (!found) {
    found = { managers: new Map(), leases: new Map() };
    factsOf.set(runtime, found);
  }
  return found;
}

function remember<V>(map: Map<string, V>, key: string, value: V): void {
  if (map.size >= CACHE_LIMIT) map.delete(map.keys().next().value as string);
  map.set(key, value);
}

/** The manager of a property (null when the property does not exist). */
export async function propertyManagerOf(runtime: Runtime, propertyId: string): Promise<string | null> {
  const cache = facts(runtime).managers;
  const cached = cache.get(propertyId);
  if (cached) return cached;
  const [row] = await runtime.database.db
    .select({ managerId: propertiesTable.managerId })
    .from(propertiesTable)
    .where(eq(propertiesTable.propertyId, propertyId));
  if (!row) return null;
  remember(cache, propertyId, row.managerId);
  return row.managerId;
}

/** Policy facts about a lease already loaded (e.g. inside a command's authorise hook). */
export async function leaseAccessOfState(runtime: Runtime, state: LeaseState): Promise<LeaseAccess | null> {
  if (state.status === 'none') return null;
  return {
    tenantId: state.tenantId,
    propertyId: state.propertyId,
    managerId: await propertyManagerOf(runtime, state.propertyId),
  };
}

/** Policy facts about a lease by id (null when it does not exist). */
export async function leaseAccessOf(runtime: Runtime, leaseId: string): Promise<LeaseAccess | null> {
  const cache = facts(runtime).leases;
  let lease = cache.get(leaseId);
  if (!lease) {
    const [row] = await runtime.database.db
      .select({ tenantId: leasesTable.tenantId, propertyId: leasesTable.propertyId })
      .from(leasesTable)
      .where(eq(leasesTable.leaseId, leaseId));
    if (!row) return null;
    lease = row;
    remember(cache, leaseId, row);
  }
  return { ...lease, managerId: await propertyManagerOf(runtime, lease.propertyId) };
}

// ---- the same rules as SQL row filters, for read-model queries ---------------------------------

type Reader = Pick<Actor, 'userId' | 'role'>;

/** Leases (alias `l`, joined to its property as `p`) the reader may see. */
export function leaseScope(reader: Reader): SQL {
  switch (reader.role) {
    case 'tenant':
      return sql`l.tenant_id = ${reader.userId}`;
    case 'manager':
      return sql`p.manager_id = ${reader.userId}`;
    case 'auditor':
    case 'admin':
      return sql`TRUE`;
  }
}

/** Properties (alias `p`) the reader may see: tenants read theirs through their leases only. */
export function propertyScope(reader: Reader): SQL {
  switch (reader.role) {
    case 'manager':
      return sql`p.manager_id = ${reader.userId}`;
    case 'auditor':
    case 'admin':
      return sql`TRUE`;
    case 'tenant':
      return sql`FALSE`;
  }
}
