// The statuses a lease is listed under (DESIGN.md "The domain"): no database, so schemas can import it.
export { LEASE_STATUSES } from '../domain/lease/state';
