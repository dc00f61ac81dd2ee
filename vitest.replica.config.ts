// Black-box HTTP tests against the production server reading from a streaming replica (`npm run
// test:replica` starts both and passes their addresses). One file at a time.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/replica/**/*.replica.test.ts'],
    environment: 'node',
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
