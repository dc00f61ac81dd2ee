// /manager/tenants: invite a tenant (the link is shown once).
import type { Metadata } from 'next';
import { InviteForm } from '@/components/manager/invite-form';
import { Card } from '@/components/ui/card';
import { requireRole } from '@/server/http/page-auth';

export const metadata: Metadata = { title: 'Invite a tenant' };

export default async function InviteTenantPage() {
  await requireRole('manager', '/manager/tenants');
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-bold tracking-tight">Invite a tenant</h1>
      <p className="max-w-2xl text-sm text-muted">
        The tenant gets an account without a password and a link to choose one. Then create their lease.
      </p>
      <Card>
        <InviteForm />
      </Card>
    </div>
  );
}
