// Every endpoint under /api/v1, once: `route()` parses with these and the OpenAPI document is
// generated from this list (tests/integration/api-contracts.int.test.ts checks that every route
// file is in it and the other way round).
import * as account from './account';
import * as admin from './admin';
import type { Contract } from './contract';
import * as leases from './leases';
import * as maintenance from './maintenance';
import * as notifications from './notifications';
import * as operations from './operations';
import * as properties from './properties';

export type { Contract } from './contract';
export { wrapperStatuses } from './contract';
export { account, admin, leases, maintenance, notifications, operations, properties };

export const CONTRACTS: readonly Contract[] = [
  account,
  leases,
  maintenance,
  properties,
  operations,
  notifications,
  admin,
].flatMap((group) => Object.values(group) as Contract[]);
