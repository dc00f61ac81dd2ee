// Layers (docs/architecture.md "Layers"): imports point down, never up.
//
//   app/, scripts/, tests/, instrumentation.ts   anything below
//   components/                                  UI; server/ only as `import type`
//   server/startup.ts                            process start: seed, billing, runtime
//   server/seed/                                 drives the commands (and may append directly)
//   server/http/                                 route()/action()/page adapters for app/
//   server/commands/ | server/queries/ | server/notifications/   use cases; neither side imports the other
//   server/auth/                                 users, sessions, the policy
//   server/runtime.ts, server/metrics.ts         wiring: one store, one runner
//   server/domain/ | server/projections/         pure deciders | read models (projections may use the domain)
//   server/eventstore/                           the only code on events/streams/snapshots/processed_commands
//   server/db/ (+ every */tables.ts), server/env.ts, server/log.ts
//
// `*/tables.ts` files are the schema (server/db/schema.ts gathers them for drizzle-kit and the typed
// client), so they belong to the db layer wherever they sit: they import only Drizzle, db/columns
// and other tables.

const USE_CASES = '^server/(commands|queries|notifications)/';
const ABOVE_USE_CASES = '^server/(http|seed)/|^server/startup\\.ts$';
const OUTSIDE_SERVER = '^(app|components|scripts|tests)/|^instrumentation\\.ts$';
const TABLES = '(^|/)tables\\.ts$';

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'server-below-app',
      comment: 'server/ never imports the Next.js app, the UI, scripts or tests.',
      severity: 'error',
      from: { path: '^server/' },
      to: { path: OUTSIDE_SERVER },
    },
    {
      name: 'components-ui-only',
      comment:
        'components/ is UI: it may import server/ only as `import type` (data shapes), never code that runs on the server.',
      severity: 'error',
      from: { path: '^components/' },
      to: { path: '^server/', dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'components-below-app',
      comment:
        'components/ is below app/: it may call server actions (app/**/actions.ts, app/**/actions/*) and import types, nothing else of app/.',
      severity: 'error',
      from: { path: '^components/' },
      to: { path: '^app/', pathNot: '(^|/)actions(\\.ts|/[^/]+\\.ts)$', dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'domain-is-pure',
      comment:
        'server/domain/ imports nothing from server/ outside server/domain/ (no I/O, no store, no db).',
      severity: 'error',
      from: { path: '^server/domain/' },
      to: { path: '^server/', pathNot: '^server/domain/' },
    },
    {
      name: 'eventstore-on-db-only',
      comment:
        'server/eventstore/ imports only server/db/ and itself: it knows no aggregate, read model or use case.',
      severity: 'error',
      from: { path: '^server/eventstore/' },
      to: { path: '^server/', pathNot: '^server/(eventstore|db)/' },
    },
    {
      name: 'db-is-the-bottom',
      comment:
        'server/db/ imports only itself, server/env.ts and the table files it gathers into the schema.',
      severity: 'error',
      from: { path: '^server/db/' },
      to: { path: '^server/', pathNot: `^server/db/|^server/env\\.ts$|${TABLES}` },
    },
    {
      name: 'tables-are-schema',
      comment: 'A tables.ts file is schema: it imports only Drizzle, server/db/columns.ts and other tables.',
      severity: 'error',
      from: { path: `^server/.*${TABLES}` },
      to: { path: '^server/', pathNot: `^server/db/columns\\.ts$|${TABLES}` },
    },
    {
      name: 'projections-below-use-cases',
      comment:
        'server/projections/ sits beside the domain, above the event store: it never imports auth, commands, queries, the runtime or anything above.',
      severity: 'error',
      from: { path: '^server/projections/' },
      to: {
        path: `^server/(auth|commands|queries|notifications|http|seed)/|^server/(runtime|startup|metrics)\\.ts$`,
        pathNot: TABLES,
      },
    },
    {
      name: 'wiring-below-use-cases',
      comment:
        'server/runtime.ts and server/metrics.ts wire the store and the runner; they import no use case or adapter.',
      severity: 'error',
      from: { path: '^server/(runtime|metrics)\\.ts$' },
      to: { path: `^server/(auth|commands|queries|notifications|http|seed)/|^server/startup\\.ts$` },
    },
    {
      name: 'auth-below-use-cases',
      comment:
        'server/auth/ (users, sessions, policy) is used by the use cases and adapters, never the other way round.',
      severity: 'error',
      from: { path: '^server/auth/' },
      to: { path: `${USE_CASES}|${ABOVE_USE_CASES}`, pathNot: TABLES },
    },
    {
      name: 'use-cases-below-adapters',
      comment:
        'Commands, queries and notifications never import the HTTP adapters, the seed or the process start.',
      severity: 'error',
      from: { path: USE_CASES },
      to: { path: ABOVE_USE_CASES },
    },
    {
      name: 'queries-not-commands',
      comment:
        'The read side does not depend on the write side: server/queries/ never imports server/commands/.',
      severity: 'error',
      from: { path: '^server/queries/' },
      to: { path: '^server/commands/' },
    },
    {
      name: 'commands-not-queries',
      comment:
        'Commands read what they need from the event store or a read model (server/projections/*), not from the query services.',
      severity: 'error',
      from: { path: '^server/commands/' },
      to: { path: '^server/queries/' },
    },
    {
      name: 'notifications-react-not-command',
      comment:
        'server/notifications/ reacts to committed events and reads read models; it never runs commands or query services (commands may queue mail through it).',
      severity: 'error',
      from: { path: '^server/notifications/' },
      to: { path: '^server/(commands|queries)/' },
    },
    {
      name: 'http-below-app',
      comment: 'server/http/ adapts use cases for app/; it never imports the seed or the process start.',
      severity: 'error',
      from: { path: '^server/http/' },
      to: { path: '^server/seed/|^server/startup\\.ts$' },
    },
    {
      name: 'seed-above-commands',
      comment: 'server/seed/ drives the commands; it never imports the HTTP adapters or the process start.',
      severity: 'error',
      from: { path: '^server/seed/' },
      to: { path: '^server/http/|^server/startup\\.ts$' },
    },
    {
      name: 'config-and-log-are-leaves',
      comment: 'server/env.ts and server/log.ts import nothing from server/ but each other.',
      severity: 'error',
      from: { path: '^server/(env|log)\\.ts$' },
      to: { path: '^server/', pathNot: '^server/(env|log)\\.ts$' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)(\\.next[^/]*|\\.data|node_modules)/' },
    // Type-only imports count (a layer's types belong to it too); components-ui-only exempts them.
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      extensions: ['.ts', '.tsx', '.js', '.mjs', '.cjs', '.json'],
    },
    reporterOptions: { text: { highlightFocused: true } },
  },
};
