'use client';
// The manager's section links; the current one is marked for screen readers too.
import Link from 'next/link';
import { usePathname } from 'next/navigation';

const LINKS = [
  { href: '/manager', label: 'Analytics' },
  { href: '/manager/properties', label: 'Properties' },
  { href: '/manager/leases', label: 'Leases' },
  { href: '/manager/tenants', label: 'Tenants' },
  { href: '/manager/maintenance', label: 'Maintenance' },
] as const;

export function ManagerNav() {
  const pathname = usePathname();
  const current = (href: string) =>
    href === '/manager' ? pathname === '/manager' : pathname === href || pathname.startsWith(`${href}/`);
  return (
    <nav aria-label="Manager" className="border-b border-line pb-2">
      <ul className="flex flex-wrap gap-1 text-sm font-medium">
        {LINKS.map((link) => (
          <li key={link.href}>
            <Link
              href={link.href}
              aria-current={current(link.href) ? 'page' : undefined}
              className="block rounded-md px-3 py-1.5 text-muted hover:bg-surface hover:text-ink aria-[current=page]:bg-accent-soft aria-[current=page]:text-accent-strong"
            >
              {link.label}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
