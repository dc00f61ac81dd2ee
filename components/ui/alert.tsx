// Notices inside a page: a form-level error (with the correlation id of an unexpected failure),
// a success message, or a caution.
import type { ReactNode } from 'react';

export interface ErrorLike {
  message: string;
  correlationId?: string;
}

const TONES = {
  error: 'border-bad bg-bad-soft text-bad',
  success: 'border-ok bg-ok-soft text-ok',
  warning: 'border-warn bg-warn-soft text-warn',
  info: 'border-line bg-surface text-ink',
} as const;

export function Alert({
  tone = 'info',
  title,
  children,
  role,
}: {
  tone?: keyof typeof TONES;
  title?: ReactNode;
  children?: ReactNode;
  role?: 'alert' | 'status';
}) {
  return (
    <div role={role} className={`rounded-md border-l-4 px-4 py-3 text-sm ${TONES[tone]}`}>
      {title ? <p className="font-semibold">{title}</p> : null}
      {children ? <div className={title ? 'mt-1' : undefined}>{children}</div> : null}
    </div>
  );
}

/** An action's error; unexpected ones carry a reference to quote to support. */
export function ErrorAlert({ error }: { error: ErrorLike | null | undefined }) {
  if (!error) return null;
  return (
    <Alert tone="error" role="alert">
      <p data-testid="form-error">
        {error.message}
        {error.correlationId ? (
          <>
            {' '}
            Reference: <code className="font-mono">{error.correlationId}</code>
          </>
        ) : null}
      </p>
    </Alert>
  );
}
