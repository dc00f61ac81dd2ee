// Every endpoint's contract is declared once (server/http/contracts): every route file under
// app/api/v1 parses with one from the list and the list holds nothing else; each contract documents
// at least what the wrapper itself can answer; the OpenAPI document is generated from the list.
import { readdirSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CONTRACTS, wrapperStatuses } from '@/server/http/contracts';
import { browserStatuses } from '@/server/http/contracts/contract';
import { openApiDocument } from '@/server/http/openapi';
import type { RouteHandler } from '@/server/http/route';

const API_DIR = join(process.cwd(), 'app', 'api', 'v1');
const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;

function routeFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return routeFiles(path);
    return name === 'route.ts' ? [path] : [];
  });
}

/** app/api/v1/leases/[leaseId]/route.ts → /leases/{leaseId} */
const apiPathOf = (file: string) =>
  `/${relative(API_DIR, file).split(sep).slice(0, -1).join('/')}`
    .replace(/\[([^\]]+)\]/g, '{$1}')
    .replace(/\/$/, '') || '/';

const key = (method: string, path: string) => `${method} ${path}`;

describe('endpoint contracts', () => {
  it('every route handler under app/api/v1 parses with a contract of the list, and the list holds only those', async () => {
    const served = new Set<string>();
    for (const file of routeFiles(API_DIR)) {
      const path = apiPathOf(file);
      const mod = (await import(file)) as Record<string, RouteHandler | undefined>;
      for (const method of METHODS) {
        const handler = mod[method];
        if (!handler) continue;
        const contract = handler.contract;
        expect(contract, `${method} ${path} goes through route() with a contract`).toBeDefined();
        expect(CONTRACTS, `${method} ${path}'s contract is in the list`).toContain(contract);
        expect(key(contract?.method ?? '', contract?.path ?? ''), `${file} ${method}`).toBe(
          key(method, path),
        );
        served.add(key(method, path));
      }
    }
    expect([...served].sort()).toEqual(CONTRACTS.map((c) => key(c.method, c.path)).sort());
  });

  it('declares each endpoint once', () => {
    const keys = CONTRACTS.map((c) => key(c.method, c.path));
    expect(new Set(keys).size).toBe(keys.length);
  });

  it.each(CONTRACTS.map((c) => [key(c.method, c.path), c] as const))(
    '%s documents what the wrapper can answer',
    (_name, contract) => {
      for (const status of wrapperStatuses(contract)) expect(contract.errors).toContain(status);
      if (contract.auth !== 'public') expect(contract.errors).toContain(401);
      if (Array.isArray(contract.auth)) expect(contract.errors).toContain(403);
      if (contract.body) expect(contract.errors).toEqual(expect.arrayContaining([400, 413]));
      if (contract.idempotency === 'required') expect(contract.errors).toContain(400);
      if (contract.idempotency) expect(contract.errors).toContain(409);
      // A path id is parsed (400 when malformed) and looked up (404 when unknown or not yours).
      if (contract.path.includes('{')) expect(contract.errors).toEqual(expect.arrayContaining([400, 404]));
    },
  );

  it('generates the OpenAPI document from the list: every endpoint, every documented status', () => {
    const doc = openApiDocument();
    const operations = Object.entries(doc.paths).flatMap(([path, methods]) =>
      Object.entries(methods).map(([method, op]) => ({ path, method: method.toUpperCase(), op })),
    );
    expect(operations.map((o) => key(o.method, o.path)).sort()).toEqual(
      CONTRACTS.map((c) => key(c.method, c.path)).sort(),
    );
    for (const contract of CONTRACTS) {
      const op = doc.paths[contract.path]?.[contract.method.toLowerCase()] as {
        responses: Record<string, unknown>;
        parameters: { name: string; in: string; required: boolean }[];
      };
      expect(Object.keys(op.responses).sort()).toEqual(
        [...new Set([contract.status, ...contract.errors, ...browserStatuses(contract)])].map(String).sort(),
      );
      if (contract.idempotency) {
        expect(op.parameters).toContainEqual(
          expect.objectContaining({
            name: 'Idempotency-Key',
            in: 'header',
            required: contract.idempotency === 'required',
          }),
        );
      }
    }
    // The drift this replaces: signing in answers 401 on bad credentials.
    expect(doc.paths['/session']?.post).toMatchObject({ responses: { '401': expect.anything() } });
  });
});
