// A projection's status as a coloured pill; the word is always shown, colour is only a hint.
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
