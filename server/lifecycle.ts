// The process's life: how many requests are in flight, and whether it is shutting down. Requests
// (route handlers and server actions) and background work (projection batches, billing runs)
// register here, so a SIGTERM can stop taking new requests, let what was accepted finish, and only
// then close the pool (server/startup.ts). One state per process, on globalThis, because Next.js
// may load this module once per bundle layer.

interface Lifecycle {
  draining: boolean;
  inFlight: number;
  background: Set<Promise<unknown>>;
  /** Called whenever in-flight work finishes while draining. */
  onIdle: Set<() => void>;
}

const LIFECYCLE = Symbol.for('leasebook.lifecycle');
type Holder = { [LIFECYCLE]?: Lifecycle };

function lifecycle(): Lifecycle {
  const holder = globalThis as Holder;
  holder[LIFECYCLE] ??= { draining: false, inFlight: 0, background: new Set(), onIdle: new Set() };
  return holder[LIFECYCLE];
}

/** True once shutdown has begun: new requests are refused, new background work is not started. */
export const isDraining = (): boolean => lifecycle().draining;

function settled(): void {
  const state = lifecycle();
  if (!state.draining) return;
  for (const notify of state.onIdle) notify();
}

/** Runs one request, counted as in flight until it settles. */
export async function inFlight<T>(work: () => Promise<T>): Promise<T> {
  const state = lifecycle();
  state.inFlight += 1;
  try {
    return await work();
  } finally {
    state.inFlight -= 1;
    settled();
  }
}

/** Background work (a projection batch, a billing run) that shutdown waits for. */
export function background<T>(work: Promise<T>): Promise<T> {
  const state = lifecycle();
  state.background.add(work);
  const done = () => {
    state.background.delete(work);
    settled();
  };
  work.then(done, done);
  return work;
}

/**
 * Starts draining and resolves once nothing is in flight and no background work runs, or after
 * `timeoutMs` (answering whether it got there).
 */
export function drain(timeoutMs: number): Promise<boolean> {
  const state = lifecycle();
  state.draining = true;
  const idle = () => state.inFlight === 0 && state.background.size === 0;
  if (idle()) return Promise.resolve(true);
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      state.onIdle.delete(check);
      resolve(false);
    }, timeoutMs);
    const check = () => {
      if (!idle()) return;
      clearTimeout(timer);
      state.onIdle.delete(check);
      resolve(true);
    };
    state.onIdle.add(check);
  });
}

/** What is still running (for the shutdown log line). */
export const pending = (): { requests: number; background: number } => ({
  requests: lifecycle().inFlight,
  background: lifecycle().background.size,
});
