// The query scenarios on prepared bench data (`npm run bench:data`), for one database: each query
// repeated within a time budget after a warm-up, p50/p95 in milliseconds. The warm-up runs a
// scenario at least twice and for at least `warmupMs`: a server answers warm, and the first
// dozens of runs of a query are slower while V8 optimizes the code on its path (the computed
// analytics: p95 28.6 ms over runs 1-20, 23.0 over runs 21-60, 16.6 after; docs/decisions.md).
import 'server-only';
import type { OpenOptions } from '../../server/db/client';
import { openDatabase } from '../../server/db/client';
import { createRuntime } from '../../server/runtime';
import { manifestPath, readManifest } from '../data/manifest';
import { percentile } from '../lib/stats';
import { queryScenarios } from './adapter';

export interface QueryFigure {
  name: string;
  p50: number;
  p95: number;
  repeats: number;
  /** Runs before the measured ones (plans, caches, JIT). */
  warmups: number;
}

export interface ScaleResult {
  kind: 'postgres' | 'pglite';
  leases: number;
  events: number;
  bigLeaseEvents: number;
  queries: QueryFigure[];
  crashed: { name: string; error: string }[];
}

/** At most this many warm-up runs, however short the scenario. */
const MAX_WARMUPS = 100;

export async function benchQueries(
  options: OpenOptions,
  settings: { minRepeats: number; maxRepeats: number; budgetMs: number; warmupMs: number },
): Promise<ScaleResult> {
  const manifest = readManifest(manifestPath(options));
  const database = await openDatabase(options);
  const runtime = createRuntime(database);
  const result: ScaleResult = {
    kind: database.kind,
    leases: manifest.leases,
    events: manifest.events,
    bigLeaseEvents: manifest.bigLeaseEvents,
    queries: [],
    crashed: [],
  };
  try {
    for (const scenario of queryScenarios(runtime, manifest)) {
      try {
        let warmups = 0;
        const warming = performance.now();
        while (warmups < 2 || (warmups < MAX_WARMUPS && performance.now() - warming < settings.warmupMs))
          await scenario.run(warmups++);
        const times: number[] = [];
        const started = performance.now();
        for (let i = 0; i < settings.maxRepeats; i++) {
          const t0 = performance.now();
          await scenario.run(i);
          times.push(performance.now() - t0);
          if (times.length >= settings.minRepeats && performance.now() - started > settings.budgetMs) break;
        }
        const figure = {
          name: scenario.name,
          p50: percentile(times, 50),
          p95: percentile(times, 95),
          repeats: times.length,
          warmups,
        };
        result.queries.push(figure);
        console.log(
          `  ${database.kind.padEnd(8)} ${scenario.name.padEnd(48)} p50 ${figure.p50.toFixed(1).padStart(8)} ms  p95 ${figure.p95.toFixed(1).padStart(8)} ms  (${figure.repeats})`,
        );
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        result.crashed.push({ name: scenario.name, error: message.slice(0, 500) });
        console.error(`  ${database.kind} ${scenario.name} crashed: ${message}`);
      }
    }
  } finally {
    await database.close();
  }
  return result;
}
