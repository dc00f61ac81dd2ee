// EXPLAIN (ANALYZE, BUFFERS) of the statements behind the slowest scenarios (PostgreSQL only):
// each scenario runs once with its statements captured (text and parameters), then every
// read-only statement is explained on its own connection and the costliest one is kept.
import 'server-only';
import postgres from 'postgres';
import { openDatabase } from '../../server/db/client';
import { createRuntime } from '../../server/runtime';
import { manifestPath, readManifest } from '../data/manifest';
import { queryScenarios } from './adapter';

export interface ExplainedQuery {
  scenario: string;
  statements: number;
  executionMs: number;
  sql: string;
  plan: string;
}

export async function explainSlowest(
  url: string,
  scenarioNames: readonly string[],
): Promise<ExplainedQuery[]> {
  let captured: { text: string; parameters: unknown[] }[] = [];
  const options = {
    kind: 'postgres' as const,
    url,
    poolMax: 2,
    onQuery: (text: string, parameters?: readonly unknown[]) =>
      captured.push({ text, parameters: [...(parameters ?? [])] }),
  };
  const manifest = readManifest(manifestPath(options));
  const database = await openDatabase(options);
  const runtime = createRuntime(database);
  const raw = postgres(url, { max: 1, onnotice: () => {} });
  const out: ExplainedQuery[] = [];
  try {
    for (const scenario of queryScenarios(runtime, manifest).filter((s) => scenarioNames.includes(s.name))) {
      await scenario.run(0);
      captured = [];
      await scenario.run(1);
      const statements = captured.filter((c) => /^\s*(select|with)\b/i.test(c.text));
      let best: ExplainedQuery | undefined;
      for (const statement of statements) {
        try {
          const rows = await raw.unsafe(
            `EXPLAIN (ANALYZE, BUFFERS) ${statement.text}`,
            statement.parameters as never[],
          );
          const plan = rows.map((r) => String(r['QUERY PLAN'])).join('\n');
          const executionMs = Number(/Execution Time: ([\d.]+) ms/.exec(plan)?.[1] ?? 0);
          if (!best || executionMs > best.executionMs)
            best = {
              scenario: scenario.name,
              statements: statements.length,
              executionMs,
              sql: statement.text,
              plan,
            };
        } catch {
          // A statement that needs the caller's transaction or types: left out.
        }
      }
      if (best) out.push(best);
    }
  } finally {
    await raw.end();
    await database.close();
  }
  return out;
}
