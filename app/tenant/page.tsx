// /tenant: the tenant's dashboard, rendered from the read model and handed to react-query.
import type { Metadata } from 'next';
import { TenantDashboard } from '@/components/tenant/dashboard';
import { Hydrate } from '@/components/tenant/hydrate';
import { tenantKeys } from '@/components/tenant/keys';
import { requireRole } from '@/server/http/page-auth';
import { getEmailPreferences } from '@/server/notifications/inbox';
import { getTenantDashboard } from '@/server/queries/tenant-dashboard';
import { getRuntime } from '@/server/runtime';
import { EmailPreferences } from './email-preferences';

export const metadata: Metadata = { title: 'Your rent' };

export default async function TenantHomePage() {
  const actor = await requireRole(['tenant'], '/tenant');
  const runtime = await getRuntime();
  const [dashboard, preferences] = await Promise.all([
    getTenantDashboard(runtime.database.db, actor),
    getEmailPreferences(runtime, actor),
  ]);
  return (
    <div className="space-y-8">
      <Hydrate entries={[[tenantKeys.dashboard, dashboard]]}>
        <TenantDashboard name={actor.name} />
      </Hydrate>
      <EmailPreferences reminderEmails={preferences.reminderEmails} />
    </div>
  );
}
