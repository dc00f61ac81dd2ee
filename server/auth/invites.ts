// Resending a tenant's invite: a new one-use, 7-day link replaces every open one of that tenant,
// in one transaction, so the link sent before stops working the moment the new one exists.
import 'server-only';
import { and, eq, isNull, sql } from 'drizzle-orm';
import { type Executor, rows } from '../db/client';
import { hashSecret, INVITE_DAYS, newSecret } from './sessions';
import { invites, users } from './tables';

const DAY_MS = 24 * 60 * 60 * 1000;

export type ReissueOutcome =
  | { ok: true; inviteToken: string; expiresAt: string }
  | { ok: false; reason: 'not_found' | 'already_accepted' };

/**
 * A new invite for a tenant who has not set a password yet. The tenant's open invites are locked
 * first and then the tenant's row, the order acceptInvite takes them in (it claims the invite, then
 * sets the password): a resend racing an accept either sees the password and refuses, or deletes
 * the link before the accept claims it; two resends serialise and leave exactly one link open.
 */
export async function reissueInvite(
  db: Executor,
  input: { tenantId: string; invitedBy: string },
  now = new Date(),
): Promise<ReissueOutcome> {
  const inviteToken = newSecret();
  return db.transaction(async (tx) => {
    await tx
      .select({ tokenHash: invites.tokenHash })
      .from(invites)
      .where(and(eq(invites.userId, input.tenantId), isNull(invites.usedAt)))
      .for('update');
    const [tenant] = await tx
      .select({ passwordHash: users.passwordHash, role: users.role })
      .from(users)
      .where(eq(users.id, input.tenantId))
      .for('update');
    if (tenant?.role !== 'tenant') return { ok: false, reason: 'not_found' } as const;
    if (tenant.passwordHash !== null) return { ok: false, reason: 'already_accepted' } as const;
    await tx.delete(invites).where(and(eq(invites.userId, input.tenantId), isNull(invites.usedAt)));
    const expiresAt = new Date(now.getTime() + INVITE_DAYS * DAY_MS).toISOString();
    await tx.insert(invites).values({
      tokenHash: hashSecret(inviteToken),
      userId: input.tenantId,
      invitedBy: input.invitedBy,
      createdAt: now.toISOString(),
      expiresAt,
    });
    return { ok: true, inviteToken, expiresAt } as const;
  });
}

/** Whether the tenant is in the manager's directory: invited by them, or leasing in their property. */
export async function isManagersTenant(db: Executor, managerId: string, tenantId: string): Promise<boolean> {
  const found = await rows<{ yes: number }>(
    db,
    sql`SELECT 1 AS yes WHERE EXISTS (
          SELECT 1 FROM invites i WHERE i.user_id = ${tenantId} AND i.invited_by = ${managerId})
        OR EXISTS (
          SELECT 1 FROM rm_leases l JOIN rm_properties p ON p.property_id = l.property_id
          WHERE l.tenant_id = ${tenantId} AND p.manager_id = ${managerId})`,
  );
  return found.length > 0;
}
