// The demo history beside the money: notices on every property (some expired, some current)
// and maintenance requests in every state, with ratings.
import { addDays, dayInPeriod, periodOf } from '../domain/shared/dates';
import type { Action } from './actions';
import { RATING_COMMENTS, REQUEST_TEXTS } from './data';
import { type Portfolio, type SeedLease, shiftPeriod } from './portfolio';

export function noticeActions(portfolio: Portfolio, today: string, add: (action: Action) => void): void {
  const windowStart = addDays(today, -365);
  for (const property of portfolio.properties) {
    const p = property.index;
    const at = (ago: number, day: number) => dayInPeriod(shiftPeriod(periodOf(today), -ago), day);
    add({
      kind: 'notice',
      day: addDays(windowStart, p),
      key: `n:${p}:welcome`,
      property: p,
      notice: 'welcome',
    });
    const water = at(3 + p, 10);
    add({
      kind: 'notice',
      day: water,
      key: `n:${p}:water`,
      property: p,
      notice: 'water',
      expiresOn: addDays(water, 5),
    });
    if (p <= 2) {
      const holiday = at(6 + p, 18);
      const expiresOn = addDays(holiday, 14);
      add({ kind: 'notice', day: holiday, key: `n:${p}:holiday`, property: p, notice: 'holiday', expiresOn });
    }
    const [notice, posted, days] = p % 2 === 0 ? (['fire', 7, 21] as const) : (['parking', 2, 5] as const);
    const day = addDays(today, -posted);
    add({
      kind: 'notice',
      day,
      key: `n:${p}:${notice}`,
      property: p,
      notice,
      expiresOn: addDays(today, days),
    });
  }
}

// [lease index, days before today it is filed, final state, rating]
const REQUESTS: readonly [
  number,
  number,
  'requested' | 'scheduled' | 'completed' | 'rated' | 'cancelled',
  number?,
][] = [
  [0, 150, 'rated', 5],
  [0, 3, 'requested'],
  [9, 60, 'rated', 4],
  [9, 8, 'scheduled'],
  [1, 300, 'rated', 5],
  [2, 200, 'rated', 3],
  [11, 120, 'cancelled'],
  [15, 180, 'rated', 2],
  [16, 90, 'completed'],
  [21, 45, 'rated', 1],
  [24, 20, 'completed'],
  [27, 5, 'scheduled'],
  [28, 1, 'requested'],
  [30, 30, 'cancelled'],
];

export function maintenanceActions(portfolio: Portfolio, today: string, add: (action: Action) => void): void {
  REQUESTS.forEach(([leaseIndex, ago, outcome, rating], request) => {
    const lease = portfolio.leases[leaseIndex] as SeedLease;
    const filed = addDays(today, -ago);
    const base = { kind: 'maintenance' as const, request, lease };
    const key = (step: string) => `m${request}:${step}`;
    add({ ...base, day: filed, key: key('request'), step: 'request', text: request % REQUEST_TEXTS.length });
    if (outcome === 'requested') return;
    if (outcome === 'cancelled') {
      const reason =
        request % 2 === 0
          ? 'The tenant reports the problem resolved itself.'
          : 'Duplicate of an earlier request.';
      add({ ...base, day: addDays(filed, 2), key: key('cancel'), step: 'cancel', reason });
      return;
    }
    const visit = outcome === 'scheduled' ? addDays(today, 3 + (request % 4)) : addDays(filed, 3);
    add({ ...base, day: addDays(filed, 1), key: key('schedule'), step: 'schedule', scheduledFor: visit });
    if (outcome === 'scheduled') return;
    add({ ...base, day: visit, key: key('complete'), step: 'complete', resolution: request % 4 });
    if (outcome !== 'rated' || rating === undefined) return;
    const comment = request === 4 ? undefined : RATING_COMMENTS[rating];
    add({
      ...base,
      day: addDays(visit, 2),
      key: key('rate'),
      step: 'rate',
      rating,
      ...(comment ? { comment } : {}),
    });
  });
}
