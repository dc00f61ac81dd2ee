'use client';
// The security deposit of one lease as a tenant reads it: required, held, still due, and once the
// lease is over how it was settled (deductions, what it paid of the balance, the refund).
import Link from 'next/link';
import { DateText, Money } from '@/components/ui/locale';
import type { DepositView } from '@/server/queries/leases';

const REFUND_LABEL = { check: 'by check', ach: 'by bank transfer (ACH)' } as const;

export function DepositSummary({
  deposit,
  payHref,
}: {
  deposit: DepositView;
  /** Where to pay what is still due (absent: the lease takes no deposit payment now). */
  payHref?: string;
}) {
  const { requiredCents, heldCents, dueCents, settlement } = deposit;
  if (requiredCents === 0 && heldCents === 0 && !settlement) return null;
  return (
    <div className="rounded-md border border-line bg-paper px-3 py-2 text-sm" data-testid="deposit-summary">
      <p className="font-medium">Security deposit</p>
      {settlement ? (
        <p data-testid="deposit-settled" data-refunded-cents={settlement.refundedCents}>
          Settled on <DateText date={settlement.settledOn} />: of <Money cents={settlement.heldCents} /> held,{' '}
          <Money cents={settlement.appliedToDeductionsCents} /> paid deductions
          {settlement.appliedToBalanceCents > 0 ? (
            <>
              {' '}
              and <Money cents={settlement.appliedToBalanceCents} /> paid your balance
            </>
          ) : null}
          ;{' '}
          {settlement.refundedCents > 0 ? (
            <>
              <Money cents={settlement.refundedCents} /> refunded {REFUND_LABEL[settlement.refundMethod]}.
            </>
          ) : (
            'nothing was left to refund.'
          )}
        </p>
      ) : (
        <p data-testid="deposit-held" data-held-cents={heldCents} data-due-cents={dueCents}>
          <Money cents={heldCents} /> held of <Money cents={requiredCents} /> required
          {dueCents > 0 ? (
            <>
              ; <Money cents={dueCents} /> still due
              {payHref ? (
                <>
                  {' '}
                  (
                  <Link href={payHref} className="text-accent-strong underline underline-offset-2">
                    pay the deposit
                  </Link>
                  )
                </>
              ) : null}
            </>
          ) : null}
          . It is kept apart from your rent balance and settled when the lease ends.
        </p>
      )}
    </div>
  );
}
