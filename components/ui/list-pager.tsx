// The links under a paged list (keyset pages): back to the first page, and on to the next one.
// A cursor only moves forward, so "previous" goes back to the start, and says so.
import Link from 'next/link';
import { buttonClass } from './button';

export function ListPager({ previous, next }: { previous: string | null; next: string | null }) {
  if (!previous && !next) return null;
  return (
    <nav aria-label="Pages" className="flex flex-wrap justify-between gap-2">
      {previous ? (
        <Link href={previous} className={buttonClass('secondary')}>
          ← First page
        </Link>
      ) : (
        <span />
      )}
      {next ? (
        <Link href={next} className={buttonClass('secondary')} rel="next">
          Next page →
        </Link>
      ) : null}
    </nav>
  );
}
