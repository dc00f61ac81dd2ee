// Every projection the app runs, in the order they catch up.
import 'server-only';
import { leasesProjection } from './leases/projection';
import { maintenanceProjection } from './maintenance/projection';
import { paymentsProjection } from './payments/projection';
import { propertiesProjection } from './properties/projection';
import { streamStatsProjection } from './stream-stats/projection';
import type { Projection } from './types';

export const allProjections: readonly Projection[] = [
  streamStatsProjection,
  leasesProjection,
  propertiesProjection,
  paymentsProjection,
  maintenanceProjection,
];
