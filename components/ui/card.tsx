// A titled panel: a <section> labelled by its heading, with optional actions on the right.
import type { ReactNode } from 'react';

export interface CardProps {
  title?: ReactNode;
  /** Needed with a title: ties the section to its heading for screen readers. */
  id?: string;
  actions?: ReactNode;
  headingLevel?: 2 | 3;
  className?: string;
  children: ReactNode;
  'data-testid'?: string;
}

export function Card({ title, id, actions, headingLevel = 2, className, children, ...rest }: CardProps) {
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  const headingId = title && id ? `${id}-heading` : undefined;
  return (
    <section
      id={id}
      aria-labelledby={headingId}
      className={`min-w-0 rounded-lg border border-line bg-surface p-4 shadow-sm sm:p-5 ${className ?? ''}`}
      data-testid={rest['data-testid']}
    >
      {title || actions ? (
        <div className="mb-3 flex flex-wrap items-center justify-between gap-2">
          {title ? (
            <Heading id={headingId} className="text-lg font-semibold">
              {title}
            </Heading>
          ) : (
            <span />
          )}
          {actions}
        </div>
      ) : null}
      {children}
    </section>
  );
}

/** What to show when a list is empty: what it means and what to do. */
export function EmptyState({ children }: { children: ReactNode }) {
  return <p className="rounded-md border border-dashed border-line p-4 text-sm text-muted">{children}</p>;
}
