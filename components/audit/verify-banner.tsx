'use client';
// The hash-chain check, recomputed by the server on load and on demand: "Verified: N events, chain
// intact" or "Chain broken at version N" with a link to that event.
import { useQuery } from '@tanstack/react-query';
import { useEffect } from 'react';
import { fetchJson } from './fetch-json';
import { permalinkOf } from './format';

export interface VerifyResult {
  streamId: string;
  events: number;
  valid: boolean;
  firstInvalidVersion?: number;
}

export function VerifyBanner({
  leaseId,
  pageSize,
  onResult,
}: {
  leaseId: string;
  pageSize: number;
  onResult: (result: VerifyResult | undefined) => void;
}) {
  const verify = useQuery({
    queryKey: ['audit', 'verify', leaseId],
    queryFn: ({ signal }) => fetchJson<VerifyResult>(`/api/v1/leases/${leaseId}/verify`, signal),
    staleTime: Number.POSITIVE_INFINITY,
  });
  useEffect(() => onResult(verify.data), [verify.data, onResult]);
  const result = verify.data;
  const tone = verify.isError
    ? 'border-bad bg-bad-soft text-bad'
    : !result
      ? 'border-line bg-surface text-ink'
      : result.valid
        ? 'border-ok bg-ok-soft text-ok'
        : 'border-bad bg-bad-soft text-bad';
  return (
    <div
      role="status"
      data-testid="verify-banner"
      className={`flex flex-wrap items-center justify-between gap-3 rounded-md border-l-4 px-4 py-3 ${tone}`}
    >
      <p className="font-semibold">
        {verify.isFetching ? (
          'Recomputing the hash chain…'
        ) : verify.isError ? (
          `Verification failed: ${verify.error.message}`
        ) : result?.valid ? (
          `Verified: ${result.events} events, chain intact`
        ) : result?.firstInvalidVersion ? (
          <>
            Chain broken at version {result.firstInvalidVersion}{' '}
            <a className="underline" href={permalinkOf(leaseId, result.firstInvalidVersion, pageSize)}>
              (show the event)
            </a>
          </>
        ) : (
          'Not verified yet'
        )}
      </p>
      <button
        type="button"
        onClick={() => verify.refetch()}
        disabled={verify.isFetching}
        className="min-h-11 rounded-md border border-current bg-surface px-3 py-1.5 text-sm font-semibold text-ink disabled:opacity-60 print:hidden"
      >
        Verify again
      </button>
    </div>
  );
}
