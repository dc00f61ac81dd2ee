// Property decider: registration with units, unique unit labels, notices.
import { describe, expect, it } from 'vitest';
import { propertyDecider } from '@/server/domain/property';
import type { PropertyCommandOf } from '@/server/domain/property/commands';
import type { PropertyEvent } from '@/server/domain/property/events';
import { noticesOn } from '@/server/domain/property/state';
import { givenFor, testCtx, testId } from '../support/given';

const given = givenFor(propertyDecider);
const PROPERTY_ID = testId(3);
const MANAGER_ID = testId(7);
const address = { line1: '12 Harbour Road', city: 'Portland', state: 'ME', postalCode: '04101' };

const register = (
  units: PropertyCommandOf<'RegisterProperty'>['units'],
): PropertyCommandOf<'RegisterProperty'> => ({
  type: 'RegisterProperty',
  propertyId: PROPERTY_ID,
  name: 'Harbour View',
  address,
  managerId: MANAGER_ID,
  timeZone: 'America/New_York',
  units,
});

const registered: PropertyEvent = {
  type: 'PropertyRegistered',
  data: {
    propertyId: PROPERTY_ID,
    name: 'Harbour View',
    address,
    managerId: MANAGER_ID,
    units: [
      { unitId: testId(1001), label: '1A', marketRentCents: 150_000 },
      { unitId: testId(21), label: '1B', marketRentCents: 160_000 },
    ],
    timeZone: 'America/New_York',
  },
};

/** Registered before properties had time zones: its today is the UTC date. */
const registeredWithoutZone: PropertyEvent = {
  type: 'PropertyRegistered',
  data: { ...registered.data, timeZone: undefined },
} as PropertyEvent;

const notice = (
  overrides: Partial<PropertyCommandOf<'PostNotice'>> = {},
): PropertyCommandOf<'PostNotice'> => ({
  type: 'PostNotice',
  title: 'Water off Tuesday',
  body: 'The water is off from 9 to 12 for pipe repairs.',
  postedBy: MANAGER_ID,
  ...overrides,
});

describe('RegisterProperty', () => {
  it('registers the property and its units, drawing missing unit ids from ctx', () => {
    given([])
      .when(
        register([
          { label: ' 1A ', marketRentCents: 150_000 },
          { unitId: testId(21), label: '1B', marketRentCents: 160_000 },
        ]),
      )
      .then([registered]);
  });

  it('needs at least one unit, unique labels and a positive market rent', () => {
    given([]).when(register([])).thenThrows('property_needs_units');
    given([])
      .when(
        register([
          { label: '1A', marketRentCents: 1 },
          { label: '1a', marketRentCents: 1 },
        ]),
      )
      .thenThrows('unit_label_taken');
    given([])
      .when(register([{ label: '1A', marketRentCents: 0 }]))
      .thenThrows('invalid_rent');
    given([])
      .when(register([{ label: '1A', marketRentCents: 99.5 }]))
      .thenThrows('invalid_rent');
  });

  it('needs a name and a full address, and registers once', () => {
    given([])
      .when({ ...register([{ label: '1A', marketRentCents: 1 }]), name: '  ' })
      .thenThrows('invalid_property');
    given([])
      .when({ ...register([{ label: '1A', marketRentCents: 1 }]), address: { ...address, city: '' } })
      .thenThrows('invalid_property');
    given([registered])
      .when(register([{ label: '9Z', marketRentCents: 1 }]))
      .thenThrows('property_already_exists');
  });
});

describe('AddUnit', () => {
  it('adds a unit with a new label', () => {
    given([registered])
      .when({ type: 'AddUnit', label: '2A', marketRentCents: 170_000 })
      .then([{ type: 'UnitAdded', data: { unitId: testId(1001), label: '2A', marketRentCents: 170_000 } }]);
  });

  it('refuses a label the property already has, and an unknown property', () => {
    given([registered])
      .when({ type: 'AddUnit', label: '1b', marketRentCents: 1 })
      .thenThrows('unit_label_taken');
    given([]).when({ type: 'AddUnit', label: '1A', marketRentCents: 1 }).thenThrows('property_not_found');
  });
});

describe('PostNotice', () => {
  it('posts a notice with its author and date', () => {
    given([registered])
      .when(notice({ expiresOn: '2027-03-20' }))
      .then([
        {
          type: 'NoticePosted',
          data: {
            noticeId: testId(1001),
            title: 'Water off Tuesday',
            body: 'The water is off from 9 to 12 for pipe repairs.',
            expiresOn: '2027-03-20',
            postedBy: MANAGER_ID,
            postedOn: '2027-03-15',
          },
        },
      ]);
  });

  it('needs a title and a body, and an expiry that is not in the past', () => {
    given([registered])
      .when(notice({ title: ' ' }))
      .thenThrows('invalid_notice');
    given([registered])
      .when(notice({ body: '' }))
      .thenThrows('invalid_notice');
    given([registered])
      .when(notice({ expiresOn: '2027-03-14' }))
      .thenThrows('invalid_notice_expiry');
    given([registered])
      .when(notice({ expiresOn: '2027-03-15' }))
      .thenMatch([{ type: 'NoticePosted' }]);
    given([]).when(notice()).thenThrows('property_not_found');
  });

  it("dates the notice and judges its expiry on the property's local date", () => {
    // 12:00 UTC on 03-15 is already 01:00 on 03-16 in Auckland (UTC+13 in March).
    const auckland: PropertyEvent = {
      type: 'PropertyRegistered',
      data: { ...registered.data, timeZone: 'Pacific/Auckland' },
    } as PropertyEvent;
    given([auckland])
      .when(notice({ expiresOn: '2027-03-15' }))
      .thenThrows('invalid_notice_expiry');
    given([auckland])
      .when(notice({ expiresOn: '2027-03-16' }))
      .thenMatch([{ type: 'NoticePosted', data: { postedOn: '2027-03-16' } }]);
    // A property registered before time zones keeps UTC.
    given([registeredWithoutZone])
      .when(notice({ expiresOn: '2027-03-15' }))
      .thenMatch([{ type: 'NoticePosted', data: { postedOn: '2027-03-15' } }]);
  });

  it('tenants see a notice through its expiry day', () => {
    const state = given([registered])
      .when(notice({ expiresOn: '2027-03-20' }), testCtx())
      .state();
    if (state.status === 'none') throw new Error('no property');
    expect(noticesOn(state, '2027-03-20')).toHaveLength(1);
    expect(noticesOn(state, '2027-03-21')).toHaveLength(0);
    expect(JSON.parse(JSON.stringify(state))).toStrictEqual(state);
  });
});
