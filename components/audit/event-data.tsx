// An event's data in readable form: one line per field, money as dollars, nested values as JSON.
import type { JsonValue } from '@/server/eventstore/canonical';
import { formatMoney } from '../ui/format';
import { humanKey } from './format';

function valueText(key: string, value: JsonValue, locale: string): string {
  if (typeof value === 'number' && /Cents$/.test(key)) return formatMoney(value, locale);
  if (typeof value === 'string') return value;
  if (Array.isArray(value) && key === 'allocations') {
    return (
      value
        .map((a) => {
          const item = a as { period?: string; kind?: string; amountCents?: number };
          return `${item.period ?? '?'} ${item.kind ?? ''} ${formatMoney(item.amountCents ?? 0, locale)}`;
        })
        .join('; ') || 'none'
    );
  }
  return JSON.stringify(value);
}

export function EventData({ data, locale }: { data: JsonValue; locale: string }) {
  if (!data || typeof data !== 'object' || Array.isArray(data)) {
    return <p className="font-mono text-sm">{JSON.stringify(data)}</p>;
  }
  return (
    <dl className="grid grid-cols-[max-content_1fr] gap-x-4 gap-y-0.5 text-sm">
      {Object.entries(data).map(([key, value]) => (
        <div key={key} className="contents">
          <dt className="text-muted">{humanKey(key)}</dt>
          <dd className="break-all">{valueText(key, value, locale)}</dd>
        </div>
      ))}
    </dl>
  );
}
