/*
 * Property: whatever officials do to a case, in whatever order and on whatever dates, no sondage
 * answer, issue or denial is ever recorded while the case is on hold. The hold is tracked here
 * from the recorded PutOnHold and Released events themselves, not with the domain's state, so
 * that a fold that forgot a hold shows too.
 */
import fc from 'fast-check';
import { DUTCH_VALIDITY_POLICY } from '../policy/validity-policy';
import { DomainError } from '../shared/domain-error';
import { addDays } from '../shared/local-date';
import type { LocalDate } from '../shared/local-date';
import { ASSESSMENT, caseDetails } from '../testing/case-events';
import { instant } from '../testing/given-when-then';
import type { LicenceCommand } from './licence.commands';
import { decide } from './licence.decider';
import type { LicenceEventType } from './licence.events';
import { evolve } from './licence.state';
import type { LicenceState } from './licence.state';
import type { Official } from './licence.values';

const OFFICIALS: readonly Official[] = [
  { sub: 'intake-1', role: 'intake' },
  { sub: 'assessor-1', role: 'assessor' },
  { sub: 'assessor-2', role: 'assessor' },
  { sub: 'senior-1', role: 'senior-assessor' },
];
const MEASURES = ['m-tr', 'm-ru'] as const;
const evidence = [{ title: 'Report', source: 'UN', date: '2023-12-01' as LocalDate, reference: 'S/1' }];
const HELD_DECISIONS: readonly LicenceEventType[] = ['SondageAnswered', 'Issued', 'Denied'];
const DECISION_COMMANDS: readonly LicenceCommand['type'][] = ['AnswerSondage', 'IssueLicence', 'DenyLicence'];

const step: fc.Arbitrary<LicenceCommand> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.constant<LicenceCommand>({ type: 'HoldCase', reason: 'Situation in the country' }),
  },
  {
    weight: 3,
    arbitrary: fc
      .constantFrom(...MEASURES)
      .map<LicenceCommand>((measureId) => ({ type: 'HoldCase', reason: 'Country measure', measureId })),
  },
  { weight: 3, arbitrary: fc.constant<LicenceCommand>({ type: 'ReleaseCase', reason: 'Assessed' }) },
  {
    weight: 3,
    arbitrary: fc
      .constantFrom(...MEASURES)
      .map<LicenceCommand>((measureId) => ({ type: 'ReleaseCase', reason: 'Measure lifted', measureId })),
  },
  {
    weight: 3,
    arbitrary: fc
      .constantFrom<'positive' | 'negative'>('positive', 'negative')
      .map<LicenceCommand>((outcome) => ({
        type: 'AnswerSondage',
        outcome,
        reasoning: 'Assessed',
        criteria: outcome === 'negative' ? [2] : [],
      })),
  },
  { weight: 2, arbitrary: fc.constant<LicenceCommand>({ type: 'ApplyAfterSondage' }) },
  { weight: 4, arbitrary: fc.constant<LicenceCommand>({ type: 'IssueLicence', assessment: ASSESSMENT }) },
  {
    weight: 3,
    arbitrary: fc.constant<LicenceCommand>({ type: 'DenyLicence', criteria: [2], reasoning: 'Risk' }),
  },
  { weight: 1, arbitrary: fc.constant<LicenceCommand>({ type: 'WithdrawCase', reason: 'Withdrawn' }) },
  { weight: 1, arbitrary: fc.constant<LicenceCommand>({ type: 'ExtendLicence', reassessment: ASSESSMENT }) },
  {
    weight: 1,
    arbitrary: fc.constant<LicenceCommand>({
      type: 'SuspendLicence',
      criteria: [2],
      evidence,
      reasons: 'Risk',
    }),
  },
  { weight: 1, arbitrary: fc.constant<LicenceCommand>({ type: 'ReinstateLicence', reason: 'Cleared' }) },
  {
    weight: 1,
    arbitrary: fc.constant<LicenceCommand>({
      type: 'ReassessLicence',
      assessment: ASSESSMENT,
      outcome: 'maintained',
    }),
  },
);

const scenario = fc.record({
  procedure: fc.constantFrom<'sondage' | 'application'>('sondage', 'application'),
  steps: fc.array(
    fc.record({
      command: step,
      official: fc.constantFrom(...OFFICIALS),
      daysLater: fc.integer({ min: 0, max: 60 }),
    }),
    { minLength: 1, maxLength: 30 },
  ),
});

describe('no decision on a case on hold (property)', () => {
  it('records no sondage answer, issue or denial while a hold recorded on the case is in force', () => {
    const seen = { holds: 0, attemptsWhileHeld: 0, refusedOnHold: 0, decisionsAfterRelease: 0 };
    fc.assert(
      fc.property(scenario, ({ procedure, steps }) => {
        const registeredOn = '2024-01-02' as LocalDate;
        const register: LicenceCommand = {
          type: 'RegisterCase',
          caseId: 'c-1',
          procedure,
          details: caseDetails(),
        };
        let state: LicenceState = undefined;
        let on = registeredOn;
        // Holds in force, by measure (null: the case's own), as the recorded events say.
        const held = new Set<string | null>();
        let released = false;
        const take = (command: LicenceCommand, actor: Official) => {
          const heldNow = held.size > 0;
          if (heldNow && DECISION_COMMANDS.includes(command.type)) seen.attemptsWhileHeld += 1;
          let events;
          try {
            events = decide(command, state, { now: instant(on), actor }, DUTCH_VALIDITY_POLICY);
          } catch (error) {
            if (!(error instanceof DomainError)) throw error;
            if (error.code === 'CASE_ON_HOLD') {
              expect(heldNow).toBe(true);
              seen.refusedOnHold += 1;
            }
            return;
          }
          for (const event of events) {
            expect(HELD_DECISIONS.includes(event.type) && held.size > 0).toBe(false);
            if (HELD_DECISIONS.includes(event.type) && released) seen.decisionsAfterRelease += 1;
            if (event.type === 'PutOnHold') {
              held.add(event.data.measureId);
              seen.holds += 1;
            }
            if (event.type === 'Released') {
              held.delete(event.data.measureId);
              released = true;
            }
            state = evolve(state, event);
          }
        };
        take(register, OFFICIALS[0] as Official);
        for (const s of steps) {
          on = addDays(on, s.daysLater);
          take(s.command, s.official);
        }
      }),
      // A fixed seed keeps the counts below stable from run to run; 1,000 cases explore enough.
      { numRuns: 1000, seed: 13 },
    );
    // The run must reach holds and decisions tried on held cases, or it would prove nothing.
    expect(seen.holds).toBeGreaterThan(300);
    expect(seen.attemptsWhileHeld).toBeGreaterThan(300);
    // Some are refused earlier for the case's status (an issue of a sondage); many for the hold.
    expect(seen.refusedOnHold).toBeGreaterThan(150);
    expect(seen.decisionsAfterRelease).toBeGreaterThan(10);
  });
});
