// The scale bench's JSON as the markdown table for docs/performance.md:
//   npx tsx bench/scale/render.ts bench/results/scale-<date>.json
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { ScaleResults } from './run';

const ms = (n: number | undefined) =>
  n === undefined || Number.isNaN(n) ? '–' : n < 10 ? n.toFixed(2) : n.toFixed(1);

export function renderScale(results: ScaleResults): string {
  const pg = results.postgres;
  const lite = results.pglite;
  const scale = pg ?? lite;
  const lines: string[] = [];
  if (scale)
    lines.push(
      `Scale: ${scale.leases.toLocaleString('en-US')} leases, ${scale.events.toLocaleString('en-US')} events, ` +
        `long lease ${scale.bigLeaseEvents.toLocaleString('en-US')} events; ${results.date.slice(0, 10)}, ${results.machine.cpus} cores, node ${results.machine.node}.`,
      '',
    );
  lines.push(
    '| query | PostgreSQL p50 ms | PostgreSQL p95 ms | PGlite p50 ms | PGlite p95 ms | PGlite/PG (p50) |',
  );
  lines.push('|---|---:|---:|---:|---:|---:|');
  const names = [...new Set([...(pg?.queries ?? []), ...(lite?.queries ?? [])].map((q) => q.name))];
  for (const name of names) {
    const a = pg?.queries.find((q) => q.name === name);
    const b = lite?.queries.find((q) => q.name === name);
    const ratio = a && b ? `${(b.p50 / a.p50).toFixed(2)}×` : '–';
    lines.push(`| ${name} | ${ms(a?.p50)} | ${ms(a?.p95)} | ${ms(b?.p50)} | ${ms(b?.p95)} | ${ratio} |`);
  }
  if (results.rebuild) {
    const r = results.rebuild;
    lines.push(
      '',
      `Rebuild (PostgreSQL, every projection, ${r.leases.toLocaleString('en-US')} leases): ${r.events.toLocaleString('en-US')} events in ${r.seconds.toFixed(1)} s = ` +
        `${r.eventsPerSecond.toFixed(0)} log events/s; peak RSS ${r.peakRssMb.toFixed(0)} MB.`,
    );
  }
  if (results.http && results.http.length > 0) {
    lines.push(
      '',
      `HTTP, autocannon at 16 connections on \`next start\` (PostgreSQL), medians of ${results.http[0]?.rounds ?? 0} rounds:`,
      '',
      '| endpoint | as | req/s | p50 ms | p99 ms | req/s ÷ GET /me (same round) | non-2xx |',
      '|---|---|---:|---:|---:|---:|---:|',
    );
    for (const h of results.http) {
      lines.push(
        `| ${h.path.replace(/\?.*/, '')} | ${h.as} | ${h.reqPerSec.toFixed(0)} | ${ms(h.p50)} | ${ms(h.p99)} | ${(h.ratioToMe * 100).toFixed(0)} % | ${h.non2xx} |`,
      );
    }
  }
  for (const e of results.explain ?? []) {
    lines.push(
      '',
      `EXPLAIN (ANALYZE, BUFFERS): ${e.scenario} (costliest of its ${e.statements} statements, ${ms(e.executionMs)} ms)`,
      '',
      '```sql',
      e.sql.trim(),
      '```',
      '',
      '```',
      e.plan,
      '```',
    );
  }
  return lines.join('\n');
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const file = process.argv[2];
  if (!file) {
    console.error('usage: npx tsx bench/scale/render.ts bench/results/scale-<date>.json');
    process.exit(2);
  }
  console.log(renderScale(JSON.parse(fs.readFileSync(file, 'utf8')) as ScaleResults));
}
