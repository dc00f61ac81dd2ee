// Canonical JSON must give one text per value, whatever the key order, and survive a jsonb trip.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { assertJsonValue, canonicalJson, chainHash, type JsonValue } from '@/server/eventstore/canonical';
import { comparePositions, decodeCursor, encodeCursor } from '@/server/eventstore/cursor';
import { UpcasterRegistry } from '@/server/eventstore/upcasters';

describe('canonicalJson', () => {
  it('sorts keys at every level', () => {
    expect(canonicalJson({ b: 1, a: { d: [2, { z: 1, y: 2 }], c: null } })).toBe(
      '{"a":{"c":null,"d":[2,{"y":2,"z":1}]},"b":1}',
    );
  });

  it('is the same for any key order and equals JSON after a parse round trip', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const clean = assertJsonValue(value, 'value');
        const reparsed = JSON.parse(JSON.stringify(clean)) as JsonValue;
        expect(canonicalJson(reparsed)).toBe(canonicalJson(clean));
        const shuffled = JSON.parse(JSON.stringify(clean, (_k, v) => reverseKeys(v))) as JsonValue;
        expect(canonicalJson(shuffled)).toBe(canonicalJson(clean));
      }),
    );
  });

  it('chains: changing any field or the previous hash changes the hash', () => {
    const event = {
      streamId: 'lease-1',
      version: 1,
      eventId: '00000000-0000-4000-8000-000000000000',
      eventType: 'RentCharged',
      schemaVersion: 1,
      data: { amountCents: 150000 },
      metadata: { source: 'billing' },
      recordedAt: '2026-11-26T00:00:00.000Z',
    };
    const base = chainHash('', event);
    expect(chainHash('', { ...event })).toBe(base);
    expect(chainHash('x', event)).not.toBe(base);
    expect(chainHash('', { ...event, data: { amountCents: 150001 } })).not.toBe(base);
    expect(chainHash('', { ...event, recordedAt: '2026-11-26T00:00:00.001Z' })).not.toBe(base);
  });
});

function reverseKeys(value: unknown): unknown {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return value;
  return Object.fromEntries(Object.entries(value).reverse());
}

describe('cursor', () => {
  it('round-trips and orders by transaction, then position', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 2n ** 63n - 1n }), fc.nat(), (tx, position) => {
        const at = { txId: tx.toString(), globalPosition: position };
        expect(decodeCursor(encodeCursor(at))).toEqual(at);
      }),
    );
    expect(
      comparePositions({ txId: '9', globalPosition: 100 }, { txId: '10', globalPosition: 1 }),
    ).toBeLessThan(0);
    expect(
      comparePositions({ txId: '10', globalPosition: 2 }, { txId: '10', globalPosition: 1 }),
    ).toBeGreaterThan(0);
  });

  it('refuses anything it did not make', () => {
    expect(() => decodeCursor('hello')).toThrow(/cursor/);
    expect(() => decodeCursor(Buffer.from('v1:-1:3').toString('base64url'))).toThrow(/cursor/);
    expect(decodeCursor(undefined)).toEqual({ txId: '0', globalPosition: 0 });
  });
});

describe('UpcasterRegistry', () => {
  it('chains upcasters to the newest version and knows the write version', () => {
    const registry = new UpcasterRegistry([
      { eventType: 'E', fromVersion: 1, toVersion: 2, upcast: (d) => ({ ...(d as object), two: true }) },
      { eventType: 'E', fromVersion: 2, toVersion: 3, upcast: (d) => ({ ...(d as object), three: true }) },
    ]);
    expect(registry.currentVersion('E')).toBe(3);
    expect(registry.currentVersion('Other')).toBe(1);
    expect(registry.upcast('E', 1, {})).toEqual({ schemaVersion: 3, data: { two: true, three: true } });
    expect(registry.upcast('E', 3, { x: 1 })).toEqual({ schemaVersion: 3, data: { x: 1 } });
    expect(() =>
      registry.register({ eventType: 'E', fromVersion: 1, toVersion: 4, upcast: (d) => d }),
    ).toThrow();
  });
});
