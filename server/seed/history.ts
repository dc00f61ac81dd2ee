// Living the year: the runtime the history is written through, the clock that records each
// action on its day, and the loop that runs the timeline in date order.
import { env } from '../env';
import { createProjectionRunner } from '../projections/runner';
import type { Runtime } from '../runtime';
import { type Action, SLOT } from './actions';
import { type RunContext, runAction } from './run-actions';

export interface HistoryProgress {
  done: number;
  total: number;
  day: string;
}

/**
 * The demo's properties are in US zones (UTC-4 to UTC-8), where 12:00-24:00 UTC of a day is that
 * same day locally; every action of `day` is recorded in that window, so it is `day` for the
 * property it happens in (a tenant pays "today" in their own zone).
 */
const WINDOW_START_MS = 12 * 3_600_000;
const WINDOW_MS = 12 * 3_600_000;

/** The last day the demo history reaches: today, unless its window has not begun yet in UTC. */
export const seedingDay = (now: Date): string =>
  new Date(now.getTime() - WINDOW_START_MS).toISOString().slice(0, 10);

/**
 * The instant an action of `day` is recorded at: `minute` (of 1,440) scaled into the day's window.
 * On the real current day the window is squeezed into the time already passed, so nothing is
 * recorded in the future.
 */
export function recordingClock(): (day: string, minute: number) => Date {
  const realNow = Date.now();
  return (day, minute) => {
    const start = Date.parse(`${day}T00:00:00Z`) + WINDOW_START_MS;
    const span = realNow >= start && realNow < start + WINDOW_MS ? realNow - start : WINDOW_MS;
    return new Date(start + Math.floor((span * minute) / 1440));
  };
}

/**
 * The runtime the history is written through. Commands wait only for the read model the seed
 * itself reads (`leases`, which createLease checks unit availability against); every other
 * projection catches up once at the end, in full batches, instead of after each of ~1,000
 * commands. Same store, same database, same checkpoints: only the waiting differs.
 */
export function seedingRuntime(runtime: Runtime): Runtime {
  const needed = runtime.runner.projections.filter((projection) => projection.name === 'leases');
  if (needed.length === 0 || needed.length === runtime.runner.projections.length) return runtime;
  const { PROJECTION_BATCH_SIZE, PROJECTION_WAIT_MS } = env();
  const runner = createProjectionRunner(runtime.store, needed, {
    batchSize: PROJECTION_BATCH_SIZE,
    waitMs: PROJECTION_WAIT_MS,
  });
  return { ...runtime, runner };
}

/** Every action in date order (then by time of day); one billing run per billing day. */
export async function runHistory(
  ctx: RunContext,
  timeline: Action[],
  today: string,
  progress: (p: HistoryProgress) => void,
): Promise<void> {
  const seenBilling = new Set<string>();
  const actions = timeline
    .map((action, order) => ({ action, order }))
    .filter(({ action }) => {
      if (action.kind !== 'billing') return true;
      if (seenBilling.has(action.day)) return false;
      seenBilling.add(action.day);
      return true;
    })
    .sort(
      (a, b) =>
        a.action.day.localeCompare(b.action.day) ||
        SLOT[a.action.kind] - SLOT[b.action.kind] ||
        a.order - b.order,
    )
    .map(({ action }) => action);
  // The last billing run is as of today, so today's state is current.
  if (!seenBilling.has(today)) actions.push({ kind: 'billing', day: today, key: 'billing' });
  const days = [...new Set(actions.map((action) => action.day))];
  let day = '';
  let sameSlot = 0;
  let previous: Action | undefined;
  for (const action of actions) {
    if (action.day !== day) {
      if (day) progress({ done: days.indexOf(day) + 1, total: days.length, day });
      day = action.day;
    }
    // Actions sharing a slot are a second apart, so the recorded order is the order of events.
    sameSlot = previous?.day === action.day && previous.kind === action.kind ? sameSlot + 1 : 0;
    previous = action;
    try {
      await runAction(ctx, action, SLOT[action.kind] + sameSlot / 60);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      throw new Error(`Seeding failed at ${action.day} (${action.kind} ${action.key}): ${reason}`, {
        cause: error,
      });
    }
  }
  progress({ done: days.length, total: days.length, day });
}
