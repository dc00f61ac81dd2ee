// /tenant/maintenance: file, follow and rate maintenance requests.
import { randomUUID } from 'node:crypto';
import type { Metadata } from 'next';
import { Hydrate } from '@/components/tenant/hydrate';
import { tenantKeys } from '@/components/tenant/keys';
import { TenantMaintenance } from '@/components/tenant/maintenance';
import { MAINTENANCE_CATEGORIES, prioritySchema } from '@/server/domain/maintenance';
import { requireRole } from '@/server/http/page-auth';
import { getTenantDashboard } from '@/server/queries/tenant-dashboard';
import { listTenantMaintenance } from '@/server/queries/tenant-maintenance';
import { getRuntime } from '@/server/runtime';

export const metadata: Metadata = { title: 'Maintenance' };

export default async function TenantMaintenancePage() {
  const actor = await requireRole(['tenant'], '/tenant/maintenance');
  const db = (await getRuntime()).database.db;
  const [dashboard, requests] = [await getTenantDashboard(db, actor), await listTenantMaintenance(db, actor)];
  const leases = dashboard.leases.map((lease) => ({
    leaseId: lease.leaseId,
    label: `${lease.propertyName}${lease.unitLabel ? `, unit ${lease.unitLabel}` : ''}`,
  }));
  return (
    <Hydrate entries={[[tenantKeys.maintenance, requests]]}>
      <TenantMaintenance
        leases={leases}
        categories={MAINTENANCE_CATEGORIES}
        priorities={prioritySchema.options}
        formKey={randomUUID()}
      />
    </Hydrate>
  );
}
