// PGlite runs every query as an unnamed statement: parsed, described and planned anew each time.
// Its WASM build plans about ten times slower than the native server (the tenant dashboard's two
// statements: 5.9 and 5.3 ms planning, 0.4 and 0.6 ms executing), so a fast query was mostly
// planning. Here each query text becomes a named statement of the session once, and later calls
// only bind and execute it; PostgreSQL's plan cache then keeps a generic plan where it costs no
// more than a custom one, as it does for postgres.js's prepared statements on the server.
// The statements are session objects (a rollback keeps them); the least recently used are closed
// beyond `capacity`. A changed table re-plans them by itself (PostgreSQL revalidates).
import 'server-only';
import { type PGlite, parse, protocol, type Results, type Transaction } from '@electric-sql/pglite';

type QueryOptions = NonNullable<Parameters<PGlite['query']>[2]>;
type BackendMessage = Awaited<ReturnType<PGlite['execProtocolStream']>>[number];

interface Statement {
  name: string;
  /** The parameters' type oids, as the server inferred them. */
  parameterTypes: number[];
  /** The row description (absent for a statement that returns no rows). */
  row: BackendMessage | undefined;
}

/** Statement names are unique in the process, so two wrappers of one client never collide. */
let counter = 0;

export function withPreparedStatements(client: PGlite, capacity = 256): PGlite {
  const statements = new Map<string, Statement>();
  const send = (message: Uint8Array) => client.execProtocolStream(message, { syncToFs: false });

  async function prepare(text: string, options: QueryOptions | undefined): Promise<Statement> {
    const name = `lb_${++counter}`;
    await send(protocol.serialize.parse({ name, text, types: options?.paramTypes }));
    const described = await send(protocol.serialize.describe({ type: 'S', name }));
    const parameters = described.find((m) => m.name === 'parameterDescription') as
      | (BackendMessage & { dataTypeIDs: number[] })
      | undefined;
    return {
      name,
      parameterTypes: parameters?.dataTypeIDs ?? [],
      row: described.find((m) => m.name === 'rowDescription'),
    };
  }

  function serialize(value: unknown, oid: number | undefined, options: QueryOptions | undefined) {
    if (value === null || value === undefined) return null;
    const serializer =
      oid === undefined ? undefined : (options?.serializers?.[oid] ?? client.serializers[oid]);
    return serializer ? serializer(value) : String(value);
  }

  async function run<T>(
    text: string,
    parameters: unknown[] | undefined,
    options: QueryOptions | undefined,
    inTransaction: boolean,
  ): Promise<Results<T>> {
    // Parameter types given by the caller are part of what was prepared.
    const key = options?.paramTypes ? `${options.paramTypes.join(',')}\n${text}` : text;
    const results = await client.runExclusive(async () => {
      const messages: BackendMessage[] = [];
      let statement: Statement | undefined;
      try {
        statement = statements.get(key);
        if (statement) statements.delete(key);
        else {
          statement = await prepare(text, options);
          const oldest = statements.size >= capacity ? statements.entries().next().value : undefined;
          if (oldest) {
            statements.delete(oldest[0]);
            await send(protocol.serialize.close({ type: 'S', name: oldest[1].name }));
          }
        }
        statements.set(key, statement);
        const kinds = statement.parameterTypes;
        const values = (parameters ?? []).map((value, i) => serialize(value, kinds[i], options));
        messages.push(...(await send(protocol.serialize.bind({ statement: statement.name, values }))));
        messages.push(...(await send(protocol.serialize.execute({}))));
      } finally {
        messages.push(...(await send(protocol.serialize.sync())));
      }
      return statement.row ? [statement.row, ...messages] : messages;
    });
    if (!inTransaction) await client.syncToFs();
    return parse.parseResults(results, client.parsers, options)[0] as Results<T>;
  }

  /** `query` of the client or of an open transaction; a blob (COPY) goes PGlite's own way. */
  const queryOf =
    (target: Pick<PGlite, 'query'>, inTransaction: boolean) =>
    <T>(text: string, parameters?: unknown[], options?: QueryOptions) =>
      options?.blob
        ? target.query<T>(text, parameters, options)
        : run<T>(text, parameters, options, inTransaction);

  const forward = <O extends object>(target: O, property: string | symbol, receiver: unknown) => {
    const value = Reflect.get(target, property, receiver);
    return typeof value === 'function' ? value.bind(target) : value;
  };

  const inside = (tx: Transaction): Transaction =>
    new Proxy(tx, {
      get(target, property, receiver) {
        if (property !== 'query') return forward(target, property, receiver);
        const query = queryOf(target, true);
        return <T>(text: string, parameters?: unknown[], options?: QueryOptions) => {
          if (target.closed) throw new Error('Transaction is closed');
          return query<T>(text, parameters, options);
        };
      },
    });

  return new Proxy(client, {
    get(target, property, receiver) {
      if (property === 'query') return queryOf(target, false);
      if (property === 'transaction') {
        return <T>(work: (tx: Transaction) => Promise<T>) => target.transaction((tx) => work(inside(tx)));
      }
      return forward(target, property, receiver);
    },
  });
}
