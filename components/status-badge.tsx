// Statuses as coloured pills: a projection's health, a lease's status, a tenant's invite. The
// word is always shown (colour is only a hint) and a title says what it means.
import type { LeaseStatus } from '@/server/domain/lease';
import type { TenantStatus } from '@/server/queries/tenants';
import { Badge, type BadgeTone } from './ui/badge';

const STYLES: Record<string, string> = {
  ok: 'bg-ok-soft text-ok',
  rebuilding: 'bg-warn-soft text-warn',
  failing: 'bg-bad-soft text-bad',
  degraded: 'bg-warn-soft text-warn',
};

export function StatusBadge({ status }: { status: string }) {
  return (
    <span
      className={`inline-flex items-center rounded-full px-2.5 py-0.5 text-xs font-semibold ${STYLES[status] ?? 'bg-line text-ink'}`}
    >
      {status}
    </span>
  );
}

/** The five lease statuses (DESIGN.md "The domain"), in the order a lease lives them. */
export const LEASE_STATUS_LABEL: Record<LeaseStatus, { label: string; tone: BadgeTone; meaning: string }> = {
  future: { label: 'Future', tone: 'accent', meaning: 'Starts on a later date' },
  active: { label: 'Active', tone: 'ok', meaning: 'Running today' },
  notice: { label: 'On notice', tone: 'warn', meaning: 'A termination is recorded; still billed until it' },
  terminated: { label: 'Terminated', tone: 'bad', meaning: 'Ended early by a termination' },
  ended: { label: 'Ended', tone: 'neutral', meaning: 'Past its end date' },
};

export function LeaseStatusBadge({ status }: { status: LeaseStatus }) {
  const { label, tone, meaning } = LEASE_STATUS_LABEL[status];
  return (
    <Badge tone={tone} title={meaning} data-status={status}>
      {label}
    </Badge>
  );
}

/** A tenant's account as the directory shows it (server/queries/tenants.ts). */
const TENANT_STATUS_LABEL: Record<TenantStatus, { label: string; tone: BadgeTone; meaning: string }> = {
  invited: { label: 'Invited', tone: 'accent', meaning: 'The invite link works and has not been used yet' },
  expired: {
    label: 'Invite expired',
    tone: 'bad',
    meaning: 'The link ran out before it was used: resend it',
  },
  pending: { label: 'Pending', tone: 'warn', meaning: 'Signed up, with no current lease' },
  active: { label: 'Active', tone: 'ok', meaning: 'Signed up, with a current lease' },
};

export function TenantStatusBadge({ status }: { status: TenantStatus }) {
  const { label, tone, meaning } = TENANT_STATUS_LABEL[status];
  return (
    <Badge tone={tone} title={meaning} data-status={status}>
      {label}
    </Badge>
  );
}
