// Two suites: pure unit tests, and integration tests against a real database
// (embedded PGlite by default, the PostgreSQL server when DATABASE_URL is set).
import { defineConfig } from 'vitest/config';
import { alias } from './vitest.shared';

export default defineConfig({
  resolve: { alias },
  test: {
    projects: [
      {
        resolve: { alias },
        test: {
          name: 'unit',
          include: ['tests/unit/**/*.unit.test.ts'],
          environment: 'node',
          sequence: { groupOrder: 0 },
        },
      },
      {
        resolve: { alias },
        test: {
          name: 'int',
          include: ['tests/integration/**/*.int.test.ts'],
          environment: 'node',
          // Expected failures (a poisoned projection) would otherwise fill the output.
          env: { LOG_LEVEL: process.env.LOG_LEVEL ?? 'silent' },
          globalSetup: ['tests/support/global-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          // Each file gets its own database; two workers keep both cores busy.
          maxWorkers: 2,
          sequence: { groupOrder: 1 },
        },
      },
    ],
  },
});
