// The notification specs against the production build (`npm run test:notify` makes the database
// and passes it in LEASEBOOK_NOTIFY_DATABASE_URL); each spec starts and stops its own app process.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/notify/**/*.notify.test.ts'],
    environment: 'node',
    fileParallelism: false,
    testTimeout: 300_000,
    hookTimeout: 900_000,
  },
});
