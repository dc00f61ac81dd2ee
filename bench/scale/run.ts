// npm run bench:scale -- [--pg URL] [--pglite DIR] [--rebuild] [--http] [--explain N] [--quick]: the query
// scenarios on data prepared by `npm run bench:data` (generated once, measured many times), on
// PostgreSQL and/or a PGlite data directory; the PGlite/PostgreSQL ratio per query; with
// --rebuild the projections rebuild's events/s and peak RSS (PostgreSQL, run first: it also builds
// the read models); with --http autocannon on `next start` over the PostgreSQL data (GET /me, the
// tenant dashboard, the manager analytics; bench/scale/http.ts); with --explain the N slowest PostgreSQL queries' EXPLAIN (ANALYZE, BUFFERS).
// Writes bench/results/scale-<date>.json and prints the markdown table (bench/scale/render.ts).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { manifestPath, readManifest } from '../data/manifest';
import { ROOT } from '../lib/processes';
import { type ExplainedQuery, explainSlowest } from './explain';
import { benchHttp, type HttpFigure } from './http';
import { benchQueries, type ScaleResult } from './queries';
import { measureRebuild, type RebuildFigure } from './rebuild';
import { renderScale } from './render';

export interface ScaleResults {
  date: string;
  machine: { cpus: number; node: string };
  postgres?: ScaleResult;
  pglite?: ScaleResult;
  rebuild?: RebuildFigure & { leases: number };
  explain?: ExplainedQuery[];
  http?: HttpFigure[];
}

const { values } = parseArgs({
  args: process.argv.slice(2).filter((a) => a !== '--'),
  options: {
    pg: { type: 'string' },
    pglite: { type: 'string' },
    rebuild: { type: 'boolean', default: false },
    http: { type: 'boolean', default: false },
    explain: { type: 'string', default: '0' },
    quick: { type: 'boolean', default: false },
  },
});

async function main(): Promise<number> {
  if (!values.pg && !values.pglite) {
    console.error(
      'usage: npm run bench:scale -- [--pg URL] [--pglite DIR] [--rebuild] [--http] [--explain N] [--quick]',
    );
    return 2;
  }
  const settings = values.quick
    ? { minRepeats: 3, maxRepeats: 10, budgetMs: 500, warmupMs: 0 }
    : { minRepeats: 10, maxRepeats: 200, budgetMs: 5_000, warmupMs: 1_000 };
  const results: ScaleResults = {
    date: new Date().toISOString(),
    machine: { cpus: os.cpus().length, node: process.version },
  };
  if (values.pg && values.rebuild) {
    const manifest = readManifest(manifestPath({ kind: 'postgres', url: values.pg }));
    console.log(`rebuild: ${manifest.events} events on PostgreSQL`);
    const env = { ...process.env, DATABASE_URL: values.pg };
    const figure = await measureRebuild(
      env,
      manifest.events,
      path.join(os.tmpdir(), `leasebook-rebuild-${process.pid}.log`),
    );
    results.rebuild = { ...figure, leases: manifest.leases };
    console.log(
      `  ${figure.eventsPerSecond.toFixed(0)} events/s, peak RSS ${figure.peakRssMb.toFixed(0)} MB`,
    );
  }
  if (values.pg)
    results.postgres = await benchQueries({ kind: 'postgres', url: values.pg, poolMax: 10 }, settings);
  if (values.pglite)
    results.pglite = await benchQueries({ kind: 'pglite', dataDir: values.pglite }, settings);
  const explainCount = Number(values.explain);
  if (values.pg && results.postgres && explainCount > 0) {
    const slowest = [...results.postgres.queries].sort((a, b) => b.p95 - a.p95).slice(0, explainCount);
    results.explain = await explainSlowest(
      values.pg,
      slowest.map((q) => q.name),
    );
  }
  if (values.pg && values.http) {
    const manifest = readManifest(manifestPath({ kind: 'postgres', url: values.pg }));
    console.log('http: next start on the PostgreSQL data, autocannon at 16 connections');
    results.http = await benchHttp(values.pg, manifest, {
      seconds: values.quick ? 3 : 10,
      rounds: values.quick ? 1 : 3,
      logFile: path.join(os.tmpdir(), `leasebook-scale-http-${process.pid}.log`),
    });
  }
  const file = path.join(
    ROOT,
    'bench',
    'results',
    `scale-${values.quick ? 'quick' : results.date.slice(0, 10)}.json`,
  );
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`);
  console.log(`\n${renderScale(results)}`);
  console.log(`Results: ${path.relative(ROOT, file)}`);
  return (results.postgres?.crashed.length ?? 0) + (results.pglite?.crashed.length ?? 0) > 0 ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
