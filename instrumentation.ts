// Next.js start-up hook: open and migrate the database, then keep the projections caught up.
// Server modules are imported inside register() so the edge bundle never sees them.
const STARTED = Symbol.for('leasebook.server-process');
type Holder = { [STARTED]?: Promise<void> };

export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  if (process.env.NEXT_PHASE === 'phase-production-build') return;
  // Once per process, whatever calls this (each server bundle may).
  const holder = globalThis as Holder;
  holder[STARTED] ??= import('./server/startup').then(({ startServerProcess }) => startServerProcess());
  await holder[STARTED];
}
