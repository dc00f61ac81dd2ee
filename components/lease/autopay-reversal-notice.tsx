// Why autopay skipped a month: an autopay payment reversed for NSF is not taken again for its
// period (DESIGN.md). The tenant's lease page, dashboard and the manager's lease page show it.
import type { AutopayReversal } from '@/server/queries/leases';
import { Alert } from '../ui/alert';
import { DateText, Money, PeriodText } from '../ui/locale';

export function AutopayReversalNotice({ reversals }: { reversals: readonly AutopayReversal[] }) {
  if (reversals.length === 0) return null;
  return (
    <div className="space-y-2" data-testid="autopay-reversals">
      {reversals.map((r) => (
        <Alert key={r.paymentId} tone="warning" role="status">
          Autopay payment of <Money cents={r.amountCents} /> on <DateText date={r.paymentDate} /> was reversed
          (NSF); it will not be retried. What it paid for <PeriodText period={r.period} /> is open again.
        </Alert>
      ))}
    </div>
  );
}
