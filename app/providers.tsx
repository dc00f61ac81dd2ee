'use client';
// Client-side context for every page: one react-query client per browser tab (server components
// hand it their data through <HydrationBoundary>, see components/tenant/*), and the user's locale.
//
// Freshness: hydrated data counts as fresh for 30 s, so the first render never refetches what the
// server just read; after a mutation, invalidate the query keys it changed.
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { type ReactNode, useState } from 'react';
import { LocaleProvider } from '@/components/ui/locale';

function makeQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: { staleTime: 30_000, retry: 1, refetchOnWindowFocus: true },
      mutations: { retry: false },
    },
  });
}

export function Providers({ locale, children }: { locale: string; children: ReactNode }) {
  const [queryClient] = useState(makeQueryClient);
  return (
    <QueryClientProvider client={queryClient}>
      <LocaleProvider locale={locale}>{children}</LocaleProvider>
    </QueryClientProvider>
  );
}
