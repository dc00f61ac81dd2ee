// Who is signed in, for server components and layouts (pages; server actions use ./action.ts).
//
//   const actor = await currentActor();                      // Actor | null (once per request)
//   const actor = await requireRole(['tenant'], '/tenant');  // signed out → /signin?next=/tenant
//                                                            // another role → notFound() (404)
//   homeOf(actor.role)   // tenant → /tenant, manager → /manager, auditor → /audit, admin → /
//   safeNext(next, role) // a `next` query value that is a same-site path, else the role's home
//   await orNotFound(getTenantLeaseDetail(db, actor, id))  // NotFoundError → the 404 page
//
// Pass the page's own path as `next` (server components do not know their URL); include dynamic
// segments, e.g. requireRole(['tenant'], `/tenant/leases/${leaseId}`).
import 'server-only';
import { cookies } from 'next/headers';
import { notFound, redirect } from 'next/navigation';
import { cache } from 'react';
import { isNotFoundError } from '../auth/errors';
import type { Actor } from '../auth/policy';
import { actorOf, userOfSession } from '../auth/sessions';
import type { UserRole } from '../auth/tables';
import { getRuntime } from '../runtime';
import { sessionTokenFromJar } from './route';
import { sameOriginPath } from './safe-next';

export type { Actor };

const HOMES: Record<UserRole, string> = {
  tenant: '/tenant',
  manager: '/manager',
  auditor: '/audit',
  admin: '/',
};

export const homeOf = (role: UserRole): string => HOMES[role];

/** The signed-in user of this request (session cookie), or null. Cached per request. */
export const currentActor = cache(async (): Promise<Actor | null> => {
  const token = sessionTokenFromJar(await cookies());
  if (!token) return null;
  const runtime = await getRuntime();
  const user = await userOfSession(runtime.database.db, token);
  return user ? actorOf(user) : null;
});

/**
 * The signed-in actor if their role is one of `roles`. Signed out: redirect to the sign-in page,
 * which comes back to `next`. Signed in with another role: the 404 page (no hint the page exists).
 */
export async function requireRole(roles: UserRole | readonly UserRole[], next?: string): Promise<Actor> {
  const actor = await currentActor();
  if (!actor) redirect(next ? `/signin?next=${encodeURIComponent(next)}` : '/signin');
  const allowed: readonly UserRole[] = typeof roles === 'string' ? [roles] : roles;
  if (!allowed.includes(actor.role)) notFound();
  return actor;
}

/** Only same-origin paths are honoured as `next` (./safe-next.ts); anything else → the role's home. */
export function safeNext(next: string | null | undefined, role: UserRole): string {
  return sameOriginPath(next, homeOf(role));
}

/** A query's result, or the 404 page when it throws NotFoundError (unknown or not the reader's). */
export async function orNotFound<T>(read: Promise<T>): Promise<T> {
  try {
    return await read;
  } catch (error) {
    if (isNotFoundError(error)) notFound();
    throw error;
  }
}
