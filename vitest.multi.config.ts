// Black-box HTTP tests against two running production servers on one database (`npm run
// test:multi` starts them and passes their addresses). One file at a time.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/multi/**/*.multi.test.ts'],
    environment: 'node',
    fileParallelism: false,
    testTimeout: 180_000,
    hookTimeout: 180_000,
  },
});
