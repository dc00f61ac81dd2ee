// Black-box HTTP tests against a running production server (`npm run test:contention` starts it
// and passes its address in LEASEBOOK_HTTP_BASE_URL). One file at a time: the scenarios measure
// contention, so nothing else may share the server while they run.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/http/**/*.http.test.ts'],
    environment: 'node',
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 180_000,
  },
});
