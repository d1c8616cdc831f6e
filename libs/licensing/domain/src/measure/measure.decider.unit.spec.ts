import type { Official } from '../licence/licence.values';
import { DomainError } from '../shared/domain-error';
import type { DomainErrorKind } from '../shared/domain-error';
import type { MeasureCommand } from './measure.commands';
import { decideMeasure } from './measure.decider';
import type { MeasureEvent } from './measure.events';
import {
  evolveMeasure,
  initialMeasureState,
  pendingExecution,
  remainingCases,
  stepCount,
} from './measure.state';
import type { Measure, MeasureState } from './measure.state';

const PROPOSER: Official = { sub: 'senior-a', role: 'senior-assessor' };
const SECOND: Official = { sub: 'senior-b', role: 'senior-assessor' };
const EXECUTOR: Official = SECOND;
const AT = new Date('2024-11-28T10:00:00Z');

const PROPOSE: MeasureCommand = {
  type: 'ProposeMeasure',
  measureId: 'm-1',
  destination: 'TR',
  legalGround: 'Kamerstuk 22054-316',
  reasons: 'Military operation in north-east Syria',
};

/** Given the events decided by these commands in turn, each by its official. */
function given(...steps: [MeasureCommand, Official][]) {
  const events: MeasureEvent[] = [];
  let state: MeasureState = initialMeasureState;
  for (const [command, actor] of steps) {
    for (const event of decideMeasure(command, state, { now: AT, actor })) {
      events.push(event);
      state = evolveMeasure(state, event);
    }
  }
  return {
    state,
    when: (command: MeasureCommand, actor: Official) => ({
      then: () => decideMeasure(command, state, { now: AT, actor }),
      thenThrows(code: string, kind: DomainErrorKind): void {
        let thrown: unknown;
        try {
          decideMeasure(command, state, { now: AT, actor });
        } catch (error) {
          thrown = error;
        }
        expect(thrown).toBeInstanceOf(DomainError);
        expect((thrown as DomainError).code).toBe(code);
        expect((thrown as DomainError).kind).toBe(kind);
      },
      thenState: () =>
        decideMeasure(command, state, { now: AT, actor }).reduce(evolveMeasure, state) as Measure,
    }),
  };
}

const proposed: [MeasureCommand, Official] = [PROPOSE, PROPOSER];
const approved: [MeasureCommand, Official] = [{ type: 'ApproveMeasure' }, SECOND];
const worklist = (holds: string[], reassessments: string[]): [MeasureCommand, Official] => [
  { type: 'FixMeasureWorklist', holds, reassessments },
  EXECUTOR,
];
const progress = (
  step: 'hold' | 'reassessment' | 'release',
  done: string[],
  notApplicable: string[] = [],
): [MeasureCommand, Official] => [
  {
    type: 'RecordMeasureProgress',
    step,
    done,
    notApplicable: notApplicable.map((caseId) => ({ caseId, status: 'issued' })),
  },
  EXECUTOR,
];

describe('proposing a country measure', () => {
  it('records the destination, legal ground and reasons with the proposer', () => {
    expect(given().when(PROPOSE, PROPOSER).then()).toEqual([
      {
        type: 'MeasureProposed',
        data: {
          measureId: 'm-1',
          destination: 'TR',
          legalGround: 'Kamerstuk 22054-316',
          reasons: 'Military operation in north-east Syria',
          proposedBy: PROPOSER,
          decisionDate: '2024-11-28',
        },
      },
    ]);
  });

  it('refuses a destination that is no ISO country code', () => {
    given()
      .when({ ...PROPOSE, destination: 'XX' }, PROPOSER)
      .thenThrows('UNKNOWN_COUNTRY', 'rule-violation');
  });

  it('refuses a measure without a legal ground', () => {
    given()
      .when({ ...PROPOSE, legalGround: '  ' }, PROPOSER)
      .thenThrows('REQUIRED_TEXT_MISSING', 'rule-violation');
  });

  it('refuses a second proposal under the same id', () => {
    given(proposed).when(PROPOSE, SECOND).thenThrows('MEASURE_ALREADY_PROPOSED', 'forbidden-transition');
  });
});

describe('the approval rule: a second senior assessor approves or rejects', () => {
  it('approves when another official than the proposer asks', () => {
    expect(given(proposed).when({ type: 'ApproveMeasure' }, SECOND).then()).toEqual([
      { type: 'MeasureApproved', data: { approvedBy: SECOND, decisionDate: '2024-11-28' } },
    ]);
  });

  it('refuses the proposer as approver', () => {
    given(proposed)
      .when({ type: 'ApproveMeasure' }, PROPOSER)
      .thenThrows('MEASURE_APPROVER_IS_PROPOSER', 'separation-of-duties');
  });

  it('refuses the proposer also when acting in another role', () => {
    given(proposed)
      .when({ type: 'ApproveMeasure' }, { sub: PROPOSER.sub, role: 'oversight' })
      .thenThrows('MEASURE_APPROVER_IS_PROPOSER', 'separation-of-duties');
  });

  it('refuses the proposer as rejecter, who could otherwise withdraw it unseen', () => {
    given(proposed)
      .when({ type: 'RejectMeasure', reason: 'Changed my mind' }, PROPOSER)
      .thenThrows('MEASURE_APPROVER_IS_PROPOSER', 'separation-of-duties');
  });

  it('a rejected measure cannot be approved any more', () => {
    given(proposed, [{ type: 'RejectMeasure', reason: 'Not proportionate' }, SECOND])
      .when({ type: 'ApproveMeasure' }, SECOND)
      .thenThrows('MEASURE_APPROVE_NOT_ALLOWED', 'forbidden-transition');
  });

  it('an unknown measure is not found', () => {
    given().when({ type: 'ApproveMeasure' }, SECOND).thenThrows('MEASURE_NOT_FOUND', 'not-found');
  });
});

describe('lifting', () => {
  it('lifts an approved measure only', () => {
    given(proposed)
      .when({ type: 'LiftMeasure', reason: 'Situation normalised' }, SECOND)
      .thenThrows('MEASURE_LIFT_NOT_ALLOWED', 'forbidden-transition');
    const lifted = given(proposed, approved)
      .when({ type: 'LiftMeasure', reason: 'Normalised' }, PROPOSER)
      .thenState();
    expect(lifted.status).toBe('lifted');
    expect(lifted.liftedBy).toEqual(PROPOSER);
  });
});

describe('execution: every case of the work list exactly once', () => {
  it('fixes the work list once, right after approval', () => {
    given(proposed)
      .when(worklist(['c1'], [])[0], EXECUTOR)
      .thenThrows('MEASURE_WORKLIST_NOT_ALLOWED', 'forbidden-transition');
    given(proposed, approved, worklist(['c1'], []))
      .when(worklist(['c2'], [])[0], EXECUTOR)
      .thenThrows('MEASURE_WORKLIST_ALREADY_FIXED', 'forbidden-transition');
  });

  it('refuses to record a case twice, or a case not on the list', () => {
    const run = given(proposed, approved, worklist(['c1', 'c2'], ['l1']), progress('hold', ['c1']));
    run
      .when(progress('hold', ['c1'])[0], EXECUTOR)
      .thenThrows('MEASURE_CASE_ALREADY_RECORDED', 'forbidden-transition');
    run
      .when(progress('hold', ['c2', 'c2'])[0], EXECUTOR)
      .thenThrows('MEASURE_CASE_ALREADY_RECORDED', 'forbidden-transition');
    run
      .when(progress('hold', ['l1'])[0], EXECUTOR)
      .thenThrows('MEASURE_CASE_NOT_ON_WORKLIST', 'rule-violation');
  });

  it('is complete only when every case is done or found not applicable', () => {
    const partway = given(
      proposed,
      approved,
      worklist(['c1', 'c2'], ['l1']),
      progress('hold', ['c1'], ['c2']),
    );
    partway
      .when({ type: 'CompleteMeasureExecution' }, EXECUTOR)
      .thenThrows('MEASURE_EXECUTION_INCOMPLETE', 'forbidden-transition');
    expect(remainingCases(partway.state as Measure, 'reassessment')).toEqual(['l1']);
    const done = given(
      proposed,
      approved,
      worklist(['c1', 'c2'], ['l1']),
      progress('hold', ['c1'], ['c2']),
      progress('reassessment', ['l1']),
    )
      .when({ type: 'CompleteMeasureExecution' }, EXECUTOR)
      .thenState();
    expect(done.executedOn).toBe('2024-11-28');
    expect(stepCount(done, 'hold')).toEqual({ done: 1, total: 2, notApplicable: 1 });
    expect(pendingExecution(done)).toBeUndefined();
  });

  it('after a lift, releases exactly the cases the measure held', () => {
    const lifted = given(
      proposed,
      approved,
      worklist(['c1', 'c2'], []),
      progress('hold', ['c1'], ['c2']),
      [{ type: 'CompleteMeasureExecution' }, EXECUTOR],
      [{ type: 'LiftMeasure', reason: 'Normalised' }, PROPOSER],
    );
    expect(pendingExecution(lifted.state as Measure)).toBe('lift');
    expect(remainingCases(lifted.state as Measure, 'release')).toEqual(['c1']);
    lifted
      .when(progress('release', ['c2'])[0], EXECUTOR)
      .thenThrows('MEASURE_CASE_NOT_ON_WORKLIST', 'rule-violation');
    lifted
      .when({ type: 'CompleteMeasureLift' }, EXECUTOR)
      .thenThrows('MEASURE_EXECUTION_INCOMPLETE', 'forbidden-transition');
  });

  it('releases nothing before the measure is lifted', () => {
    given(proposed, approved, worklist(['c1'], []), progress('hold', ['c1']), [
      { type: 'CompleteMeasureExecution' },
      EXECUTOR,
    ])
      .when(progress('release', ['c1'])[0], EXECUTOR)
      .thenThrows('MEASURE_RELEASE_NOT_ALLOWED', 'forbidden-transition');
  });
});
