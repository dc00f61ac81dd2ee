// Server action fuzzing in process, part 1 of 2 (see ./actions-fuzz.ts). Next's request scope is
// the one stand-in: `cookies()` gives the caller's real session token; revalidatePath is a no-op.
import { vi } from 'vitest';
import { actionFuzzSuite } from './actions-fuzz';

vi.mock('next/headers', async () => (await import('./actions-fuzz')).nextHeaders);
vi.mock('next/cache', async (importOriginal) => ({
  ...(await importOriginal<typeof import('next/cache')>()),
  revalidatePath: () => {},
}));

actionFuzzSuite(0, 2);
