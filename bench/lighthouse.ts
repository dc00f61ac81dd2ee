// npm run bench:lighthouse [-- --runs N]: Lighthouse (its default mobile profile: a mid-range phone,
// simulated slow 4G and 4× CPU slowdown) on the production build, for the tenant, manager and
// auditor home pages signed in with the demo accounts, on a fresh embedded database seeded with
// the demo data. Chromium is /usr/bin/chromium when present (else Playwright's), driven by
// Lighthouse over the DevTools protocol. Prints each page's median performance score, total
// blocking time, largest contentful paint and first-load JavaScript (compressed bytes on the wire),
// and writes bench/results/lighthouse-<date>.json.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { chromium } from '@playwright/test';
import lighthouse from 'lighthouse';
import { CHROMIUM_ARGS, chromiumPath } from '../scripts/lib/chromium';
import { signIn, startApp } from './http';
import { freePort, ROOT } from './lib/processes';
import { median } from './lib/stats';

const PAGES = [
  { path: '/tenant', email: 'tenant@example.com' },
  { path: '/manager', email: 'manager@example.com' },
  { path: '/audit', email: 'auditor@example.com' },
];

interface PageFigure {
  path: string;
  runs: number;
  performance: number;
  totalBlockingTimeMs: number;
  largestContentfulPaintMs: number;
  firstLoadJsKb: number;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    args: process.argv.slice(2).filter((a) => a !== '--'),
    options: {
      runs: { type: 'string', default: '3' },
      // --page /manager: score only that page (repeatable).
      page: { type: 'string', multiple: true },
      // --scripts: also print each run's main-thread time per script (Lighthouse's bootup-time).
      scripts: { type: 'boolean', default: false },
    },
  });
  const runs = Math.max(1, Number(values.runs));
  const pages = values.page?.length ? PAGES.filter((p) => values.page?.includes(p.path)) : PAGES;
  if (pages.length === 0) throw new Error(`No page matches ${values.page?.join(', ')}`);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'leasebook-lighthouse-'));
  const logFile = path.join(os.tmpdir(), `leasebook-lighthouse-${process.pid}.log`);
  const { DATABASE_URL: _server, DATABASE_READ_URL: _replica, ...embedded } = process.env;
  console.log(`lighthouse: the production build on a fresh embedded database (${logFile})`);
  const { server, url } = await startApp(
    { ...embedded, SEED_DEMO: 'true', LEASEBOOK_DATA_DIR: path.join(dataDir, 'pglite') },
    logFile,
  );
  const debuggingPort = await freePort();
  const browser = await chromium.launch({
    executablePath: chromiumPath(),
    args: [...CHROMIUM_ARGS, `--remote-debugging-port=${debuggingPort}`],
  });
  try {
    const figures: PageFigure[] = [];
    for (const page of pages) {
      const cookie = await signIn(url, page.email);
      // Warm the route (compiled chunks, caches) before anything is scored.
      await fetch(`${url}${page.path}`, { headers: { cookie } });
      const samples: Omit<PageFigure, 'path' | 'runs'>[] = [];
      for (let run = 0; run < runs; run++) {
        const lhr = await score(`${url}${page.path}`, debuggingPort, cookie);
        const requests =
          (
            lhr.audits['network-requests']?.details as {
              items?: { resourceType?: string; transferSize?: number }[];
            }
          )?.items ?? [];
        if (values.scripts) printScriptTimes(page.path, lhr.audits['bootup-time']?.details);
        samples.push({
          performance: Math.round((lhr.categories.performance?.score ?? 0) * 100),
          totalBlockingTimeMs: lhr.audits['total-blocking-time']?.numericValue ?? Number.NaN,
          largestContentfulPaintMs: lhr.audits['largest-contentful-paint']?.numericValue ?? Number.NaN,
          firstLoadJsKb:
            requests
              .filter((r) => r.resourceType === 'Script')
              .reduce((sum, r) => sum + (r.transferSize ?? 0), 0) / 1024,
        });
      }
      const figure: PageFigure = {
        path: page.path,
        runs,
        performance: median(samples.map((s) => s.performance)),
        totalBlockingTimeMs: median(samples.map((s) => s.totalBlockingTimeMs)),
        largestContentfulPaintMs: median(samples.map((s) => s.largestContentfulPaintMs)),
        firstLoadJsKb: median(samples.map((s) => s.firstLoadJsKb)),
      };
      figures.push(figure);
      console.log(
        `  ${page.path}: performance ${figure.performance} (runs: ${samples.map((s) => s.performance).join(', ')}), ` +
          `TBT ${figure.totalBlockingTimeMs.toFixed(0)} ms, LCP ${figure.largestContentfulPaintMs.toFixed(0)} ms, ` +
          `first-load JS ${figure.firstLoadJsKb.toFixed(1)} kB`,
      );
    }
    const file = path.join(
      ROOT,
      'bench',
      'results',
      `lighthouse-${new Date().toISOString().slice(0, 10)}.json`,
    );
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, `${JSON.stringify({ date: new Date().toISOString(), figures }, null, 2)}\n`);
    console.log(`Results: ${path.relative(ROOT, file)}`);
  } finally {
    await browser.close();
    await server.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

/**
 * One Lighthouse load. A trace Lighthouse could not record (NO_NAVSTART, seen here about one load in
 * ten, the page's fault or not) is retried up to twice, and said so; any other error stops the bench.
 */
async function score(pageUrl: string, port: number, cookie: string) {
  for (let attempt = 1; ; attempt++) {
    const result = await lighthouse(pageUrl, {
      port,
      output: 'json',
      logLevel: 'error',
      onlyCategories: ['performance'],
      extraHeaders: { cookie },
      disableStorageReset: false,
    });
    const lhr = result?.lhr;
    if (!lhr) throw new Error(`Lighthouse returned nothing for ${pageUrl}`);
    if (!lhr.runtimeError) return lhr;
    if (lhr.runtimeError.code !== 'NO_NAVSTART' || attempt === 3) {
      throw new Error(`${pageUrl}: ${lhr.runtimeError.message}`);
    }
    console.log(`  ${pageUrl}: Lighthouse recorded no navigation (NO_NAVSTART); loading it again`);
  }
}

/** Main-thread milliseconds per script, as Lighthouse's bootup-time audit attributes them. */
function printScriptTimes(pagePath: string, details: unknown): void {
  const items =
    (details as { items?: { url: string; total: number; scripting: number; scriptParseCompile: number }[] })
      ?.items ?? [];
  const lines = items
    .slice(0, 8)
    .map(
      (item) =>
        `    ${item.total.toFixed(0).padStart(5)} ms (script ${item.scripting.toFixed(0)}, parse ${item.scriptParseCompile.toFixed(0)})  ${item.url.replace(/^https?:\/\/[^/]+/, '')}`,
    );
  console.log(`  ${pagePath} main thread by script:\n${lines.join('\n')}`);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
