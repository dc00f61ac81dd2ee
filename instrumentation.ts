// Next.js start-up hook: open and migrate the database, then keep the projections caught up.
// Server modules are imported inside register() so the edge bundle never sees them.
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  if (process.env.NEXT_PHASE === 'phase-production-build') return;
  const { startServerProcess } = await import('./server/startup');
  await startServerProcess();
}
