// The analytics query shared by the server page (prefetch + dehydrate) and the client dashboard.
import type { ManagerAnalytics } from '@/server/queries/manager-analytics';
import type { DateRange } from './range';

export const analyticsKey = (range: DateRange) => ['manager-analytics', range.from, range.to] as const;

/** GET /api/v1/analytics/manager; throws the API's message on a refusal. */
export async function fetchAnalytics(range: DateRange): Promise<ManagerAnalytics> {
  const params = new URLSearchParams({ from: range.from, to: range.to });
  const response = await fetch(`/api/v1/analytics/manager?${params}`, {
    headers: { accept: 'application/json' },
  });
  const body = (await response.json()) as ManagerAnalytics | { error: { message: string } };
  if (!response.ok || 'error' in body) {
    throw new Error(
      'error' in body ? body.error.message : `The analytics could not be loaded (${response.status}).`,
    );
  }
  return body;
}
