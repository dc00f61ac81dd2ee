// /tenant: the tenant's dashboard, rendered from the read model and handed to react-query.
import type { Metadata } from 'next';
import { TenantDashboard } from '@/components/tenant/dashboard';
import { Hydrate } from '@/components/tenant/hydrate';
import { tenantKeys } from '@/components/tenant/keys';
import { requireRole } from '@/server/http/page-auth';
import { getTenantDashboard } from '@/server/queries/tenant-dashboard';
import { getRuntime } from '@/server/runtime';

export const metadata: Metadata = { title: 'Your rent' };

export default async function TenantHomePage() {
  const actor = await requireRole(['tenant'], '/tenant');
  const runtime = await getRuntime();
  const dashboard = await getTenantDashboard(runtime.database.db, actor);
  return (
    <Hydrate entries={[[tenantKeys.dashboard, dashboard]]}>
      <TenantDashboard name={actor.name} />
    </Hydrate>
  );
}
