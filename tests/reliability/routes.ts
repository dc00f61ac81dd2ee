// Every API route handler, found by walking app/api/**/route.ts (so a new route cannot be left out
// of the fuzzing or the authorisation matrix), with the contract it parses with.
import { readdirSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import type { Contract } from '@/server/http/contracts';
import type { RouteHandler } from '@/server/http/route';

const API_DIR = join(process.cwd(), 'app', 'api');
const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;

export interface Endpoint {
  /** `POST /leases/{leaseId}/payments` (under /api/v1), or `GET /api/metrics` outside it. */
  name: string;
  method: string;
  /** The path with {params}, under /api/v1 for versioned routes. */
  path: string;
  handler: RouteHandler;
  contract: Partial<Contract> | undefined;
}

function routeFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return routeFiles(path);
    return name === 'route.ts' ? [path] : [];
  });
}

export async function endpoints(): Promise<Endpoint[]> {
  const found: Endpoint[] = [];
  for (const file of routeFiles(API_DIR).sort()) {
    const rel = `/${relative(API_DIR, file).split(sep).slice(0, -1).join('/')}`.replace(
      /\[([^\]]+)\]/g,
      '{$1}',
    );
    const path = rel.startsWith('/v1') ? rel.slice(3) || '/' : `/api${rel}`;
    const mod = (await import(file)) as Record<string, RouteHandler | undefined>;
    for (const method of METHODS) {
      const handler = mod[method];
      if (handler)
        found.push({ name: `${method} ${path}`, method, path, handler, contract: handler.contract });
    }
  }
  return found;
}

/** `/leases/{leaseId}` + `{leaseId: 'x'}` → `/leases/x` */
export const fillPath = (path: string, params: Record<string, string>) =>
  path.replace(/\{([^}]+)\}/g, (_, name: string) =>
    // A lone surrogate cannot be in a URL; the handler still gets the raw value through `params`.
    encodeURIComponent((params[name] ?? '').replace(/[\uD800-\uDFFF]/g, '\uFFFD')),
  );

export const paramNames = (path: string) => [...path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1] as string);
