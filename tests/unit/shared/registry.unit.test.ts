// The domain registry: stream ids, decider lookup, schema versions and error statuses.
import { describe, expect, it } from 'vitest';
import { leaseIdOfStream, leaseStreamId } from '@/server/domain/lease';
import { maintenanceStreamId } from '@/server/domain/maintenance';
import { propertyStreamId } from '@/server/domain/property';
import { deciders, schemaVersionOf, streamTypeOfEvent } from '@/server/domain/registry';
import { DomainError, httpStatusOf } from '@/server/domain/shared/errors';
import { testId } from '../support/given';

describe('domain registry', () => {
  it('names streams <type>-<uuid>', () => {
    expect(leaseStreamId(testId(1))).toBe(`lease-${testId(1)}`);
    expect(propertyStreamId(testId(1))).toBe(`property-${testId(1)}`);
    expect(maintenanceStreamId(testId(1))).toBe(`maintenance-${testId(1)}`);
    expect(leaseIdOfStream(`lease-${testId(1)}`)).toBe(testId(1));
    expect(leaseIdOfStream(`property-${testId(1)}`)).toBeNull();
  });

  it('finds deciders by stream type and stream types by event type', () => {
    expect(Object.keys(deciders).sort()).toEqual(['lease', 'maintenance', 'property']);
    expect(streamTypeOfEvent('RentCharged')).toBe('lease');
    expect(streamTypeOfEvent('NoticePosted')).toBe('property');
    expect(streamTypeOfEvent('MaintenanceRated')).toBe('maintenance');
    expect(streamTypeOfEvent('Nope')).toBeUndefined();
  });

  it('knows the current schema version of every event type', () => {
    expect(schemaVersionOf('PaymentReceived')).toBe(3);
    expect(schemaVersionOf('LeaseCreated')).toBe(1);
    expect(schemaVersionOf('UnitAdded')).toBe(1);
  });

  it('maps rule refusals to 422 and unknown ids to 404', () => {
    expect(httpStatusOf(new DomainError('amount_too_large', 'Too much.'))).toBe(422);
    expect(httpStatusOf(new DomainError('lease_not_found', 'No lease.'))).toBe(404);
    expect(httpStatusOf(new DomainError('invalid_input', 'Bad.'))).toBe(400);
  });
});
