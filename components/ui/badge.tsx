// A status as a coloured pill; the word is always shown, colour is only a hint.
export type BadgeTone = 'ok' | 'warn' | 'bad' | 'neutral' | 'accent';

const TONES: Record<BadgeTone, string> = {
  ok: 'bg-ok-soft text-ok',
  warn: 'bg-warn-soft text-warn',
  bad: 'bg-bad-soft text-bad',
  neutral: 'bg-line text-ink',
  accent: 'bg-accent-soft text-accent-strong',
};

export function Badge({
  tone = 'neutral',
  children,
  title,
  'data-status': status,
}: {
  tone?: BadgeTone;
  children: string;
  /** What the word means, on hover. */
  title?: string;
  'data-status'?: string;
}) {
  return (
    <span
      title={title}
      data-status={status}
      className={`inline-flex items-center rounded-full px-2.5 py-0.5 text-xs font-semibold whitespace-nowrap ${TONES[tone]}`}
    >
      {children}
    </span>
  );
}
