// npm test: unit and integration suites (vitest), then the browser suite; fails if any fails.
import { run } from './lib/run';

async function main(): Promise<number> {
  const results: { name: string; code: number; seconds: number }[] = [];
  for (const [name, command, args] of [
    ['unit+integration (vitest)', 'npx', ['vitest', 'run']],
    ['e2e (playwright)', 'npx', ['tsx', 'scripts/e2e.ts']],
  ] as const) {
    const started = performance.now();
    const code = await run(command, [...args]);
    results.push({ name, code, seconds: (performance.now() - started) / 1000 });
  }
  const summary = results
    .map(
      (r) => `${r.name} ${r.code === 0 ? 'passed' : `FAILED (exit ${r.code})`} in ${r.seconds.toFixed(0)} s`,
    )
    .join('; ');
  const failed = results.some((r) => r.code !== 0);
  console.log(`\nnpm test: ${failed ? 'FAILED' : 'passed'}: ${summary}`);
  return failed ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`npm test: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
