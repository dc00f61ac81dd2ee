// SQL metacharacters in every search and filter: every query-string key of every endpoint that
// takes one (found from the contracts of the route handlers under app/api) gets each payload, as a
// manager and as a tenant. The answer is 200 or 400 (never a 5xx), in the error shape when
// refused, and never holds the other manager's lease or property, or the other tenant's lease.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Endpoint, endpoints, fillPath, paramNames } from './routes';
import { closeWorld, isErrorShape, type ReliabilityWorld, reliabilityWorld, send } from './world';

const PAYLOADS = [
  "'",
  "''",
  "' OR '1'='1",
  "' OR 1=1 --",
  '" OR ""="',
  "'; DROP TABLE events; --",
  '1; SELECT pg_sleep(5)',
  "') UNION SELECT id, email, password_hash FROM users --",
  '%',
  '%%',
  '_',
  '\\',
  '\\%',
  '[a-z]*',
  '.*',
  '$1',
  '::text',
  '/* */',
  "E'\\x00'",
  '\u0000',
  '%00',
  'null',
  '-1',
  '1e400',
  "Maple' AND (SELECT count(*) FROM events) > 0 AND 'a'='a",
];

let world: ReliabilityWorld;
let all: Endpoint[];
beforeAll(async () => {
  world = await reliabilityWorld();
  all = (await endpoints()).filter((e) => e.method === 'GET');
});
afterAll(() => closeWorld(world));

function queryKeys(endpoint: Endpoint): string[] {
  const shape = (endpoint.contract?.query as { shape?: Record<string, unknown> } | undefined)?.shape;
  if (shape) return Object.keys(shape);
  // A refined/transformed schema: the keys the contract documents in its inner object.
  const inner = (
    endpoint.contract?.query as { def?: { in?: { shape?: object }; schema?: { shape?: object } } } | undefined
  )?.def;
  return Object.keys(inner?.in?.shape ?? inner?.schema?.shape ?? {});
}

describe('SQL metacharacters in every search and filter', () => {
  it('answer 200 or 400, never a 5xx, and leak nothing of another portfolio or tenant', async () => {
    let cases = 0;
    const searched: string[] = [];
    const forbidden = [
      world.other.leaseId,
      world.other.propertyId,
      world.other.unitA,
      world.manager2.id,
      world.tenant2.id,
    ];
    for (const endpoint of all) {
      const keys = queryKeys(endpoint);
      if (keys.length === 0) continue;
      searched.push(`${endpoint.name} (${keys.join(', ')})`);
      for (const token of [world.manager.token, world.tenant.token]) {
        const params = Object.fromEntries(
          paramNames(endpoint.path).map((n) => [
            n,
            n === 'propertyId' ? world.own.propertyId : world.own.leaseId,
          ]),
        );
        for (const key of keys) {
          for (const payload of PAYLOADS) {
            const reply = await send(endpoint.handler, {
              method: 'GET',
              path: fillPath(endpoint.path, params),
              params,
              query: new URLSearchParams({ [key]: payload }).toString(),
              token,
            });
            cases += 1;
            const name = `${endpoint.name} ${key}=${JSON.stringify(payload)}: ${reply.text.slice(0, 200)}`;
            expect.soft([200, 400, 403, 404], name).toContain(reply.status);
            if (reply.status >= 400) expect.soft(isErrorShape(reply.body), name).toBe(true);
            for (const id of forbidden)
              expect.soft(reply.text.includes(id), `${name} leaks ${id}`).toBe(false);
          }
        }
      }
    }
    console.log(`searched: ${searched.join('; ')}`);
    console.log(
      `reliability figure: injection ${cases} cases (${PAYLOADS.length} SQL payloads × every query key of ${searched.length} endpoints × manager and tenant), 0×5xx, no leak`,
    );
    expect(searched.length).toBeGreaterThanOrEqual(8);
  });
});
