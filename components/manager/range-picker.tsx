'use client';
// The analytics range: preset buttons and a custom from/to form. Changing it only rewrites the
// URL (history API, no navigation); the dashboard reads the URL and refetches with react-query.
import { type FormEvent, useId, useState } from 'react';
import { type DateRange, presetOf, presetRange, RANGE_PRESETS } from './range';

export interface RangePickerProps {
  range: DateRange;
  today: string;
  onChange: (range: DateRange) => void;
}

export function RangePicker({ range, today, onChange }: RangePickerProps) {
  const active = presetOf(range, today);
  const [custom, setCustom] = useState(active === 'custom');
  const [error, setError] = useState<string | null>(null);
  const id = useId();

  function applyCustom(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const from = String(form.get('from') ?? '');
    const to = String(form.get('to') ?? '');
    if (!from || !to) return setError('Enter both dates.');
    if (from > to) return setError('The start date must be on or before the end date.');
    setError(null);
    onChange({ from, to });
  }

  return (
    <div className="flex flex-wrap items-end gap-3">
      <fieldset className="flex flex-wrap gap-1" aria-label="Date range">
        {RANGE_PRESETS.map((preset) => (
          <button
            key={preset.id}
            type="button"
            aria-pressed={active === preset.id && !custom}
            onClick={() => {
              setCustom(false);
              setError(null);
              onChange(presetRange(preset.id, today));
            }}
            className="rounded-md border border-line bg-surface px-3 py-1.5 text-sm font-medium hover:bg-paper aria-pressed:border-accent aria-pressed:bg-accent aria-pressed:text-white"
          >
            {preset.label}
          </button>
        ))}
        <button
          type="button"
          aria-pressed={custom || active === 'custom'}
          aria-expanded={custom || active === 'custom'}
          aria-controls={`${id}-custom`}
          onClick={() => setCustom(true)}
          className="rounded-md border border-line bg-surface px-3 py-1.5 text-sm font-medium hover:bg-paper aria-pressed:border-accent aria-pressed:bg-accent aria-pressed:text-white"
        >
          Custom
        </button>
      </fieldset>
      {custom || active === 'custom' ? (
        <form
          id={`${id}-custom`}
          onSubmit={applyCustom}
          className="flex flex-wrap items-end gap-2"
          aria-label="Custom range"
          noValidate
        >
          <label className="flex flex-col text-sm">
            <span className="font-medium">From</span>
            <input
              type="date"
              name="from"
              defaultValue={range.from}
              key={`from-${range.from}`}
              className="rounded-md border border-line bg-surface px-2 py-1"
            />
          </label>
          <label className="flex flex-col text-sm">
            <span className="font-medium">To</span>
            <input
              type="date"
              name="to"
              defaultValue={range.to}
              key={`to-${range.to}`}
              className="rounded-md border border-line bg-surface px-2 py-1"
            />
          </label>
          <button
            type="submit"
            className="rounded-md bg-accent px-3 py-1.5 text-sm font-medium text-white hover:bg-accent-strong"
          >
            Apply
          </button>
          {error ? (
            <p role="alert" className="w-full text-sm text-bad">
              {error}
            </p>
          ) : null}
        </form>
      ) : null}
    </div>
  );
}
