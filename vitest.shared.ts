// What every vitest config here shares: `@/` is the repository root, and `server-only` (which
// throws outside a React server bundle) is a stub in tests.
import { fileURLToPath } from 'node:url';

export const alias = {
  '@': fileURLToPath(new URL('.', import.meta.url)),
  'server-only': fileURLToPath(new URL('./tests/support/server-only-stub.ts', import.meta.url)),
};
