// What `npm run bench:data` made, where the bench finds it: a JSON file beside a PGlite data
// directory (`<dir>.bench.json`), or under .data/bench-data/<database>.json for PostgreSQL.
import fs from 'node:fs';
import path from 'node:path';
import type { OpenOptions } from '../../server/db/client';

export interface BenchManifest {
  seed: number;
  today: string;
  leases: number;
  properties: number;
  units: number;
  events: number;
  commands: number;
  /** The lease with ~10,000 events (the auditor's figures). */
  bigLeaseId: string;
  bigLeaseEvents: number;
  /** The manager holding the most leases, and how many. */
  bigManager: { id: string; email: string; leases: number };
  /** A tenant with one ordinary lease (the dashboard figure). */
  tenant: { id: string; email: string; leaseId: string };
  auditor: { id: string; email: string };
  password: string;
  refusals: Record<string, number>;
  writeSeconds: number;
  projectionSeconds?: number;
  createdAt: string;
}

export function manifestPath(options: OpenOptions, root = process.cwd()): string {
  if (options.kind === 'pglite') return `${path.resolve(root, options.dataDir ?? '.data/pglite')}.bench.json`;
  const name = new URL(options.url).pathname.replace(/^\//, '') || 'postgres';
  return path.join(root, '.data', 'bench-data', `${name}.json`);
}

export function writeManifest(file: string, manifest: BenchManifest): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, `${JSON.stringify(manifest, null, 2)}\n`);
}

export function readManifest(file: string): BenchManifest {
  if (!fs.existsSync(file))
    throw new Error(`No bench data manifest at ${file}: run npm run bench:data first.`);
  return JSON.parse(fs.readFileSync(file, 'utf8')) as BenchManifest;
}
