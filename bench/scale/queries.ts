// The query scenarios on prepared bench data (`npm run bench:data`), for one database: each query
// repeated within a time budget after a warm-up, p50/p95 in milliseconds.
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
}

export interface ScaleResult {
  kind: 'postgres' | 'pglite';
  leases: number;
  events: number;
  bigLeaseEvents: number;
  queries: QueryFigure[];
  crashed: { name: string; error: string }[];
}

export async function benchQueries(
  options: OpenOptions,
  settings: { minRepeats: number; maxRepeats: number; budgetMs: number },
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
        for (let i = 0; i < 2; i++) await scenario.run(i); // plans, caches
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
