// The demo portfolio as data: users, properties with their units, and leases with their terms.
// Everything is a pure function of the seeding day and a fixed-seed PRNG, so two seeds with the
// same day build the same portfolio (same ids, same terms).
import type { UserRole } from '../auth/tables';
import { uuidFromSeed } from '../commands/ids';
import { addDays, periodOf } from '../domain/shared/dates';
import { DEMO_ACCOUNTS, emailOf, PROPERTIES, TENANT_NAMES } from './data';
import type { Rng } from './prng';

export interface SeedUser {
  id: string;
  email: string;
  name: string;
  role: UserRole;
}

export interface SeedProperty {
  index: number;
  commandId: string;
  propertyId: string;
  units: { unitId: string; label: string; marketRentCents: number }[];
}

/** What a lease's history does beyond the tenant's payment habit. */
export type LeaseRole =
  | 'tenant'
  | 'tenant2'
  | 'renewal'
  | 'ended'
  | 'termination'
  | 'reversal'
  | 'import'
  | 'autopay-cap'
  | 'plain';

/** How a tenant pays, month after month (drawn from the PRNG per period). */
export type Profile = 'reliable' | 'average' | 'struggling' | 'overpayer' | 'partial' | 'check';

export interface SeedLease {
  index: number;
  commandId: string;
  leaseId: string;
  tenant: SeedUser;
  property: SeedProperty;
  unitId: string;
  signedOn: string;
  startDate: string;
  endDate: string;
  monthlyRentCents: number;
  dueDay: number;
  graceDays: number;
  lateFeeCents: number;
  securityDepositCents: number;
  /** Charged when a payment is reversed for NSF (the same on every demo lease: no PRNG draw). */
  nsfFeeCents: number;
  role: LeaseRole;
  profile: Profile;
  method: 'card' | 'ach';
}

// [property, unit, tenant (-1 tenant@, -2 tenant2@, else TENANT_NAMES index), months before the
//  current period it starts, start day, term in months, role, profile]
type Spec = [number, number, number, number, 1 | 15, number, LeaseRole, Profile];
const SPECS: readonly Spec[] = [
  [0, 0, -1, 8, 1, 12, 'tenant', 'reliable'],
  [0, 1, 0, 11, 1, 12, 'import', 'check'],
  [0, 2, 1, 10, 15, 12, 'plain', 'average'],
  [0, 3, 2, 11, 1, 6, 'renewal', 'reliable'],
  [0, 4, 3, 9, 1, 12, 'reversal', 'reliable'],
  [0, 5, 4, 6, 1, 12, 'plain', 'average'],
  [0, 6, 5, 11, 1, 6, 'ended', 'reliable'],
  [0, 6, 6, 4, 15, 12, 'plain', 'average'],
  [0, 8, 7, 3, 1, 12, 'plain', 'reliable'],
  [1, 0, -2, 7, 1, 12, 'tenant2', 'reliable'],
  [1, 1, 8, 11, 15, 12, 'import', 'average'],
  [1, 2, 9, 10, 1, 12, 'plain', 'overpayer'],
  [1, 3, 10, 8, 1, 12, 'termination', 'average'],
  [1, 4, 11, 5, 1, 12, 'plain', 'struggling'],
  [1, 5, 12, 2, 15, 12, 'plain', 'reliable'],
  [2, 0, 13, 11, 1, 12, 'plain', 'average'],
  [2, 1, 14, 9, 1, 12, 'autopay-cap', 'reliable'],
  [2, 2, 15, 7, 15, 12, 'plain', 'average'],
  [2, 3, 16, 6, 1, 12, 'plain', 'struggling'],
  [2, 4, 17, 4, 1, 12, 'plain', 'reliable'],
  [2, 5, 18, 1, 1, 12, 'plain', 'reliable'],
  [3, 0, 19, 10, 1, 12, 'plain', 'check'],
  [3, 1, 20, 9, 15, 12, 'plain', 'average'],
  [3, 2, 21, 8, 1, 12, 'plain', 'partial'],
  [3, 3, 22, 6, 1, 12, 'plain', 'average'],
  [3, 4, 23, 5, 15, 12, 'plain', 'reliable'],
  [3, 5, 24, 3, 1, 12, 'plain', 'average'],
  [3, 6, 25, 11, 1, 18, 'plain', 'reliable'],
  [4, 0, 26, 11, 1, 12, 'plain', 'struggling'],
  [4, 1, 27, 8, 1, 12, 'plain', 'average'],
  [4, 2, 28, 5, 1, 24, 'plain', 'reliable'],
  // The tenant of the ended Portland lease moved to Columbus.
  [4, 3, 5, 2, 1, 12, 'plain', 'reliable'],
];

const DUE_DAYS = [1, 1, 1, 1, 1, 1, 1, 5, 5, 10, 15, 28];
const GRACE_DAYS = [3, 5, 5, 5, 7, 10];

/** `period` moved by `months` (negative: earlier). */
export function shiftPeriod(period: string, months: number): string {
  const [year = 0, month = 1] = period.split('-').map(Number);
  const index = year * 12 + (month - 1) + months;
  return `${String(Math.floor(index / 12)).padStart(4, '0')}-${String((index % 12) + 1).padStart(2, '0')}`;
}

/** Whole dollars, in cents, rounded to a multiple of `step` dollars. */
const dollars = (amount: number, step = 5): number => Math.round(amount / step) * step * 100;

function user(email: string, name: string, role: UserRole): SeedUser {
  return { id: uuidFromSeed(`seed:user:${email}`), email, name, role };
}

export interface Portfolio {
  users: SeedUser[];
  manager: SeedUser;
  properties: SeedProperty[];
  leases: SeedLease[];
}

export function buildPortfolio(today: string, rng: Rng): Portfolio {
  const accounts = Object.values(DEMO_ACCOUNTS).map((a) => user(a.email, a.name, a.role));
  const tenants = TENANT_NAMES.map((name) => user(emailOf(name), name, 'tenant'));
  const byEmail = new Map(accounts.map((a) => [a.email, a]));
  const manager = byEmail.get(DEMO_ACCOUNTS.manager.email) as SeedUser;

  const properties = PROPERTIES.map((property, index): SeedProperty => {
    const commandId = `seed:property:${index}`;
    const [low, high] = property.rentRange;
    return {
      index,
      commandId,
      propertyId: uuidFromSeed(`property:${commandId}`),
      // registerProperty derives unit ids the same way from its command id.
      units: property.units.map((label, i) => ({
        unitId: uuidFromSeed(`unit:${commandId}:${i}`),
        label,
        marketRentCents: dollars(low + rng.next() * (high - low), 25),
      })),
    };
  });

  const current = periodOf(today);
  const windowStart = addDays(today, -365);
  const leases = SPECS.map(([p, u, t, ago, day, months, role, profile], index): SeedLease => {
    const property = properties[p] as SeedProperty;
    const unit = property.units[u];
    if (!unit) throw new Error(`No unit ${u} in property ${p}`);
    const tenant =
      t === -1
        ? (byEmail.get(DEMO_ACCOUNTS.tenant.email) as SeedUser)
        : t === -2
          ? (byEmail.get(DEMO_ACCOUNTS.tenant2.email) as SeedUser)
          : (tenants[t] as SeedUser);
    const startDate = `${shiftPeriod(current, -ago)}-${day === 1 ? '01' : '15'}`;
    const endDate = addDays(`${shiftPeriod(current, months - ago)}-${day === 1 ? '01' : '15'}`, -1);
    const signedOn = [addDays(startDate, -rng.int(5, 21)), windowStart].sort().at(-1) as string;
    const rent = dollars((unit.marketRentCents / 100) * (0.97 + rng.next() * 0.05));
    const scripted = role === 'tenant' || role === 'tenant2' || role === 'renewal';
    const commandId = `seed:lease:${index}`;
    return {
      index,
      commandId,
      leaseId: uuidFromSeed(`lease:${commandId}`),
      tenant,
      property,
      unitId: unit.unitId,
      signedOn,
      startDate,
      endDate,
      monthlyRentCents: rent,
      dueDay: scripted ? 1 : rng.pick(DUE_DAYS),
      graceDays: role === 'tenant' || role === 'reversal' ? 5 : rng.pick(GRACE_DAYS),
      lateFeeCents: role === 'tenant' ? 7_500 : rng.pick([5_000, 5_000, 7_500, 10_000]),
      securityDepositCents: rent,
      nsfFeeCents: 3_500,
      role,
      profile,
      method: rng.chance(0.6) ? 'ach' : 'card',
    };
  });
  return { users: [...accounts, ...tenants], manager, properties, leases };
}
