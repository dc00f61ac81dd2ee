// Small builders shared by the integration tests.
import { randomUUID } from 'node:crypto';
import type { EventMetadata, NewEvent } from '@/server/eventstore';

export const systemMetadata: EventMetadata = {
  actor: { userId: null, role: 'system' },
  correlationId: 'test-correlation',
  causationId: null,
  source: 'system',
};

export const newStreamId = (type = 'test') => `${type}-${randomUUID()}`;

export const thing = (n: number, extra: Record<string, unknown> = {}): NewEvent => ({
  type: 'ThingHappened',
  data: { n, ...extra },
});

export const things = (count: number, from = 1): NewEvent[] =>
  Array.from({ length: count }, (_, i) => thing(from + i));
