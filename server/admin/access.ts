// Every admin query and command authorises itself: admins only.
import 'server-only';
import { ForbiddenError } from '../auth/errors';
import type { Actor } from '../auth/policy';

export function assertAdmin(actor: Actor): void {
  if (actor.role !== 'admin') throw new ForbiddenError('Only admins use the admin console.');
}
