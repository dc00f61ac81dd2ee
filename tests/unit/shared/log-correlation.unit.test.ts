// Issue 15: every log line written while a request runs carries its correlation id, whichever
// module's logger writes it and however deep in async code; an incoming id is accepted if valid.
import { Writable } from 'node:stream';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { correlationIdFrom, currentCorrelationId, loggerOptions, withCorrelation } from '@/server/log';

function capture() {
  const lines: Record<string, unknown>[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      lines.push(JSON.parse(String(chunk)) as Record<string, unknown>);
      done();
    },
  });
  return { log: pino(loggerOptions('info'), stream), lines };
}

describe('correlation id in logs', () => {
  it('is on every line inside withCorrelation, through awaits and timers, and on none outside', async () => {
    const { log, lines } = capture();
    const billing = log.child({ module: 'billing' });
    log.info('before');
    await withCorrelation('req-12345678', async () => {
      log.info('first');
      await new Promise((resolve) => setTimeout(resolve, 5));
      billing.info({ lease: 'x' }, 'in a child logger');
      await Promise.all([1, 2].map(async (n) => billing.warn({ n }, 'parallel')));
      expect(currentCorrelationId()).toBe('req-12345678');
    });
    log.info('after');
    expect(lines.map((l) => l.correlationId)).toEqual([
      undefined,
      'req-12345678',
      'req-12345678',
      'req-12345678',
      'req-12345678',
      undefined,
    ]);
    expect(currentCorrelationId()).toBeUndefined();
  });

  it('does not write the key twice when a child logger binds it already', async () => {
    const raw: string[] = [];
    const stream = new Writable({
      write(chunk, _encoding, done) {
        raw.push(String(chunk));
        done();
      },
    });
    const log = pino(loggerOptions('info'), stream);
    await withCorrelation('req-abcdefgh', async () => {
      log.child({ correlationId: 'req-abcdefgh' }).info('bound');
    });
    expect(raw[0]?.match(/"correlationId"/g)).toHaveLength(1);
  });

  it('two requests at once keep their own ids', async () => {
    const { log, lines } = capture();
    await Promise.all(
      ['req-aaaaaaaa', 'req-bbbbbbbb'].map((id) =>
        withCorrelation(id, async () => {
          for (let i = 0; i < 3; i += 1) {
            await new Promise((resolve) => setTimeout(resolve, 1));
            log.info({ id }, 'step');
          }
        }),
      ),
    );
    for (const line of lines) expect(line.correlationId).toBe(line.id);
  });

  it('takes a valid incoming header, else makes a uuid', () => {
    const headers = (pairs: Record<string, string>) => new Headers(pairs);
    expect(correlationIdFrom(headers({ 'x-request-id': 'abc-123_4.5:6' }))).toBe('abc-123_4.5:6');
    expect(correlationIdFrom(headers({ 'correlation-id': 'trace-0001' }))).toBe('trace-0001');
    expect(correlationIdFrom(headers({ 'x-correlation-id': 'corr-00000001' }))).toBe('corr-00000001');
    for (const bad of ['short', 'with space inside', 'a'.repeat(129), 'quote"quote"', '<script>x</script>']) {
      expect(correlationIdFrom(headers({ 'x-request-id': bad }))).toMatch(
        /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/,
      );
    }
  });
});
