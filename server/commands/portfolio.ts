// A manager's portfolio: registering a property they will manage, posting a notice to one of
// theirs, inviting a tenant. One use case each for the API and the web; each asks the policy.
import 'server-only';
import { ForbiddenError } from '../auth/errors';
import { type Actor, authoriseProperty, canManageTenants } from '../auth/policy';
import { inviteTenant as createInvite } from '../auth/sessions';
import type { PropertyCommandOf } from '../domain/property';
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
  'type' | 'noticeId' | 'postedBy'
>;

/** A notice id that is the same on every retry of one idempotency key. */
export const noticeIdFor = (envelope: CommandEnvelope): string =>
  envelope.commandId ? uuidFromSeed(`notice:${envelope.commandId}`) : newUuid();

/** The property's manager posts a notice its tenants see until it expires. */
export async function postNotice(
  runtime: Runtime,
  actor: Actor,
  { propertyId, ...notice }: PostNoticeInput,
  envelope: CommandEnvelope,
) {
  const noticeId = noticeIdFor(envelope);
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

/**
 * A manager invites a tenant: an account without a password and a one-use, 7-day invite, whose
 * link is emailed (queued in the same transaction; the manager can still copy it).
 */
export async function inviteTenant(runtime: Runtime, actor: Actor, input: { name: string; email: string }) {
  if (!canManageTenants(actor)) throw new ForbiddenError('Only managers invite tenants.');
  const invited = await runtime.database.db.transaction(async (tx) => {
    const created = await createInvite(tx, input);
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
