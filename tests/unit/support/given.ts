// Given/when/then over a decider: fold the given events, decide the command, compare
// the outcome with the expected events or the expected DomainError code.
import { expect } from 'vitest';
import type { Ctx } from '@/server/domain/shared/ctx';
import { isDomainError } from '@/server/domain/shared/errors';
import type { Decider } from '@/server/domain/shared/event';

/** Ids are `00000000-0000-4000-8000-<n>`: valid UUIDs that tests can predict. */
export const testId = (n: number): string => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

/** A fixed clock (noon UTC on `today`) and ids counting up from `firstId`. */
export function testCtx(today = '2027-03-15', firstId = 1001): Ctx {
  let next = firstId;
  return { now: new Date(`${today}T12:00:00.000Z`), newId: () => testId(next++) };
}

export function givenFor<C, E, S>(decider: Decider<C, E, S>) {
  return function given(events: E[]) {
    const state = events.reduce(decider.evolve, decider.initialState);
    return {
      state,
      when(command: C, ctx: Ctx = testCtx()) {
        let outcome: { events: E[] } | { error: unknown };
        try {
          outcome = { events: decider.decide(command, state, ctx) };
        } catch (error) {
          outcome = { error };
        }
        const produced = (): E[] => {
          if ('events' in outcome) return outcome.events;
          throw outcome.error;
        };
        return {
          // biome-ignore lint/suspicious/noThenProperty: given/when/then is the vocabulary these tests are written in.
          then(expected: E[]) {
            expect(produced()).toEqual(expected);
          },
          /** Compare only the listed fields of each event (ids left out on purpose). */
          thenMatch(expected: unknown[]) {
            expect(produced()).toMatchObject(expected);
            expect(produced()).toHaveLength(expected.length);
          },
          thenThrows(code: string) {
            if ('events' in outcome) {
              throw new Error(`Expected ${code} but got ${JSON.stringify(outcome.events)}`);
            }
            const { error } = outcome;
            if (!isDomainError(error)) throw error;
            expect(error.code).toBe(code);
            expect(error.message).toMatch(/^[A-Z].*[.)]$/);
          },
          events: produced,
          /** The state after the given events and the produced ones. */
          state: (): S => produced().reduce(decider.evolve, state),
        };
      },
    };
  };
}
