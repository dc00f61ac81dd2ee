// The payment command in process: closed loops of one worker per lease, and bursts of concurrent
// payments on one lease. Every payment is a fresh command (unique idempotency key).
import type { Runtime } from '../server/runtime';
import { payRent } from './command-path';
import { type LatencySummary, latencySummary } from './lib/stats';

export interface PaymentSample extends LatencySummary {
  ok: number;
  /** Failed payments by error code. */
  errors: Record<string, number>;
  seconds: number;
  /** Successful payments per second. */
  throughput: number;
}

const firstMessages = new Map<string, string>();

/** The error codes seen, with the first message of each (printed once at the end). */
export const paymentErrorMessages = (): ReadonlyMap<string, string> => firstMessages;

function codeOf(error: unknown): string {
  const e = error as { code?: unknown; name?: unknown; message?: unknown } | null;
  const code = typeof e?.code === 'string' ? e.code : typeof e?.name === 'string' ? e.name : 'error';
  if (!firstMessages.has(code)) firstMessages.set(code, String(e?.message ?? error).slice(0, 300));
  return code;
}

class Recorder {
  readonly latencies: number[] = [];
  readonly errors: Record<string, number> = {};
  readonly started = performance.now();

  async pay(runtime: Runtime, leaseId: string): Promise<void> {
    const t0 = performance.now();
    try {
      await payRent(runtime, leaseId, 100);
      this.latencies.push(performance.now() - t0);
    } catch (error) {
      const code = codeOf(error);
      this.errors[code] = (this.errors[code] ?? 0) + 1;
    }
  }

  sample(): PaymentSample {
    const seconds = (performance.now() - this.started) / 1000;
    return {
      ok: this.latencies.length,
      errors: this.errors,
      seconds,
      throughput: this.latencies.length / seconds,
      ...latencySummary(this.latencies),
    };
  }
}

/** One closed-loop worker per lease, all for `seconds`. */
export async function paymentsPerLease(
  runtime: Runtime,
  leaseIds: readonly string[],
  seconds: number,
): Promise<PaymentSample> {
  const recorder = new Recorder();
  const until = recorder.started + seconds * 1000;
  await Promise.all(
    leaseIds.map(async (leaseId) => {
      while (performance.now() < until) await recorder.pay(runtime, leaseId);
    }),
  );
  return recorder.sample();
}

/** Bursts of `burst` simultaneous payments on one lease, one burst after another, for `seconds`. */
export async function paymentBursts(
  runtime: Runtime,
  leaseId: string,
  burst: number,
  seconds: number,
  minBursts = 2,
): Promise<PaymentSample & { bursts: number }> {
  const recorder = new Recorder();
  const until = recorder.started + seconds * 1000;
  let bursts = 0;
  while (bursts < minBursts || performance.now() < until) {
    await Promise.all(Array.from({ length: burst }, () => recorder.pay(runtime, leaseId)));
    bursts++;
  }
  return { ...recorder.sample(), bursts };
}
