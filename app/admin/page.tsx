// /admin: the admin console (admins only; anyone else gets the 404 page, signed out → sign in).
// The panels are client components polling /api/v1/admin/... (components/admin/console.tsx).
import type { Metadata } from 'next';
import { AdminConsole } from '@/components/admin/console';
import { requireRole } from '@/server/http/page-auth';

export const metadata: Metadata = { title: 'Admin console' };

export default async function AdminPage() {
  const actor = await requireRole(['admin'], '/admin');
  return (
    <section aria-labelledby="admin-heading" className="space-y-6">
      <div className="space-y-1">
        <h1 id="admin-heading" className="text-2xl font-bold">
          Admin console
        </h1>
        <p className="text-muted">
          Projections, billing, notifications, throughput, the database and accounts.
        </p>
      </div>
      <AdminConsole me={actor.userId} />
    </section>
  );
}
