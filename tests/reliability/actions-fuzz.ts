// Every server action fuzzed in process, FUZZ_RUNS argument lists each (2,000 in CI, as the route
// fuzzing): the exported functions of every 'use server' module under app/ (found by walking the
// tree, so a new action is fuzzed without being listed), called with fast-check argument lists by
// a signed-in caller of the role the action is for, on a real database. Next's request scope is the
// one stand-in: `cookies()` hands the action the caller's real session token, `headers()` is empty
// and `revalidatePath` records nothing (it needs a rendering request). The same actions are also
// fuzzed over HTTP against the production build (actions.http.test.ts, fewer lists: a call there
// costs a whole Next request). Every call must resolve to the documented ActionResult with an
// expected error code (never `internal_error`, never a throw other than Next's redirect), and
// nothing may be appended to the event store.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSession } from '@/server/auth/sessions';
import { closeWorld, eventMark, type ReliabilityWorld, reliabilityWorld } from './world';

/** The session the next call is made with (what the `next/headers` stand-in hands out). */
const caller = { token: '' };

/** The test files' `next/headers`: the caller's session cookie, no request headers. */
export const nextHeaders = {
  cookies: async () => ({
    get: (name: string) => (caller.token ? { name, value: caller.token } : undefined),
    getAll: () => [],
    has: () => Boolean(caller.token),
    set: () => {},
    delete: () => {},
  }),
  headers: async () => new Headers(),
};

const RUNS = Number(process.env.ACTION_INPROC_FUZZ_RUNS ?? process.env.FUZZ_RUNS ?? 200);
const APP_DIR = join(process.cwd(), 'app');

interface ActionModule {
  file: string;
  names: string[];
}

function serverActionFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return serverActionFiles(path);
    if (!/\.tsx?$/.test(name)) return [];
    return /^\s*(\/\/[^\n]*\n\s*)*['"]use server['"]/.test(readFileSync(path, 'utf8')) ? [path] : [];
  });
}

/** Actions that end the caller's sessions or change the password: a fresh session for each call. */
const SESSION_ENDERS = new Set(['signOut', 'signOutEverywhereAction', 'changePasswordAction']);

const roleOf = (file: string, name: string) =>
  SESSION_ENDERS.has(name)
    ? 'auditor'
    : file.startsWith('app/tenant/')
      ? 'tenant'
      : file.startsWith('app/admin/')
        ? 'admin'
        : 'manager';

/** Next's control flow thrown through an action (redirect, notFound): not a failure. */
const isNextSignal = (error: unknown) =>
  typeof (error as { digest?: unknown })?.digest === 'string' &&
  /^NEXT_(REDIRECT|HTTP_ERROR_FALLBACK)/.test((error as { digest: string }).digest);

/** Part `part` (0-based) of `of`: the actions are split between the test files by position. */
export function actionFuzzSuite(part: number, of: number): void {
  let world: ReliabilityWorld;
  let modules: ActionModule[];
  beforeAll(async () => {
    world = await reliabilityWorld();
    modules = [];
    for (const path of serverActionFiles(APP_DIR).sort()) {
      const mod = (await import(path)) as Record<string, unknown>;
      const names = Object.keys(mod).filter((name) => typeof mod[name] === 'function');
      modules.push({ file: relative(process.cwd(), path), names });
    }
  });
  afterAll(() => closeWorld(world));

  describe(`server actions in process, part ${part + 1} of ${of}`, () => {
    it(`resolve to an expected ActionResult for ${RUNS} random argument lists each, appending nothing`, async () => {
      const db = world.runtime.database.db;
      const users = {
        tenant: world.tenant,
        manager: world.manager,
        admin: world.admin,
        auditor: world.auditor,
      };
      const sessions: Record<string, string> = {};
      for (const [role, user] of Object.entries(users))
        sessions[role] = (await createSession(db, user.id)).token;
      const failures: string[] = [];
      let actions = 0;
      let calls = 0;
      const before = await eventMark(world);
      let position = 0;
      for (const { file, names } of modules) {
        const mod = (await import(join(process.cwd(), file))) as Record<
          string,
          (...args: unknown[]) => unknown
        >;
        for (const name of names) {
          position += 1;
          if (position % of !== part) continue;
          actions += 1;
          const role = roleOf(file, name);
          const action = mod[name] as (...args: unknown[]) => Promise<unknown>;
          const started = performance.now();
          await fc.assert(
            fc.asyncProperty(fc.array(fc.jsonValue({ maxDepth: 4 }), { maxLength: 4 }), async (args) => {
              calls += 1;
              caller.token = SESSION_ENDERS.has(name)
                ? (await createSession(db, users.auditor.id)).token
                : (sessions[role] as string);
              let result: unknown;
              try {
                result = await action(...args);
              } catch (error) {
                if (!isNextSignal(error))
                  failures.push(`${name} ← ${JSON.stringify(args).slice(0, 120)}: threw ${error}`);
                return;
              }
              const r = result as { ok?: unknown; error?: { code?: unknown; message?: unknown } };
              const wellFormed =
                r?.ok === true ||
                (r?.ok === false &&
                  typeof r.error?.code === 'string' &&
                  /^[a-z_]+$/.test(r.error.code) &&
                  r.error.code !== 'internal_error' &&
                  typeof r.error.message === 'string');
              if (!wellFormed)
                failures.push(
                  `${name} ← ${JSON.stringify(args).slice(0, 120)}: ${JSON.stringify(result).slice(0, 200)}`,
                );
            }),
            { numRuns: RUNS },
          );
          if (process.env.ACTION_FUZZ_TIMES)
            console.log(`${name}: ${(performance.now() - started).toFixed(0)} ms`);
        }
      }
      const after = await eventMark(world);
      expect(failures, failures.slice(0, 10).join('\n')).toEqual([]);
      expect(after, 'events appended for random input').toBe(before);
      expect(position, 'server actions found').toBeGreaterThan(30);
      console.log(
        `reliability figure: server actions in process (part ${part + 1} of ${of}): ${actions} actions × ${RUNS} random argument lists = ${calls} calls, no internal error, no event appended`,
      );
    });
  });
}
