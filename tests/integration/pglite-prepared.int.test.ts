// PGlite's named statements (server/db/pglite-prepared.ts): one per query text, reused, bounded,
// with the same answers and errors as PGlite's own query path. Embedded only by nature (the
// PostgreSQL server path prepares through postgres.js), so this runs on an in-memory PGlite
// whatever DATABASE_URL says.
import { PGlite, types } from '@electric-sql/pglite';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { withPreparedStatements } from '@/server/db/pglite-prepared';

let raw: PGlite;
let db: PGlite;

beforeAll(async () => {
  raw = new PGlite();
  await raw.waitReady;
  await raw.exec('CREATE TABLE t (id int PRIMARY KEY, day date, doc jsonb, tags text[], amount bigint)');
});
afterAll(() => raw.close());
// A fresh wrapper (capacity 4) on an empty table for each test; the last one's statements dropped.
beforeEach(async () => {
  await raw.exec('TRUNCATE t; DEALLOCATE ALL');
  db = withPreparedStatements(raw, 4);
});

/** The named statements the session holds (read through PGlite's own, unnamed path). */
const held = async () =>
  (await raw.query<{ statement: string }>('SELECT statement FROM pg_prepared_statements')).rows.map(
    (r) => r.statement,
  );

// What drizzle passes for a select (drizzle-orm/pglite/session.js).
const arrayMode = { rowMode: 'array' as const, parsers: { [types.DATE]: (value: string) => value } };

describe('PGlite named statements', () => {
  it('answers as PGlite does, for each parameter type and both row modes', async () => {
    const insert = 'INSERT INTO t (id, day, doc, tags, amount) VALUES ($1, $2, $3, $4, $5)';
    await db.query(insert, [
      1,
      '2027-02-28',
      { a: [1, 'x'], b: null },
      ['one', 'two, "three"'],
      9_007_199_254,
    ]);
    await db.query(insert, [2, null, null, null, null]);
    const select = 'SELECT id, day, doc, tags, amount, amount * 2 AS twice FROM t WHERE id >= $1 ORDER BY id';
    for (const options of [undefined, arrayMode]) {
      const ours = await db.query(select, [1], options);
      const theirs = await raw.query(select, [1], options);
      expect(ours.rows).toEqual(theirs.rows);
      expect(ours.fields).toEqual(theirs.fields);
    }
    const [first] = (await db.query<{ doc: unknown; tags: string[] }>('SELECT doc, tags FROM t WHERE id = 1'))
      .rows;
    expect(first).toEqual({ doc: { a: [1, 'x'], b: null }, tags: ['one', 'two, "three"'] });
    const changed = await db.query('UPDATE t SET amount = $1 WHERE id = ANY ($2::int[])', [5, '{1,2}']);
    expect(changed.affectedRows).toBe(2);
  });

  it('prepares each query text once and binds it again for new parameters', async () => {
    const text = 'SELECT $1::int + 1 AS n';
    for (const n of [1, 2, 3])
      expect((await db.query<{ n: number }>(text, [n])).rows).toEqual([{ n: n + 1 }]);
    expect((await held()).filter((s) => s === text)).toHaveLength(1);
  });

  it('prepares a text again for other parameter types the caller gives', async () => {
    const text = 'SELECT $1 AS v';
    expect((await db.query(text, ['7'], { paramTypes: [types.INT4] })).rows).toEqual([{ v: 7 }]);
    expect((await db.query(text, ['7'], { paramTypes: [types.TEXT] })).rows).toEqual([{ v: '7' }]);
    expect((await held()).filter((s) => s === text)).toHaveLength(2);
  });

  it('closes the least recently used statement beyond its capacity (4 here)', async () => {
    const text = (i: number) => `SELECT ${i} AS i`;
    for (const i of [1, 2, 3, 4]) await db.query(text(i));
    await db.query(text(1)); // used again: 2 is now the oldest
    await db.query(text(5));
    expect((await held()).sort()).toEqual([text(1), text(3), text(4), text(5)]);
  });

  it('rejects bad SQL and constraint violations with their codes, keeping the session usable', async () => {
    await expect(db.query('SELEC 1')).rejects.toMatchObject({ code: '42601' });
    expect(await held()).toEqual([]);
    const insert = 'INSERT INTO t (id) VALUES ($1)';
    await db.query(insert, [1]);
    await expect(db.query(insert, [1])).rejects.toMatchObject({ code: '23505' });
    await db.query(insert, [2]);
    expect((await db.query('SELECT count(*)::int AS n FROM t')).rows).toEqual([{ n: 2 }]);
  });

  it('runs inside transactions: a failed statement rolls the whole transaction back', async () => {
    const insert = 'INSERT INTO t (id) VALUES ($1)';
    await expect(
      db.transaction(async (tx) => {
        await tx.query(insert, [1]);
        await tx.query(insert, [1]);
      }),
    ).rejects.toMatchObject({ code: '23505' });
    expect((await db.query('SELECT count(*)::int AS n FROM t')).rows).toEqual([{ n: 0 }]);
    let kept: Awaited<ReturnType<PGlite['transaction']>> | undefined;
    await db.transaction(async (tx) => {
      await tx.query(insert, [3]);
      kept = tx;
    });
    expect((await db.query<{ id: number }>('SELECT id FROM t')).rows).toEqual([{ id: 3 }]);
    await expect(async () => (kept as { query: PGlite['query'] }).query('SELECT 1')).rejects.toThrow(
      /closed/,
    );
  });
});
