// The process environment, parsed once. Nothing else in the app reads process.env.
import { z } from 'zod';

const optionalUrl = z
  .string()
  .trim()
  .transform((value) => (value === '' ? undefined : value))
  .pipe(z.url({ protocol: /^postgres(ql)?$/ }).optional());

/** An unset or empty variable is absent. */
const optional = <T extends z.ZodType>(schema: T) =>
  z.preprocess(
    (value) => (typeof value === 'string' && value.trim() === '' ? undefined : value),
    schema.optional(),
  );
/** An IANA zone name the runtime knows (this module is a leaf, so it asks Intl directly). */
const timeZone = z.string().refine(
  (name) => {
    try {
      new Intl.DateTimeFormat('en-US', { timeZone: name });
      return true;
    } catch {
      return false;
    }
  },
  { message: 'Use an IANA time zone name, such as America/New_York or UTC.' },
);

const EnvSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  DATABASE_URL: optionalUrl.optional(),
  /** A PostgreSQL streaming replica the queries read from (DESIGN.md "Scaling past one machine"). */
  DATABASE_READ_URL: optionalUrl.optional(),
  /** How long a read that follows a write waits for the replica to replay it before reading the primary. */
  READ_REPLICA_WAIT_MS: z.coerce.number().int().min(0).max(5_000).default(200),
  LEASEBOOK_DATA_DIR: z.string().min(1).default('.data/pglite'),
  DB_POOL_MAX: z.coerce.number().int().min(1).max(100).default(10),
  DB_STATEMENT_TIMEOUT_MS: z.coerce.number().int().min(100).default(30_000),
  DB_IDLE_IN_TRANSACTION_TIMEOUT_MS: z.coerce.number().int().min(100).default(60_000),
  SNAPSHOT_EVERY: z.coerce.number().int().min(1).default(100),
  /** Megabytes (of JSON) of large parsed snapshots kept in memory per process; 0: none. */
  SNAPSHOT_CACHE_MB: z.coerce.number().int().min(0).max(4096).default(32),
  PROJECTION_BATCH_SIZE: z.coerce.number().int().min(1).max(10_000).default(200),
  PROJECTION_WAIT_MS: z.coerce.number().int().min(0).default(5_000),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  METRICS_TOKEN: z.string().min(1).optional(),
  /** `daily`: the app process runs billing at start and whenever a property's local date changes; `off`: only the CLI/API. */
  BILLING_SCHEDULE: z.enum(['daily', 'off']).default('daily'),
  /** Session cookie `Secure` (+ `__Host-` name): `auto` = unless plain http to a loopback host. */
  COOKIE_SECURE: z.enum(['auto', 'true', 'false']).default('auto'),
  /** `false`: a new embedded database is not seeded with the demo portfolio (a real install). */
  SEED_DEMO: z.enum(['true', 'false']).default('true'),
  /** The clean-up job (expired sessions, invites, idempotency replies): `hourly` or `off`. */
  CLEANUP_SCHEDULE: z.enum(['hourly', 'off']).default('hourly'),
  // Notifications and integrations (README "Notifications, webhooks and the event bus").
  /** Where links in emails point (no trailing slash); default http://localhost:$PORT. */
  APP_URL: optional(z.url({ protocol: /^https?$/ }).transform((value) => value.replace(/\/+$/, ''))),
  PORT: z.coerce.number().int().min(1).max(65_535).default(3000),
  /** smtp://user:pass@host:port or smtps://…; absent: mail stays in the in-app outbox. */
  SMTP_URL: optional(z.url({ protocol: /^smtps?$/ })),
  MAIL_FROM: z.string().min(3).default('Leasebook <no-reply@leasebook.local>'),
  /** First retry after this long; each later one waits twice as long, up to MAIL_RETRY_MAX_MS. */
  MAIL_RETRY_BASE_MS: z.coerce.number().int().min(10).default(1_000),
  MAIL_RETRY_MAX_MS: z.coerce.number().int().min(10).default(30_000),
  /** A message not sent this long after it was queued is given up (status failed, reason kept). */
  MAIL_GIVE_UP_AFTER_MS: z.coerce
    .number()
    .int()
    .min(1_000)
    .default(24 * 3_600_000),
  /** Rent reminders go out this many days before the due date (once per period). */
  RENT_REMINDER_DAYS: z.coerce.number().int().min(0).max(28).default(3),
  WEBHOOK_RETRY_BASE_MS: z.coerce.number().int().min(10).default(5_000),
  WEBHOOK_RETRY_MAX_MS: z.coerce.number().int().min(10).default(3_600_000),
  WEBHOOK_GIVE_UP_AFTER_MS: z.coerce
    .number()
    .int()
    .min(1_000)
    .default(24 * 3_600_000),
  WEBHOOK_TIMEOUT_MS: z.coerce.number().int().min(100).default(10_000),
  /** nats://host:port: publish every committed event to a JetStream stream. */
  EVENT_BUS_URL: optional(z.url({ protocol: /^(nats|tls)$/ })),
  EVENT_BUS_STREAM: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,64}$/)
    .default('LEASEBOOK'),
  /** Subjects are `<prefix>.<streamType>.<eventType>`. */
  EVENT_BUS_SUBJECT_PREFIX: z
    .string()
    .regex(/^[a-z0-9_-]{1,32}$/)
    .default('leasebook'),
  /** Events per subscriber batch (one transaction; for the event bus, one pipelined publish). */
  SUBSCRIBER_BATCH_SIZE: z.coerce.number().int().min(1).max(10_000).default(200),
  /** `off`: this process runs no subscriber (another process does, or tests drive them). */
  SUBSCRIBERS: z.enum(['on', 'off']).default('on'),
  /** The IANA zone of a property registered without one (DESIGN.md "The domain"). */
  DEFAULT_TIME_ZONE: timeZone.default('UTC'),
});

export type Env = z.infer<typeof EnvSchema>;

let cached: Env | undefined;

export function env(): Env {
  if (!cached) {
    const parsed = EnvSchema.safeParse(process.env);
    if (!parsed.success) {
      const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
      throw new Error(`Invalid environment configuration:\n  ${problems.join('\n  ')}`);
    }
    cached = parsed.data;
  }
  return cached;
}
