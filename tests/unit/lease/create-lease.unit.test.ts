// CreateLease: the terms are checked and a unit is never leased twice for overlapping dates.
import { describe, it } from 'vitest';
import type { LeaseCommandOf } from '@/server/domain/lease/commands';
import { testId } from '../support/given';
import { given, LEASE_ID, leaseCreated, PROPERTY_ID, RENT, TENANT_ID, UNIT_ID } from '../support/lease';

type Create = LeaseCommandOf<'CreateLease'>;

const create = (overrides: Partial<Create> = {}): Create => ({
  type: 'CreateLease',
  leaseId: LEASE_ID,
  tenantId: TENANT_ID,
  propertyId: PROPERTY_ID,
  unitId: UNIT_ID,
  startDate: '2027-03-15',
  endDate: '2027-08-10',
  monthlyRentCents: RENT,
  dueDay: 1,
  graceDays: 5,
  lateFeeCents: 5_000,
  securityDepositCents: RENT,
  existingLeasesForUnit: [],
  ...overrides,
});

const other = (startDate: string, endDate: string, terminatedOn?: string) => ({
  leaseId: testId(77),
  startDate,
  endDate,
  ...(terminatedOn ? { terminatedOn } : {}),
});

describe('CreateLease', () => {
  it('records the lease with its terms', () => {
    given([]).when(create()).then([leaseCreated()]);
  });

  it('refuses a second creation of the same lease', () => {
    given([leaseCreated()]).when(create()).thenThrows('lease_already_exists');
  });

  it('needs the end date after the start date', () => {
    given([])
      .when(create({ endDate: '2027-03-15' }))
      .thenThrows('invalid_lease_dates');
    given([])
      .when(create({ endDate: '2027-03-01' }))
      .thenThrows('invalid_lease_dates');
  });

  it('refuses impossible dates', () => {
    given([])
      .when(create({ startDate: '2027-02-30' }))
      .thenThrows('invalid_input');
  });

  it('needs a positive whole-cent rent, a due day 1-28 and sane fees', () => {
    given([])
      .when(create({ monthlyRentCents: 0 }))
      .thenThrows('invalid_rent');
    given([])
      .when(create({ monthlyRentCents: 1500.5 }))
      .thenThrows('invalid_rent');
    given([])
      .when(create({ monthlyRentCents: 1e15 }))
      .thenThrows('invalid_rent');
    given([])
      .when(create({ dueDay: 0 }))
      .thenThrows('invalid_due_day');
    given([])
      .when(create({ dueDay: 29 }))
      .thenThrows('invalid_due_day');
    given([])
      .when(create({ graceDays: -1 }))
      .thenThrows('invalid_grace_days');
    given([])
      .when(create({ lateFeeCents: -1 }))
      .thenThrows('invalid_late_fee');
    given([])
      .when(create({ securityDepositCents: 0.5 }))
      .thenThrows('invalid_deposit');
  });

  it('refuses a unit already leased for overlapping dates', () => {
    given([])
      .when(create({ existingLeasesForUnit: [other('2026-09-01', '2027-03-15')] }))
      .thenThrows('unit_unavailable');
    given([])
      .when(create({ existingLeasesForUnit: [other('2027-08-10', '2028-08-09')] }))
      .thenThrows('unit_unavailable');
    given([])
      .when(create({ existingLeasesForUnit: [other('2027-04-01', '2027-05-01')] }))
      .thenThrows('unit_unavailable');
  });

  it('accepts a lease that starts the day after another ends, or after an earlier termination', () => {
    given([])
      .when(
        create({
          existingLeasesForUnit: [other('2026-09-01', '2027-03-14'), other('2027-08-11', '2028-08-10')],
        }),
      )
      .then([leaseCreated()]);
    given([])
      .when(create({ existingLeasesForUnit: [other('2026-09-01', '2027-12-31', '2027-03-14')] }))
      .then([leaseCreated()]);
  });

  it('does not count the lease itself as a clash', () => {
    given([])
      .when(create({ existingLeasesForUnit: [{ ...other('2027-03-15', '2027-08-10'), leaseId: LEASE_ID }] }))
      .then([leaseCreated()]);
  });
});
