// react-query keys of the tenant pages (shared by server components that hydrate them and client
// components that read and invalidate them). Invalidate `tenantKeys.all` after any tenant write.
export const tenantKeys = {
  all: ['tenant'] as const,
  dashboard: ['tenant', 'dashboard'] as const,
  lease: (leaseId: string) => ['tenant', 'lease', leaseId] as const,
  maintenance: ['tenant', 'maintenance'] as const,
};
