// A lease's life as its manager and its tenant change it: signing it, renewing, terminating,
// autopay. One use case each for the API and the web; each authorises itself through the policy.
import 'server-only';
import { type Actor, authoriseProperty, propertyManagerOf } from '../auth/policy';
import { findUserByEmail, findUserById } from '../auth/users';
import type { LeaseCommand, LeaseCommandOf } from '../domain/lease';
import type { Runtime } from '../runtime';
import type { CommandEnvelope } from './handle';
import { type CreateLeaseInput, changeLeaseAs, createLease } from './lease';
import { Refusal } from './refusal';

/** A change's input: the lease and the command's fields. */
type Input<T extends LeaseCommand['type']> = { leaseId: string } & Omit<LeaseCommandOf<T>, 'type'>;

export type OpenLeaseInput = Omit<CreateLeaseInput, 'tenantId'> & {
  /** The tenant, by id (the API) or by email (the web form). */
  tenant: { id: string } | { email: string };
};

/** The property's manager leases a vacant unit to a tenant who has an account. */
export async function openLease(
  runtime: Runtime,
  actor: Actor,
  { tenant, ...terms }: OpenLeaseInput,
  envelope: CommandEnvelope,
) {
  const managerId = await propertyManagerOf(runtime, terms.propertyId);
  authoriseProperty(actor, 'create_lease', managerId ? { managerId } : null);
  const db = runtime.database.db;
  const byId = 'id' in tenant;
  const user = byId ? await findUserById(db, tenant.id) : await findUserByEmail(db, tenant.email);
  if (user?.role !== 'tenant') {
    throw byId
      ? new Refusal(404, 'tenant_not_found', 'No tenant has that id.', 'tenantId')
      : new Refusal(404, 'tenant_not_found', 'No tenant has that email. Invite them first.', 'tenantEmail');
  }
  return createLease(runtime, { ...terms, tenantId: user.id }, envelope);
}

/** The unit's other leases are looked up by the command path, never sent by the caller. */
export const renewLease = (
  runtime: Runtime,
  actor: Actor,
  input: Omit<Input<'RenewLease'>, 'existingLeasesForUnit'>,
  envelope: CommandEnvelope,
) =>
  changeLeaseAs(
    runtime,
    actor,
    input.leaseId,
    { type: 'RenewLease', newEndDate: input.newEndDate, monthlyRentCents: input.monthlyRentCents },
    envelope,
  );

export const terminateLease = (
  runtime: Runtime,
  actor: Actor,
  input: Input<'TerminateLease'>,
  envelope: CommandEnvelope,
) =>
  changeLeaseAs(
    runtime,
    actor,
    input.leaseId,
    { type: 'TerminateLease', effectiveDate: input.effectiveDate, reason: input.reason },
    envelope,
  );

/** The tenant enrols their lease in autopay (method, optional cap). */
export const enrolAutopay = (
  runtime: Runtime,
  actor: Actor,
  input: Input<'EnrolAutopay'>,
  envelope: CommandEnvelope,
) =>
  changeLeaseAs(
    runtime,
    actor,
    input.leaseId,
    { type: 'EnrolAutopay', method: input.method, capCents: input.capCents },
    envelope,
  );

export const cancelAutopay = (
  runtime: Runtime,
  actor: Actor,
  input: { leaseId: string },
  envelope: CommandEnvelope,
) => changeLeaseAs(runtime, actor, input.leaseId, { type: 'CancelAutopay' }, envelope);
