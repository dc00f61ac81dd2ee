// /manager?from=&to=: portfolio analytics. The server reads the first view and hands it to the
// client's query cache; later range changes are fetched by the client (see AnalyticsDashboard).
import { dehydrate, HydrationBoundary, QueryClient } from '@tanstack/react-query';
import type { Metadata } from 'next';
import { AnalyticsDashboard } from '@/components/manager/analytics-dashboard';
import { analyticsKey } from '@/components/manager/analytics-query';
import { presetRange, todayUtc } from '@/components/manager/range';
import { Alert } from '@/components/ui/alert';
import { requireRole } from '@/server/http/page-auth';
import { cachedManagerAnalytics } from '@/server/queries/manager-analytics';
import { analyticsQuery } from '@/server/queries/schemas';
import { getRuntime } from '@/server/runtime';

export const metadata: Metadata = { title: 'Portfolio analytics' };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;
const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

export default async function ManagerAnalyticsPage({ searchParams }: { searchParams: SearchParams }) {
  const actor = await requireRole('manager', '/manager');
  const params = await searchParams;
  const today = todayUtc();
  const parsed = analyticsQuery.safeParse({ from: first(params.from), to: first(params.to) });
  const range = parsed.success ? parsed.data : presetRange('last-12', today);
  const runtime = await getRuntime();
  const data = await cachedManagerAnalytics(runtime.database.db, actor, range);
  const queryClient = new QueryClient();
  queryClient.setQueryData(analyticsKey(range), data);
  return (
    <div className="space-y-4">
      {parsed.success ? null : (
        <Alert tone="warning" role="status">
          {parsed.error.issues[0]?.message ?? 'That date range is not valid'}. Showing the last 12 months
          instead.
        </Alert>
      )}
      <HydrationBoundary state={dehydrate(queryClient)}>
        <AnalyticsDashboard initialRange={range} today={today} />
      </HydrationBoundary>
    </div>
  );
}
