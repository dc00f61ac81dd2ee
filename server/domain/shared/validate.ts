// Guards deciders run on their own inputs: handlers parse commands with zod first, but a
// decider must not trust that, or a bad value would become a permanent event.
import type { z } from 'zod';
import { isIsoDate } from './dates';
import { DomainError, type DomainErrorCode } from './errors';
import { isCents, isPositiveCents, isRentCents } from './money';

export function requireDate(value: unknown, field: string): string {
  if (!isIsoDate(value)) {
    throw new DomainError('invalid_input', `Enter a real calendar date (YYYY-MM-DD) for ${field}.`, field);
  }
  return value;
}

export function requireOptionalDate(value: unknown, field: string): string | undefined {
  return value === undefined ? undefined : requireDate(value, field);
}

type AmountRule = {
  code: DomainErrorCode;
  field: string;
  message: string;
  allowZero?: boolean;
  /** A rent (monthly or market): at most MAX_RENT_CENTS. */
  rent?: boolean;
};

export function requireCents(value: unknown, rule: AmountRule): number {
  const ok = rule.rent ? isRentCents(value) : rule.allowZero ? isCents(value) : isPositiveCents(value);
  if (!ok) throw new DomainError(rule.code, rule.message, rule.field);
  return value as number;
}

export function requireText(value: unknown, rule: { code: DomainErrorCode; field: string; message: string }) {
  if (typeof value !== 'string' || value.trim() === '') {
    throw new DomainError(rule.code, rule.message, rule.field);
  }
  return value.trim();
}

/**
 * Parse untrusted input with a command schema; a failure becomes `invalid_input` naming
 * the first bad field, so every door (form, API, CLI) reports it the same way.
 */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const field = issue?.path.map(String).join('.') || undefined;
  const detail = issue?.message ?? 'The input is not valid.';
  throw new DomainError('invalid_input', field ? `${field}: ${detail}` : detail, field);
}
