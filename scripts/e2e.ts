// npm run test:e2e: the Playwright suite against the production build. Uses the system Chromium
// when there is one, otherwise Playwright's own (installed here when missing).
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { chromium } from '@playwright/test';
import { SYSTEM_CHROMIUM } from './lib/chromium';
import { ROOT, run } from './lib/run';

function hasBrowser(): boolean {
  if (fs.existsSync(SYSTEM_CHROMIUM)) return true;
  try {
    return fs.existsSync(chromium.executablePath());
  } catch {
    return false;
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

async function main(): Promise<number> {
  if (!hasBrowser()) {
    console.log(`e2e: no ${SYSTEM_CHROMIUM} and no Playwright Chromium; installing Playwright's`);
    const code = await run('npx', ['playwright', 'install', 'chromium']);
    if (code !== 0) return code;
  }
  // One fresh embedded database per run; kept when the run fails, for a look at what happened.
  const dataDir = path.join('.data', 'e2e', new Date().toISOString().replace(/[:.]/g, '-'));
  // A free port unless one is given: two runs on one machine (or anything on 3210) never collide.
  const port = process.env.E2E_PORT ?? String(await freePort());
  const env = {
    ...process.env,
    E2E_PORT: port,
    LEASEBOOK_E2E_DATA_DIR: dataDir,
    NEXT_TELEMETRY_DISABLED: '1',
  };
  const code = await run('npx', ['playwright', 'test', ...process.argv.slice(2)], env);
  if (code === 0) {
    fs.rmSync(path.join(ROOT, dataDir), { recursive: true, force: true });
    fs.rmSync(path.join(ROOT, `${dataDir}.lock`), { force: true });
  } else {
    console.error(`e2e: failed (exit ${code}); the run's database is kept at ${dataDir}`);
  }
  return code;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`e2e: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
