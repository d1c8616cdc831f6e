/*
 * Emmett-style specification helper for the licence decider (tests only; not exported from
 * the library's index):
 *
 *   given(applied(), issued()).when(extend(), '2025-06-01').then([...expected events]);
 *   given().when(issue()).thenThrows('CASE_NOT_FOUND', 'not-found');
 *   given(...issued, proposed).by(SENIOR).when(approve()).then([...]);
 *
 * `by` names the deciding official; without it the command is decided by DEFAULT_ACTOR.
 * The state is the fold of `evolve` over the given events. `at` is the instant of decision:
 * a `Date`, an ISO instant, or a calendar date `YYYY-MM-DD`, read as 12:00 UTC that day
 * (13:00 or 14:00 in Amsterdam, so the decision date is that same date).
 */
import { decide } from '../licence/licence.decider';
import type { LicenceCommand } from '../licence/licence.commands';
import type { LicenceEvent } from '../licence/licence.events';
import { evolve, initialLicenceState } from '../licence/licence.state';
import type { LicenceState } from '../licence/licence.state';
import type { Official } from '../licence/licence.values';
import { DUTCH_VALIDITY_POLICY } from '../policy/validity-policy';
import type { ValidityPolicy } from '../policy/validity-policy';
import { DomainError } from '../shared/domain-error';
import type { DomainErrorKind } from '../shared/domain-error';

/** The instant a command is decided at when a test does not say: decision date 2024-11-28. */
export const DEFAULT_AT = '2024-11-28T10:00:00Z';

/** Who decides when a test does not say. */
export const DEFAULT_ACTOR: Official = { sub: 'official-of-the-test', role: 'assessor' };

export function instant(at: string | Date): Date {
  if (at instanceof Date) return at;
  return new Date(/^\d{4}-\d{2}-\d{2}$/.test(at) ? `${at}T12:00:00Z` : at);
}

/** The state after the events, folded from the empty stream. */
export function stateAfter(...events: LicenceEvent[]): LicenceState {
  return events.reduce<LicenceState>((state, event) => evolve(state, event), initialLicenceState);
}

export interface Outcome {
  /** The decided events equal `expected` (asymmetric matchers allowed). */
  then(expected: LicenceEvent[]): LicenceEvent[];
  /** The command is refused with a DomainError of this code (and kind, when given); the error is returned. */
  thenThrows(code: string, kind?: DomainErrorKind): DomainError;
  /** The state after the given events and the decided ones. */
  thenState(): LicenceState;
}

export interface Given {
  readonly state: LicenceState;
  /** The same case, with commands decided by `actor`. */
  by(actor: Official): Given;
  when(command: LicenceCommand, at?: string | Date, policy?: ValidityPolicy): Outcome;
}

export function given(...events: LicenceEvent[]): Given {
  return givenBy(DEFAULT_ACTOR, events);
}

function givenBy(actor: Official, events: LicenceEvent[]): Given {
  const state = stateAfter(...events);
  return {
    state,
    by: (other) => givenBy(other, events),
    when(command, at = DEFAULT_AT, policy = DUTCH_VALIDITY_POLICY): Outcome {
      const run = (): LicenceEvent[] => decide(command, state, { now: instant(at), actor }, policy);
      return {
        then(expected) {
          const actual = run();
          expect(actual).toEqual(expected);
          return actual;
        },
        thenThrows(code, kind) {
          let thrown: unknown;
          let decided: LicenceEvent[] | undefined;
          try {
            decided = run();
          } catch (error) {
            thrown = error;
          }
          expect(decided).toBeUndefined();
          expect(thrown).toBeInstanceOf(DomainError);
          const error = thrown as DomainError;
          expect(error.code).toBe(code);
          if (kind !== undefined) expect(error.kind).toBe(kind);
          return error;
        },
        thenState() {
          return stateAfter(...events, ...run());
        },
      };
    },
  };
}
