'use client';
// The tenant's client-side queries: server actions as query functions, hydrated from the server
// render (see keys.ts), refetched after `invalidateTenant()`.
import { type QueryClient, useQuery } from '@tanstack/react-query';
import { loadDashboard, loadLease, loadMaintenance } from '@/app/tenant/actions';
import type { ActionError, ActionResult } from '@/server/http/action';
import { tenantKeys } from './keys';

/** A failed action as a thrown error (what react-query expects from a query function). */
export class ActionFailure extends Error {
  constructor(readonly error: ActionError) {
    super(error.message);
    this.name = 'ActionFailure';
  }
}

export function unwrap<T>(result: ActionResult<T>): T {
  if (!result.ok) throw new ActionFailure(result.error);
  return result.data;
}

/** The error to show for a failed query or mutation (unexpected ones carry a reference). */
export function errorOf(error: unknown): ActionError | null {
  if (!error) return null;
  if (error instanceof ActionFailure) return error.error;
  return {
    code: 'network_error',
    message: 'We could not reach Leasebook. Check your connection and try again.',
  };
}

export const useDashboard = () =>
  useQuery({ queryKey: tenantKeys.dashboard, queryFn: async () => unwrap(await loadDashboard({})) });

export const useLeaseDetail = (leaseId: string) =>
  useQuery({
    queryKey: tenantKeys.lease(leaseId),
    queryFn: async () => unwrap(await loadLease({ leaseId })),
  });

export const useMaintenance = () =>
  useQuery({ queryKey: tenantKeys.maintenance, queryFn: async () => unwrap(await loadMaintenance({})) });

export const invalidateTenant = (client: QueryClient) =>
  client.invalidateQueries({ queryKey: tenantKeys.all });
