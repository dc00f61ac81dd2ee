'use client';
// Time travel: pick a recorded moment or a version; the panel shows the lease as it was known then
// (folded by the server, GET /leases/:id/state), with its per-period table.
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { formatMoney } from '../ui/format';
import { useLocale } from '../ui/locale';
import { fetchJson } from './fetch-json';
import { toLocalInput, utcTime } from './format';

export type TravelPoint =
  | { kind: 'latest' }
  | { kind: 'version'; version: number }
  | { kind: 'time'; asOf: string };

interface LeaseStateAt {
  version: number;
  asOf: string;
  state: {
    status: string;
    balanceCents: number;
    monthlyRentCents: number;
    endDate: string;
    depositRequiredCents: number;
    depositHeldCents: number;
    depositSettlement?: {
      settledOn: string;
      appliedToDeductionsCents: number;
      appliedToBalanceCents: number;
      refundedCents: number;
      refundMethod: string;
    };
    periods: {
      period: string;
      chargedCents: number;
      paidCents: number;
      lateFeeCents: number;
      completed: boolean;
    }[];
  };
}

const stateUrl = (leaseId: string, point: TravelPoint) => {
  const base = `/api/v1/leases/${leaseId}/state`;
  if (point.kind === 'version') return `${base}?version=${point.version}`;
  if (point.kind === 'time') return `${base}?asOf=${encodeURIComponent(point.asOf)}`;
  return base;
};

export function TimeTravel({
  leaseId,
  totalEvents,
  firstRecordedAt,
  point,
  onChange,
}: {
  leaseId: string;
  totalEvents: number;
  firstRecordedAt: string;
  point: TravelPoint;
  onChange: (point: TravelPoint) => void;
}) {
  const locale = useLocale();
  const [moment, setMoment] = useState('');
  const state = useQuery({
    queryKey: ['audit', 'state', leaseId, point],
    queryFn: ({ signal }) => fetchJson<LeaseStateAt>(stateUrl(leaseId, point), signal),
    placeholderData: keepPreviousData,
  });
  const sliderValue =
    point.kind === 'version'
      ? point.version
      : point.kind === 'time'
        ? (state.data?.version ?? totalEvents)
        : totalEvents;
  const data = state.data;
  return (
    <section
      aria-labelledby="travel-heading"
      className="rounded-lg border border-line bg-surface p-4 shadow-sm print:hidden"
      data-testid="time-travel"
    >
      <h2 id="travel-heading" className="text-lg font-semibold">
        Time travel
      </h2>
      <p className="text-sm text-muted">
        The lease as it was known at a recorded moment or after a version. Events after that point are greyed.
      </p>
      <div className="mt-3 grid gap-4 md:grid-cols-2">
        <div className="space-y-1.5">
          <label htmlFor="travel-version" className="block text-sm font-medium">
            Version: <output data-testid="travel-version">{sliderValue}</output> of {totalEvents}
          </label>
          <input
            id="travel-version"
            type="range"
            min={1}
            max={totalEvents}
            step={1}
            value={sliderValue}
            onChange={(e) => onChange({ kind: 'version', version: Number(e.target.value) })}
            className="w-full accent-accent"
          />
        </div>
        <div className="space-y-1.5">
          <label htmlFor="travel-moment" className="block text-sm font-medium">
            Recorded moment (your local time)
          </label>
          <div className="flex gap-2">
            <input
              id="travel-moment"
              type="datetime-local"
              step={1}
              min={toLocalInput(firstRecordedAt)}
              value={moment}
              onChange={(e) => {
                setMoment(e.target.value);
                const at = new Date(e.target.value);
                if (!Number.isNaN(at.getTime())) onChange({ kind: 'time', asOf: at.toISOString() });
              }}
              className="block min-h-11 w-full rounded-md border border-line bg-surface px-3 py-2 text-base"
            />
            <button
              type="button"
              onClick={() => {
                setMoment('');
                onChange({ kind: 'latest' });
              }}
              className="min-h-11 shrink-0 rounded-md border border-line bg-surface px-3 text-sm font-semibold hover:bg-paper"
            >
              Now
            </button>
          </div>
        </div>
      </div>
      <div className="mt-4" aria-live="polite" data-testid="travel-state">
        {state.isError ? (
          <p className="text-sm font-medium text-bad" role="alert">
            {state.error.message}
          </p>
        ) : data ? (
          <>
            <dl className="grid gap-2 text-sm sm:grid-cols-4">
              <div>
                <dt className="text-muted">Balance</dt>
                <dd className="text-xl font-semibold tabular-nums" data-testid="travel-balance">
                  {formatMoney(data.state.balanceCents, locale)}
                </dd>
              </div>
              <div>
                <dt className="text-muted">Status</dt>
                <dd className="font-semibold" data-testid="travel-status">
                  {data.state.status}
                </dd>
              </div>
              <div>
                <dt className="text-muted">Known at</dt>
                <dd>
                  version {data.version}
                  {point.kind === 'time' ? `, recorded ≤ ${utcTime(data.asOf)}` : ''}
                </dd>
              </div>
              <div>
                <dt className="text-muted">Rent · ends</dt>
                <dd>
                  {formatMoney(data.state.monthlyRentCents, locale)} · {data.state.endDate}
                </dd>
              </div>
              <div className="sm:col-span-4" data-testid="travel-deposit">
                <dt className="text-muted">Security deposit</dt>
                <dd>
                  {formatMoney(data.state.depositHeldCents, locale)} held of{' '}
                  {formatMoney(data.state.depositRequiredCents, locale)} required
                  {data.state.depositSettlement
                    ? ` · settled ${data.state.depositSettlement.settledOn}: ${formatMoney(
                        data.state.depositSettlement.appliedToDeductionsCents,
                        locale,
                      )} to deductions, ${formatMoney(
                        data.state.depositSettlement.appliedToBalanceCents,
                        locale,
                      )} to the balance, ${formatMoney(data.state.depositSettlement.refundedCents, locale)} refunded by ${
                        data.state.depositSettlement.refundMethod
                      }`
                    : ''}
                </dd>
              </div>
            </dl>
            {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard (axe scrollable-region-focusable) */}
            <section className="mt-3 max-h-72 overflow-auto" aria-label="Periods as known then" tabIndex={0}>
              <table className="w-full text-left text-sm">
                <caption className="sr-only">Periods as known at the chosen point</caption>
                <thead className="text-muted">
                  <tr>
                    <th scope="col" className="py-1 pr-3 font-medium">
                      Period (effective)
                    </th>
                    <th scope="col" className="py-1 pr-3 text-right font-medium">
                      Charged
                    </th>
                    <th scope="col" className="py-1 pr-3 text-right font-medium">
                      Paid
                    </th>
                    <th scope="col" className="py-1 pr-3 text-right font-medium">
                      Late fee
                    </th>
                    <th scope="col" className="py-1 font-medium">
                      Completed
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {data.state.periods.map((p) => (
                    <tr key={p.period} className="border-t border-line">
                      <td className="py-1 pr-3 font-mono">{p.period}</td>
                      <td className="py-1 pr-3 text-right tabular-nums">
                        {formatMoney(p.chargedCents, locale)}
                      </td>
                      <td className="py-1 pr-3 text-right tabular-nums">
                        {formatMoney(p.paidCents, locale)}
                      </td>
                      <td className="py-1 pr-3 text-right tabular-nums">
                        {formatMoney(p.lateFeeCents, locale)}
                      </td>
                      <td className="py-1">{p.completed ? 'yes' : 'no'}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </section>
          </>
        ) : (
          <p className="text-sm text-muted">Loading the state…</p>
        )}
      </div>
    </section>
  );
}
