// Pure parts of the notification channels: retry backoff, Retry-After, Standard Webhooks signing
// (checked with the reference verifier), and how amounts and dates read in a message.
import { Webhook } from 'standardwebhooks';
import { describe, expect, it } from 'vitest';
import { backoffMs, retryAfterMs } from '@/server/notifications/backoff';
import { newWebhookSecret, webhookHeaders } from '@/server/notifications/webhooks/signing';
import { dollars, idOfStream, longDate } from '@/server/notifications/wording';

describe('backoff', () => {
  it('doubles from the base up to the maximum, within ±20 %', () => {
    const exact = (attempts: number) => backoffMs(attempts, 1_000, 30_000, () => 0.5);
    expect([1, 2, 3, 4, 5, 6, 7].map(exact)).toEqual([1_000, 2_000, 4_000, 8_000, 16_000, 30_000, 30_000]);
    expect(backoffMs(1, 1_000, 30_000, () => 0)).toBe(800);
    expect(backoffMs(1, 1_000, 30_000, () => 1)).toBe(1_200);
  });

  it('reads Retry-After as seconds or as an HTTP date', () => {
    const now = Date.parse('2026-12-01T12:00:00Z');
    expect(retryAfterMs('120', now)).toBe(120_000);
    expect(retryAfterMs('Tue, 01 Dec 2026 12:00:30 GMT', now)).toBe(30_000);
    expect(retryAfterMs('soon', now)).toBeNull();
    expect(retryAfterMs(null, now)).toBeNull();
  });
});

describe('webhook signing', () => {
  it('makes a whsec_ secret of 32 random bytes', () => {
    const secret = newWebhookSecret();
    expect(secret).toMatch(/^whsec_/);
    expect(Buffer.from(secret.slice(6), 'base64')).toHaveLength(32);
    expect(newWebhookSecret()).not.toBe(secret);
  });

  it('signs so that the Standard Webhooks reference verifier accepts it, and only with that secret', () => {
    const secret = newWebhookSecret();
    const body = JSON.stringify({
      eventId: 'e1',
      eventType: 'PaymentReceived',
      data: { amountCents: 120_000 },
    });
    const headers = webhookHeaders(secret, {
      eventId: '6f1b0de9-f99a-466a-8553-16a0e7307feb',
      eventType: 'PaymentReceived',
      body,
    });
    expect(headers['webhook-signature']).toMatch(/^v1,[A-Za-z0-9+/]+=*$/);
    expect(headers['leasebook-event-type']).toBe('PaymentReceived');
    expect(new Webhook(secret).verify(body, headers)).toMatchObject({ eventType: 'PaymentReceived' });
    expect(() => new Webhook(newWebhookSecret()).verify(body, headers)).toThrow();
    expect(() => new Webhook(secret).verify(`${body} `, headers)).toThrow();
  });
});

describe('wording', () => {
  it('writes amounts in dollars and dates in words', () => {
    expect(dollars(120_000)).toBe('$1,200.00');
    expect(dollars(5)).toBe('$0.05');
    expect(longDate('2026-12-01')).toBe('December 1, 2026');
    expect(longDate('2027-01')).toBe('January 2027');
  });

  it('takes the uuid out of a stream id, and nothing else', () => {
    expect(idOfStream('lease-6f1b0de9-f99a-466a-8553-16a0e7307feb', 'lease')).toBe(
      '6f1b0de9-f99a-466a-8553-16a0e7307feb',
    );
    expect(idOfStream('lease-not-a-uuid', 'lease')).toBeNull();
    expect(idOfStream('property-6f1b0de9-f99a-466a-8553-16a0e7307feb', 'lease')).toBeNull();
  });
});
