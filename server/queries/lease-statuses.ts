// The statuses a lease is listed under (DESIGN.md "The domain"): no database, so schemas can import it.
export const LEASE_STATUSES = ['active', 'ended', 'terminated'] as const;
