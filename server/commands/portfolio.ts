// A manager's portfolio: registering a property they will manage, changing its name and address,
// adding units, posting and withdrawing notices, inviting a tenant and resending the invite. One
// use case each for the API and the web; each asks the policy.
import 'server-only';
import { ForbiddenError } from '../auth/errors';
import { isManagersTenant, reissueInvite } from '../auth/invites';
import { type Actor, authoriseProperty, canManageTenants } from '../auth/policy';
import { inviteTenant as createInvite } from '../auth/sessions';
import type { Address, PropertyCommandOf } from '../domain/property';
import { queueInvitationEmail } from '../notifications/account-mail';
import type { Runtime } from '../runtime';
import type { CommandEnvelope } from './handle';
import { newUuid, uuidFromSeed } from './ids';
import { changePropertyAs, type RegisterPropertyInput, registerProperty } from './property';
import { Refusal } from './refusal';

/** A manager registers a property; they become its manager. */
export function addProperty(
  runtime: Runtime,
  actor: Actor,
  input: Omit<RegisterPropertyInput, 'managerId'>,
  envelope: CommandEnvelope,
) {
  authoriseProperty(actor, 'register', null);
  return registerProperty(runtime, { ...input, managerId: actor.userId }, envelope);
}

export type PostNoticeInput = { propertyId: string } & Omit<
  PropertyCommandOf<'PostNotice'>,
  'type' | 'postedBy'
>;

/** A notice id that is the same on every retry of one idempotency key. */
export const noticeIdFor = (envelope: CommandEnvelope): string =>
  envelope.commandId ? uuidFromSeed(`notice:${envelope.commandId}`) : newUuid();

/** The property's manager posts a notice its tenants see until it expires. */
export async function postNotice(
  runtime: Runtime,
  actor: Actor,
  { propertyId, noticeId: given, ...notice }: PostNoticeInput,
  envelope: CommandEnvelope,
) {
  // A door that answers with the id mints it once and passes it (without a key it is random).
  const noticeId = given ?? noticeIdFor(envelope);
  const result = await changePropertyAs(
    runtime,
    actor,
    'post_notice',
    propertyId,
    { type: 'PostNotice', noticeId, ...notice, postedBy: actor.userId },
    envelope,
  );
  return { ...result, noticeId };
}

export type WithdrawNoticeInput = { propertyId: string; noticeId: string; reason?: string | undefined };

/** The property's manager withdraws a notice: its tenants stop seeing it; the manager still lists it. */
export function withdrawNotice(
  runtime: Runtime,
  actor: Actor,
  { propertyId, noticeId, reason }: WithdrawNoticeInput,
  envelope: CommandEnvelope,
) {
  return changePropertyAs(
    runtime,
    actor,
    'withdraw_notice',
    propertyId,
    { type: 'WithdrawNotice', noticeId, ...(reason ? { reason } : {}), withdrawnBy: actor.userId },
    envelope,
  );
}

export type PropertyDetailsInput = { propertyId: string; name: string; address: Address };

/** The property's manager corrects its name and address (records nothing when both are unchanged). */
export function changePropertyDetails(
  runtime: Runtime,
  actor: Actor,
  { propertyId, name, address }: PropertyDetailsInput,
  envelope: CommandEnvelope,
) {
  return changePropertyAs(
    runtime,
    actor,
    'edit',
    propertyId,
    { type: 'ChangePropertyDetails', name, address },
    envelope,
  );
}

export type AddUnitInput = { propertyId: string; unitId?: string; label: string; marketRentCents: number };

/** A unit id that is the same on every retry of one idempotency key. */
export const unitIdFor = (envelope: CommandEnvelope): string =>
  envelope.commandId ? uuidFromSeed(`unit:${envelope.commandId}`) : newUuid();

/** The property's manager adds a unit (its label must be new to the property). */
export async function addUnit(
  runtime: Runtime,
  actor: Actor,
  { propertyId, unitId: given, label, marketRentCents }: AddUnitInput,
  envelope: CommandEnvelope,
) {
  const unitId = given ?? unitIdFor(envelope);
  const result = await changePropertyAs(
    runtime,
    actor,
    'edit',
    propertyId,
    { type: 'AddUnit', unitId, label, marketRentCents },
    envelope,
  );
  return { ...result, unitId };
}

/**
 * A manager invites a tenant: an account without a password and a one-use, 7-day invite, whose
 * link is emailed (queued in the same transaction; the manager can still copy it).
 */
export async function inviteTenant(runtime: Runtime, actor: Actor, input: { name: string; email: string }) {
  if (!canManageTenants(actor)) throw new ForbiddenError('Only managers invite tenants.');
  const invited = await runtime.database.db.transaction(async (tx) => {
    const created = await createInvite(tx, { ...input, invitedBy: actor.userId });
    if (created) {
      await queueInvitationEmail(tx, {
        ...created,
        name: input.name.trim(),
        email: input.email.trim().toLowerCase(),
        invitedBy: actor.name,
      });
    }
    return created;
  });
  if (!invited) throw new Refusal(409, 'email_taken', 'A user with that email already exists.', 'email');
  return invited;
}

/**
 * A manager sends a tenant of theirs (invited by them, or with a lease in one of their properties)
 * a new invite link; the old one stops working. Another manager's tenant is a 404, like an unknown
 * id; a tenant who already set a password is a 409.
 */
export async function resendInvite(runtime: Runtime, actor: Actor, input: { tenantId: string }) {
  if (!canManageTenants(actor)) throw new ForbiddenError('Only managers invite tenants.');
  const db = runtime.database.db;
  const notFound = () => new Refusal(404, 'tenant_not_found', 'You have no tenant with that id.', 'tenantId');
  if (!(await isManagersTenant(db, actor.userId, input.tenantId))) throw notFound();
  const outcome = await reissueInvite(db, { tenantId: input.tenantId, invitedBy: actor.userId });
  if (!outcome.ok && outcome.reason === 'not_found') throw notFound();
  if (!outcome.ok) {
    throw new Refusal(
      409,
      'invite_already_accepted',
      'This tenant has already accepted the invite and chosen a password; there is nothing to resend.',
    );
  }
  return { tenantId: input.tenantId, inviteToken: outcome.inviteToken, expiresAt: outcome.expiresAt };
}
