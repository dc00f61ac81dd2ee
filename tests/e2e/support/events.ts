// Shared e2e helper: a lease's stored events through the API (as an auditor, in its own context),
// for checking what a UI action appended.
import type { APIRequestContext } from '@playwright/test';
import { expect } from '@playwright/test';

export interface StoredEventSummary {
  version: number;
  eventType: string;
  data: Record<string, unknown>;
  metadata: Record<string, unknown>;
}

export async function leaseEvents(api: APIRequestContext, leaseId: string): Promise<StoredEventSummary[]> {
  const response = await api.get(`/api/v1/leases/${leaseId}/events?limit=1000`);
  expect(response.status()).toBe(200);
  return ((await response.json()) as { events: StoredEventSummary[] }).events;
}
