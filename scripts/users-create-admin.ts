// npm run users:create-admin: a real install's first admin (API.md "Demo data"). Flags or prompts:
//   npm run users:create-admin -- --email ops@example.org --name "Ops Person" [--password-stdin]
// Without --password-stdin the password is asked for twice on the terminal (not echoed). It is
// never taken as a flag (flags end up in shell history and `ps`). Migrates the database first.
// Exit codes: 0 created, 1 refused (email taken, bad input), 2 usage.
import { randomUUID } from 'node:crypto';
import readline from 'node:readline';
import { z } from 'zod';
import { hashPassword } from '../server/auth/passwords';
import { MIN_PASSWORD_LENGTH } from '../server/auth/sessions';
import { users } from '../server/auth/tables';
import { findUserByEmail, normaliseEmail } from '../server/auth/users';
import { appDatabaseOptions, openDatabase } from '../server/db/client';
import { migrateDatabase } from '../server/db/migrate';

const USAGE = 'Usage: npm run users:create-admin -- [--email EMAIL] [--name NAME] [--password-stdin]';

const Input = z.object({
  email: z.email().max(320),
  name: z
    .string()
    .trim()
    .min(1)
    .max(200)
    .refine((v) => !v.includes('\u0000'), 'No NUL characters.'),
  password: z
    .string()
    .min(MIN_PASSWORD_LENGTH, `The password needs at least ${MIN_PASSWORD_LENGTH} characters.`)
    .max(1024),
});

function parseArgs(argv: string[]): { email?: string; name?: string; passwordStdin: boolean } | string {
  const out: { email?: string; name?: string; passwordStdin: boolean } = { passwordStdin: false };
  const args = argv.filter((arg) => arg !== '--');
  for (let i = 0; i < args.length; i++) {
    const [flag, inline] = (args[i] ?? '').split(/=(.*)/s, 2) as [string, string | undefined];
    if (flag === '--password-stdin') out.passwordStdin = true;
    else if (flag === '--email' || flag === '--name') {
      const value = inline ?? args[++i];
      if (value === undefined) return USAGE;
      out[flag === '--email' ? 'email' : 'name'] = value;
    } else return USAGE;
  }
  return out;
}

function ask(question: string, hidden = false): Promise<string> {
  const rl = readline.createInterface({ input: process.stdin, output: process.stdout, terminal: true });
  if (hidden) {
    // Echo nothing while the password is typed.
    (rl as unknown as { _writeToOutput: (s: string) => void })._writeToOutput = (s: string) => {
      if (s.includes(question)) process.stdout.write(question);
    };
  }
  return new Promise((resolve) =>
    rl.question(question, (answer) => {
      rl.close();
      if (hidden) process.stdout.write('\n');
      resolve(answer);
    }),
  );
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks)
    .toString('utf8')
    .replace(/\r?\n$/, '');
}

async function main(): Promise<number> {
  const args = parseArgs(process.argv.slice(2));
  if (typeof args === 'string') {
    console.error(args);
    return 2;
  }
  if (args.passwordStdin && (!args.email || !args.name)) {
    console.error('With --password-stdin, give --email and --name too.');
    return 2;
  }
  const email = args.email ?? (await ask('Email: '));
  const name = args.name ?? (await ask('Name: '));
  let password: string;
  if (args.passwordStdin) password = await readStdin();
  else {
    password = await ask('Password: ', true);
    if ((await ask('Password again: ', true)) !== password) {
      console.error('The two passwords are not the same.');
      return 1;
    }
  }
  const parsed = Input.safeParse({ email, name, password });
  if (!parsed.success) {
    console.error(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('\n'));
    return 1;
  }
  const options = appDatabaseOptions();
  const database = await openDatabase(options);
  try {
    await migrateDatabase(database, options);
    const db = database.db;
    if (await findUserByEmail(db, parsed.data.email)) {
      console.error(`A user with the email ${normaliseEmail(parsed.data.email)} already exists.`);
      return 1;
    }
    const id = randomUUID();
    await db.insert(users).values({
      id,
      email: normaliseEmail(parsed.data.email),
      name: parsed.data.name.trim(),
      role: 'admin',
      passwordHash: await hashPassword(parsed.data.password),
    });
    console.log(
      `Admin ${normaliseEmail(parsed.data.email)} created (id ${id}) in the ${database.kind} database at ${database.location}.`,
    );
    return 0;
  } finally {
    await database.close();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`users:create-admin failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
