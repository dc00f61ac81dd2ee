// What one event changed in the lease: status, balance and deposit held before → after, and each
// period it touched.
import type { PeriodSummary, StateChange } from '@/server/queries/audit-timeline';
import { formatMoney } from '../ui/format';

const periodText = (p: PeriodSummary | null, locale: string): string =>
  p
    ? `charged ${formatMoney(p.chargedCents, locale)}, paid ${formatMoney(p.paidCents, locale)}, late fee ${formatMoney(p.lateFeeCents, locale)}${p.completed ? ', completed' : ''}`
    : 'none';

export function StateChangeView({ change, locale }: { change: StateChange; locale: string }) {
  const { before, after, periods } = change;
  const same =
    before.status === after.status &&
    before.balanceCents === after.balanceCents &&
    before.depositHeldCents === after.depositHeldCents;
  if (same && periods.length === 0)
    return <p className="text-sm text-muted">No change to balance, deposit, status or periods.</p>;
  return (
    <ul className="space-y-0.5 text-sm" data-testid="state-change">
      {before.status !== after.status ? (
        <li>
          Status: {before.status} → <strong>{after.status}</strong>
        </li>
      ) : null}
      {before.balanceCents !== after.balanceCents ? (
        <li data-testid="balance-change">
          Balance: {formatMoney(before.balanceCents, locale)} →{' '}
          <strong>{formatMoney(after.balanceCents, locale)}</strong>
        </li>
      ) : null}
      {before.depositHeldCents !== after.depositHeldCents ? (
        <li data-testid="deposit-change">
          Deposit held: {formatMoney(before.depositHeldCents, locale)} →{' '}
          <strong>{formatMoney(after.depositHeldCents, locale)}</strong>
        </li>
      ) : null}
      {periods.map((p) => (
        <li key={p.period}>
          Period {p.period}: {periodText(p.before, locale)} → <strong>{periodText(p.after, locale)}</strong>
        </li>
      ))}
    </ul>
  );
}
