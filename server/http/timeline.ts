// TODO(issue-10): scripts/bench-audit-timeline.ts still imports these from here; delete this file
// once it imports '../server/queries/lease-history' (where the lease history reads now live).
export { exportStream, leaseStateAt } from '../queries/lease-history';
