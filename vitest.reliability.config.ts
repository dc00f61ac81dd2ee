// npm run test:reliability (scripts/test-reliability.ts) runs two projects:
// - `inproc`: the route handlers called in-process with real Request objects on a real database (the
//   fuzzing, the authorisation matrix, SQL metacharacters), like the integration suite;
// - `http`: black-box tests against production servers (`next start`) the script starts, kills and
//   restarts, on PostgreSQL (a fresh database and a private cluster) and on PGlite.
import { defineConfig } from 'vitest/config';
import { alias } from './vitest.shared';

export default defineConfig({
  resolve: { alias },
  test: {
    projects: [
      {
        resolve: { alias },
        test: {
          name: 'inproc',
          include: ['tests/reliability/**/*.inproc.test.ts'],
          environment: 'node',
          env: { LOG_LEVEL: process.env.LOG_LEVEL ?? 'silent' },
          globalSetup: ['tests/support/global-setup.ts'],
          testTimeout: 600_000,
          hookTimeout: 120_000,
          maxWorkers: 2,
        },
      },
      {
        resolve: { alias },
        test: {
          name: 'http',
          include: ['tests/reliability/**/*.http.test.ts'],
          environment: 'node',
          fileParallelism: false,
          testTimeout: 300_000,
          hookTimeout: 300_000,
        },
      },
    ],
  },
});
