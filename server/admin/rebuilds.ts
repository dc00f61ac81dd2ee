// Projection rebuilds started from the admin console: run in the background by this process (the
// request that starts one answers 202 at once), with their progress kept here for the console to
// poll. The runner's own checkpoint says "rebuilding" to every process while one runs; the
// processed/total figures are known only to the process that runs it.
import 'server-only';
import type { Actor } from '../auth/policy';
import { Refusal } from '../commands/refusal';
import { countEvents } from '../eventstore/queries';
import { logger } from '../log';
import type { Runtime } from '../runtime';
import { assertAdmin } from './access';

export interface RebuildProgress {
  projection: string;
  status: 'running' | 'done' | 'failed';
  /** Events applied so far. */
  processed: number;
  /** Events in the log when the rebuild began. */
  total: number;
  startedAt: string;
  finishedAt: string | null;
  error: string | null;
}

const JOBS = Symbol.for('leasebook.admin.rebuilds');
type Holder = { [JOBS]?: Map<string, RebuildProgress> };

function jobs(): Map<string, RebuildProgress> {
  const holder = globalThis as Holder;
  holder[JOBS] ??= new Map();
  return holder[JOBS];
}

/** The latest rebuild of each projection this process ran (or is running). */
export function rebuildProgress(): ReadonlyMap<string, RebuildProgress> {
  return jobs();
}

/** Starts a rebuild in the background; answers its progress as it stands (status running). */
export async function startRebuild(runtime: Runtime, actor: Actor, name: string): Promise<RebuildProgress> {
  assertAdmin(actor);
  if (!runtime.runner.projections.some((p) => p.name === name)) {
    throw new Refusal(404, 'unknown_projection', `There is no projection called ${name}.`);
  }
  const running = jobs().get(name);
  if (running?.status === 'running') {
    throw new Refusal(409, 'rebuild_in_progress', `${name} is being rebuilt already.`);
  }
  const total = await countEvents(runtime.database.db);
  const job: RebuildProgress = {
    projection: name,
    status: 'running',
    processed: 0,
    total,
    startedAt: new Date().toISOString(),
    finishedAt: null,
    error: null,
  };
  jobs().set(name, job);
  const log = logger('admin').child({ projection: name });
  log.info({ by: actor.userId }, 'projection rebuild started');
  // Not awaited: the request answers now, the console polls the progress.
  void runtime.runner
    .rebuild(name, (done) => {
      job.processed = done;
    })
    .then(
      (done) => {
        job.processed = done;
        job.total = Math.max(job.total, done);
        job.status = 'done';
        job.finishedAt = new Date().toISOString();
        log.info({ events: done }, 'projection rebuild done');
      },
      (error: unknown) => {
        job.status = 'failed';
        job.error = error instanceof Error ? error.message : String(error);
        job.finishedAt = new Date().toISOString();
        log.error({ err: error }, 'projection rebuild failed');
      },
    );
  return { ...job };
}
