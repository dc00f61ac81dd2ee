// Server-side: put data the server component already read into a react-query cache and hand it to
// the client, so the first client render uses it instead of fetching again.
import { dehydrate, HydrationBoundary, QueryClient } from '@tanstack/react-query';
import type { ReactNode } from 'react';

export function Hydrate({
  entries,
  children,
}: {
  entries: readonly (readonly [readonly unknown[], unknown])[];
  children: ReactNode;
}) {
  const client = new QueryClient();
  for (const [key, data] of entries) client.setQueryData(key, data);
  return <HydrationBoundary state={dehydrate(client)}>{children}</HydrationBoundary>;
}
