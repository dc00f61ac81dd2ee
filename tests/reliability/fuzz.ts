// fast-check fuzzing of every API endpoint (every app/api/**/route.ts handler, found by walking
// the tree) in-process, with real Request objects against a real database (docs/decisions.md
// "rel"): random bodies (any JSON, the contract's own keys with hostile values, broken JSON),
// query strings, path params and Idempotency-Keys, sent with a token of a role the endpoint
// allows. Never a 5xx, every error in the documented shape, and no event appended by a refused
// request. Then hostile transport input on every endpoint that takes a body: oversized, 10,000
// levels deep, invalid UTF-8, the wrong content type; and a huge query string everywhere.
// FUZZ_RUNS cases per endpoint (default 2,000). The endpoints are split over two files
// (fuzz-1/fuzz-2.inproc.test.ts) so the two vitest workers share them.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { type Endpoint, endpoints, fillPath, paramNames } from './routes';
import {
  closeWorld,
  eventMark,
  isErrorShape,
  type ReliabilityWorld,
  reliabilityWorld,
  send,
  uuid,
} from './world';

const RUNS = Number(process.env.FUZZ_RUNS ?? 2000);

let world: ReliabilityWorld;
let all: Endpoint[];

function keysOf(schema: z.ZodType | undefined): string[] {
  const shape = (schema as { shape?: Record<string, unknown> } | undefined)?.shape;
  return shape ? Object.keys(shape) : [];
}

/** A token of a role the endpoint allows (the most powerful one that owns the fixtures). */
function tokenFor(endpoint: Endpoint): string {
  const auth = endpoint.contract?.auth;
  if (!Array.isArray(auth)) return world.manager.token;
  for (const role of ['manager', 'tenant', 'admin', 'auditor'] as const) {
    if (auth.includes(role)) return (role === 'manager' ? world.manager : world[role]).token;
  }
  return world.admin.token;
}

const hostileString = fc.oneof(
  fc.string(),
  fc.string({ unit: 'grapheme', maxLength: 50 }),
  fc.constantFrom(
    "'; DROP TABLE events; --",
    "' OR '1'='1",
    '%',
    '_',
    '\\',
    '<script>alert(1)</script>',
    '\u0000',
    'a\u0000b',
    '\uD800',
    '9999-99-99',
    '2000-02-30',
    '0000-01-01',
    '-1',
    '1e309',
    'NaN',
    'null',
    '__proto__',
    'constructor',
    ' '.repeat(300),
    'x'.repeat(6000),
  ),
  fc.uuid().map(String),
  fc.date({ noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10)),
);
const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  hostileString,
  fc.integer(),
  fc.constantFrom(0, -1, 1, 2 ** 31, 2 ** 53, 1e10, 1e10 + 1, -1e10, 1.5, Number.MAX_SAFE_INTEGER),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.jsonValue({ maxDepth: 3 }),
  fc.array(fc.jsonValue({ maxDepth: 2 }), { maxLength: 5 }),
);

function bodyArbitrary(endpoint: Endpoint): fc.Arbitrary<string | undefined> {
  const keys = keysOf(endpoint.contract?.body as z.ZodType | undefined);
  const shaped =
    keys.length > 0
      ? fc
          .record(Object.fromEntries(keys.map((k) => [k, hostileValue])), { requiredKeys: [] })
          .chain((record) =>
            fc.oneof(
              fc.constant(record),
              fc.record({ extra: hostileValue }).map((extra) => ({ ...record, ...extra })),
            ),
          )
      : fc.constant({});
  return fc.oneof(
    { weight: 4, arbitrary: shaped.map((b) => JSON.stringify(b)) },
    { weight: 2, arbitrary: fc.jsonValue({ maxDepth: 4 }).map((v) => JSON.stringify(v)) },
    { weight: 1, arbitrary: fc.string({ maxLength: 200 }) },
    { weight: 1, arbitrary: fc.constantFrom(undefined, '', '{', '[]', 'null', '{"a":', '\u0000') },
  );
}

function queryArbitrary(endpoint: Endpoint): fc.Arbitrary<string> {
  const keys = [...keysOf(endpoint.contract?.query as z.ZodType | undefined), 'q', 'limit', 'cursor'];
  const pair = fc.tuple(fc.oneof(fc.constantFrom(...keys), fc.string({ maxLength: 10 })), hostileString);
  return fc.array(pair, { maxLength: 5 }).map((pairs) => new URLSearchParams(pairs).toString());
}

function paramsArbitrary(endpoint: Endpoint): fc.Arbitrary<Record<string, string>> {
  const names = paramNames(endpoint.path);
  const paramValue = (name: string) =>
    fc.oneof(
      fc.constant(
        name === 'leaseId' ? world.own.leaseId : name === 'propertyId' ? world.own.propertyId : uuid(),
      ),
      fc.uuid().map(String),
      hostileString,
    );
  return fc.record(Object.fromEntries(names.map((n) => [n, paramValue(n)])));
}

const printable = fc.string({
  unit: fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)),
});
const keyArbitrary = fc.oneof(
  { weight: 6, arbitrary: fc.uuid().map(String) },
  { weight: 1, arbitrary: printable },
  { weight: 1, arbitrary: printable.map((s) => s.repeat(40)) },
  { weight: 1, arbitrary: fc.constant(undefined) },
);

const figures = { endpoints: 0, cases: 0, statuses: {} as Record<number, number>, succeeded: 0 };

/** Fuzzes the `part`-th of `parts` slices of the endpoint list. */
export function fuzzSuite(part: number, parts: number) {
  beforeAll(async () => {
    world = await reliabilityWorld();
    all = (await endpoints()).filter((_, i) => i % parts === part);
  });
  afterAll(() => closeWorld(world));

  describe(`fuzzing endpoints (part ${part + 1} of ${parts})`, () => {
    it(`${RUNS} cases per endpoint: never a 5xx, errors in the documented shape, nothing written when refused`, async () => {
      const started = performance.now();
      for (const endpoint of all) {
        const token = tokenFor(endpoint);
        const hasBody = endpoint.method !== 'GET' && endpoint.method !== 'DELETE';
        // Nothing else writes while a file fuzzes: the mark after one case is the next one's before.
        let before = await eventMark(world);
        await fc.assert(
          fc.asyncProperty(
            paramsArbitrary(endpoint),
            queryArbitrary(endpoint),
            hasBody ? bodyArbitrary(endpoint) : fc.constant(undefined),
            keyArbitrary,
            async (params, query, body, key) => {
              const reply = await send(endpoint.handler, {
                method: endpoint.method,
                path: fillPath(endpoint.path, params),
                params,
                query,
                token,
                headers: key === undefined ? {} : { 'idempotency-key': key },
                body,
              });
              figures.cases += 1;
              figures.statuses[reply.status] = (figures.statuses[reply.status] ?? 0) + 1;
              if (reply.status < 500 && reply.status >= 400 && isErrorShape(reply.body)) {
                const after = await eventMark(world);
                if (after !== before)
                  throw new Error(`${endpoint.name}: refused with ${reply.status} but appended`);
                return;
              }
              if (reply.status >= 200 && reply.status < 400) {
                figures.succeeded += 1;
                before = await eventMark(world);
                return;
              }
              throw new Error(`${endpoint.name} answered ${reply.status}: ${reply.text.slice(0, 300)}`);
            },
          ),
          { numRuns: RUNS },
        );
        figures.endpoints += 1;
      }
      const statuses = Object.entries(figures.statuses)
        .map(([s, n]) => `${n}×${s}`)
        .join(' ');
      console.log(
        `reliability figure: fuzz part ${part + 1}/${parts}: ${figures.cases} cases over ${figures.endpoints} endpoints (${RUNS} each) in ` +
          `${((performance.now() - started) / 1000).toFixed(1)} s: ${statuses}; 0×5xx`,
      );
      expect(figures.endpoints).toBe(all.length);
    });

    it('oversized, deep, invalid UTF-8 and mistyped bodies, and huge query strings: a 4xx in the error shape', async () => {
      const deep = `${'['.repeat(10_000)}${']'.repeat(10_000)}`;
      const deepObject = `${'{"a":'.repeat(5_000)}1${'}'.repeat(5_000)}`;
      const oversized = JSON.stringify({ description: 'x'.repeat(70 * 1024) });
      const invalidUtf8 = new Uint8Array<ArrayBuffer>(new ArrayBuffer(12));
      invalidUtf8.set([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xc3, 0x28, 0xff, 0xfe, 0x22, 0x7d]);
      let cases = 0;
      for (const endpoint of all) {
        const token = tokenFor(endpoint);
        const params = Object.fromEntries(paramNames(endpoint.path).map((n) => [n, uuid()]));
        const path = fillPath(endpoint.path, params);
        const check = async (
          label: string,
          options: Partial<Parameters<typeof send>[1]>,
          allow2xx = false,
        ) => {
          const before = await eventMark(world);
          const reply = await send(endpoint.handler, {
            method: endpoint.method,
            path,
            params,
            token,
            ...options,
          });
          cases += 1;
          const name = `${endpoint.name} ${label}: ${reply.text.slice(0, 200)}`;
          expect.soft(reply.status, name).toBeLessThan(500);
          if (!allow2xx) expect.soft(reply.status, name).toBeGreaterThanOrEqual(400);
          if (reply.status >= 400) expect.soft(isErrorShape(reply.body), name).toBe(true);
          if (reply.status >= 400) expect.soft(await eventMark(world), `${name} appended`).toBe(before);
        };
        // A 200 KB query string: refused or ignored, never a crash (most endpoints ignore extra keys).
        await check('huge query', { query: `q=${'%27'.repeat(70_000)}&limit=${'9'.repeat(1000)}` }, true);
        if (endpoint.method === 'GET' || endpoint.method === 'DELETE' || !endpoint.contract?.body) continue;
        const headers = { 'idempotency-key': uuid() };
        await check('70 KB body', { body: oversized, headers });
        await check('10,000-deep array', { body: deep, headers });
        await check('5,000-deep object', { body: deepObject, headers });
        await check('invalid UTF-8', { body: invalidUtf8, headers });
        // A session-cookie (browser) write must be JSON; a bearer call with text/plain is still parsed as JSON.
        await check('text/plain', { body: 'hello', headers: { ...headers, 'content-type': 'text/plain' } });
      }
      console.log(
        `reliability figure: hostile transport part ${part + 1}/${parts}: ${cases} cases (oversized, deep, invalid UTF-8, huge query)`,
      );
    });
  });
}
