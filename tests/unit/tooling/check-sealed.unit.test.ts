// The sealed-event-store check: what counts as touching events/streams/snapshots/processed_commands.
// biome-ignore-all lint/suspicious/noTemplateCurlyInString: the strings are TypeScript source under test, placeholders included
import { describe, expect, it } from 'vitest';
import { scan } from '@/scripts/check-sealed';

const lines = (file: string, text: string) => scan(file, text).map((o) => o.line);

describe('check-sealed scan', () => {
  it('flags SQL templates naming an event table', () => {
    const text = [
      "import { sql } from 'drizzle-orm';",
      'const a = sql`SELECT count(*) FROM events`;',
      'const b = sql`SELECT 1 FROM rm_leases l JOIN "streams" s ON s.stream_id = l.id`;',
      'const c = sql`INSERT INTO processed_commands (command_id) VALUES (${id})`;',
      'const d = sql`UPDATE public.snapshots SET state = ${s}`;',
      'const e = sql`ORDER BY events.tx_id`;',
    ].join('\n');
    expect(lines('server/queries/x.ts', text)).toEqual([2, 3, 4, 5, 6]);
  });

  it('flags plain SQL strings and the Drizzle table objects', () => {
    const text = [
      "import { events, users } from '../db/schema';",
      "import * as schema from '@/server/db/schema';",
      'const q = "DELETE FROM streams WHERE true";',
      'db.select().from(schema.snapshots);',
    ].join('\n');
    expect(lines('server/auth/x.ts', text)).toEqual([1, 3, 4]);
  });

  it('leaves prose, other tables and comments alone', () => {
    const text = [
      '// SELECT * FROM events in a comment',
      "const label = 'Read events from streams of every property';",
      'const t = sql`INSERT INTO rm_stream_type_stats AS s (stream_type, streams, events) VALUES (1, 2, 3)`;',
      "const u = sql`SELECT s.events FROM rm_stream_type_stats s WHERE s.streams > ${'events'}`;",
      "import { users } from '../db/schema';",
    ].join('\n');
    expect(lines('server/projections/x.ts', text)).toEqual([]);
  });
});
