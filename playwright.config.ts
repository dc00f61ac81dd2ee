// Browser tests against the production build (`npm start` builds it when stale), on a throwaway
// embedded database so a run never touches the app's own data directory.
import path from 'node:path';
import { defineConfig } from '@playwright/test';
import { CHROMIUM_ARGS, chromiumPath } from './scripts/lib/chromium';

const port = Number(process.env.E2E_PORT ?? 3210);
const baseURL = `http://127.0.0.1:${port}`;
// Set once in the runner; its workers inherit it, so every process agrees on the run's directory.
process.env.LEASEBOOK_E2E_DATA_DIR ??= path.join(
  '.data',
  'e2e',
  new Date().toISOString().replace(/[:.]/g, '-'),
);

export default defineConfig({
  testDir: 'tests/e2e',
  outputDir: 'test-results',
  fullyParallel: true,
  forbidOnly: Boolean(process.env.CI),
  retries: process.env.CI ? 1 : 0,
  workers: 2,
  reporter: [['list'], ['html', { open: 'never', outputFolder: 'playwright-report' }]],
  timeout: 30_000,
  use: {
    baseURL,
    screenshot: 'on',
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: chromiumPath(),
      args: CHROMIUM_ARGS,
    },
  },
  projects: [{ name: 'chromium', use: { browserName: 'chromium', viewport: { width: 1280, height: 800 } } }],
  webServer: {
    command: 'npm start',
    url: `${baseURL}/api/v1/health`,
    reuseExistingServer: false,
    // A cold `next build` on two cores takes over a minute.
    timeout: 300_000,
    stdout: 'pipe',
    gracefulShutdown: { signal: 'SIGTERM', timeout: 10_000 },
    env: {
      PORT: String(port),
      HOST: '127.0.0.1',
      LEASEBOOK_DATA_DIR: process.env.LEASEBOOK_E2E_DATA_DIR,
      // Always the embedded database, whatever the shell has: '' reads as unset.
      DATABASE_URL: '',
      NEXT_TELEMETRY_DISABLED: '1',
      LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
    },
  },
});
