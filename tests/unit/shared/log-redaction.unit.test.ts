// Issue 13 #13: the logger redacts credentials and SQL parameters.
import { Writable } from 'node:stream';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { loggerOptions } from '@/server/log';

function capture() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      lines.push(String(chunk));
      done();
    },
  });
  return { log: pino(loggerOptions('info'), stream), lines };
}

describe('log redaction', () => {
  it('hides passwords, tokens, cookies and authorization headers wherever they sit', () => {
    const { log, lines } = capture();
    log.info(
      {
        password: 'hunter2-hunter2',
        body: { currentPassword: 'old-secret-pw', newPassword: 'new-secret-pw', token: 'lb_abc' },
        headers: { authorization: 'Bearer lb_xyz', cookie: 'leasebook_session=s3cr3t', 'set-cookie': 'a=b' },
        req: { headers: { authorization: 'Bearer lb_req', cookie: 'leasebook_session=req' } },
        inviteToken: 'invite-secret',
      },
      'request',
    );
    const line = lines.join('');
    for (const secret of [
      'hunter2',
      'old-secret',
      'new-secret',
      'lb_abc',
      'lb_xyz',
      's3cr3t',
      'lb_req',
      'invite-secret',
      'a=b',
    ]) {
      expect(line).not.toContain(secret);
    }
    expect(line).toContain('[Redacted]');
  });

  it("hides SQL parameters in an error's fields and in drizzle's message", () => {
    const { log, lines } = capture();
    const error = Object.assign(
      new Error(
        'Failed query: insert into users (email, password_hash) values ($1, $2)\nparams: a@b.c,$argon2id$secret',
      ),
      { params: ['a@b.c', '$argon2id$secret'], query: 'insert into users ...' },
    );
    error.cause = Object.assign(new Error('duplicate key'), { parameters: ['a@b.c'] });
    log.error({ err: error }, 'failed');
    const line = lines.join('');
    expect(line).not.toContain('$argon2id$secret');
    expect(line).not.toContain('a@b.c');
    expect(line).toContain('insert into users');
  });
});
