// The tenant lease pages' data shape, for the client components (the read is
// server/queries/tenant-lease.ts).
export type { TenantLeaseDetail as LeaseDetail } from '@/server/queries/tenant-lease';
