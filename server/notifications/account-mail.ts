// Email that comes from account actions rather than the event log: the invitation link and the
// password reset link. Each is queued in the same transaction as the token it carries, marked
// sensitive (the outbox page hides it and its body is wiped once sent).
import 'server-only';
import type { Tx } from '../db/client';
import { queueEmail } from './deliver';
import { renderEmail } from './mail/render';

export async function queueInvitationEmail(
  tx: Tx,
  invite: { tenantId: string; name: string; email: string; inviteToken: string; invitedBy: string },
): Promise<void> {
  await queueEmail(tx, {
    dedupeKey: `invite:${invite.tenantId}:${invite.inviteToken.slice(0, 12)}:email`,
    kind: 'invitation',
    userId: invite.tenantId,
    to: invite.email,
    sensitive: true,
    ...renderEmail({
      recipientName: invite.name,
      title: 'You are invited to Leasebook',
      body: `${invite.invitedBy} invited you to Leasebook, where you can pay rent, see your lease and ask for maintenance.\n\nChoose a password with the link below. It works once and expires in 7 days.`,
      link: `/invite/${encodeURIComponent(invite.inviteToken)}`,
      linkLabel: 'Choose your password',
      footer: 'If you did not expect this invitation, ignore this email.',
    }),
  });
}

export async function queuePasswordResetEmail(
  tx: Tx,
  reset: { userId: string; name: string; email: string; token: string },
): Promise<void> {
  await queueEmail(tx, {
    dedupeKey: `password-reset:${reset.token.slice(0, 16)}:email`,
    kind: 'password_reset',
    userId: reset.userId,
    to: reset.email,
    sensitive: true,
    ...renderEmail({
      recipientName: reset.name,
      title: 'Reset your Leasebook password',
      body: 'Someone (hopefully you) asked to reset the password of your Leasebook account.\n\nThe link below lets you choose a new one. It works once and expires in 1 hour; using it signs you out everywhere.',
      link: `/reset-password/${encodeURIComponent(reset.token)}`,
      linkLabel: 'Choose a new password',
      footer: 'If you did not ask for this, ignore this email: your password stays as it is.',
    }),
  });
}
