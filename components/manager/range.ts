// Analytics date ranges: the presets the range picker offers, computed from "today" (UTC).
// Pure and shared by the server page (first render) and the client picker.

export const RANGE_PRESETS = [
  { id: 'this-month', label: 'This month' },
  { id: 'last-3', label: 'Last 3 months' },
  { id: 'last-6', label: 'Last 6 months' },
  { id: 'last-12', label: 'Last 12 months' },
  { id: 'ytd', label: 'Year to date' },
] as const;

export type RangePresetId = (typeof RANGE_PRESETS)[number]['id'];

export interface DateRange {
  from: string;
  to: string;
}

/** The first day of the month `back` months before `today`'s month. */
function monthStart(today: string, back: number): string {
  const year = Number(today.slice(0, 4));
  const month = Number(today.slice(5, 7)) - 1 - back;
  const date = new Date(Date.UTC(year, month, 1));
  return date.toISOString().slice(0, 10);
}

/** Presets end today; "last N months" are the N calendar months up to and including this one. */
export function presetRange(id: RangePresetId, today: string): DateRange {
  switch (id) {
    case 'this-month':
      return { from: monthStart(today, 0), to: today };
    case 'last-3':
      return { from: monthStart(today, 2), to: today };
    case 'last-6':
      return { from: monthStart(today, 5), to: today };
    case 'last-12':
      return { from: monthStart(today, 11), to: today };
    case 'ytd':
      return { from: `${today.slice(0, 4)}-01-01`, to: today };
  }
}

/** Which preset a range is, or 'custom'. */
export function presetOf(range: DateRange, today: string): RangePresetId | 'custom' {
  const found = RANGE_PRESETS.find(({ id }) => {
    const preset = presetRange(id, today);
    return preset.from === range.from && preset.to === range.to;
  });
  return found?.id ?? 'custom';
}

export const todayUtc = (): string => new Date().toISOString().slice(0, 10);
