// Commands a test records as seeded history: backdated to noon UTC on a business date (the store
// refuses a pinned recordedAt from anything but seeds and imports).
import type { Actor, CommandEnvelope } from '@/server/commands/handle';

/** `actor`'s command recorded at noon UTC on `date`, correlated as `${label}-${date}`. */
export const backdated = (actor: Actor, date: string, label: string): CommandEnvelope => ({
  actor,
  correlationId: `${label}-${date}`,
  source: 'seed',
  now: new Date(`${date}T12:00:00.000Z`),
  backdate: true,
});

/** The system (billing, schedules) as an actor. */
export const SYSTEM: Actor = { userId: null, role: 'system' };

/** One test portfolio's manager, tenant and the system, each recording on a date. */
export const backdatedAs =
  (people: { managerId: string; tenantId: string }, label: string) =>
  (role: 'manager' | 'tenant' | 'system', date: string): CommandEnvelope =>
    backdated(
      role === 'system' ? SYSTEM : { userId: role === 'manager' ? people.managerId : people.tenantId, role },
      date,
      label,
    );
