import { isIsoCountryCode } from '../countries';
import { requireText } from '../licence/licence.rules';
import type { Official } from '../licence/licence.values';
import { DomainError, forbiddenTransition, ruleViolation, separationOfDuties } from '../shared/domain-error';
import { amsterdamDateOf } from '../shared/local-date';
import type { LocalDate } from '../shared/local-date';
import type {
  MeasureCommand,
  MeasureDecisionContext,
  MeasureStep,
  RecordMeasureProgress,
} from './measure.commands';
import { MEASURE_STEPS } from './measure.commands';
import type { MeasureEvent } from './measure.events';
import { recordedCases, remainingCases, stepCases } from './measure.state';
import type { Measure, MeasureState, MeasureStatus } from './measure.state';

/*
 * A measure takes two senior assessors, as a revocation does: the one who proposed it neither
 * approves nor rejects it, in whatever role they act (officials are told apart by `sub`).
 */

function existing(state: MeasureState): Measure {
  if (!state) throw new DomainError('MEASURE_NOT_FOUND', 'not-found', 'No such measure');
  return state;
}

function requireMeasureStatus(
  measure: Measure,
  allowed: readonly MeasureStatus[],
  code: string,
  step: string,
): void {
  if (allowed.includes(measure.status)) return;
  throw forbiddenTransition(
    code,
    `A measure can be ${step} only when ${allowed.join(' or ')}; it is ${measure.status}`,
    {
      measureStatus: measure.status,
      allowedFrom: allowed,
    },
  );
}

function requireSecondOfficial(measure: Measure, actor: Official, step: 'approve' | 'reject'): void {
  if (measure.proposedBy.sub !== actor.sub) return;
  throw separationOfDuties(
    'MEASURE_APPROVER_IS_PROPOSER',
    `${actor.sub} proposed this measure and cannot ${step} it; another senior assessor must`,
    { official: actor.sub, proposedOn: measure.proposedOn },
  );
}

function checkProgress(measure: Measure, command: RecordMeasureProgress): void {
  if (!(MEASURE_STEPS as readonly string[]).includes(command.step)) {
    throw ruleViolation('UNKNOWN_MEASURE_STEP', `step must be one of ${MEASURE_STEPS.join(', ')}`, {
      field: 'step',
    });
  }
  if (!measure.worklist) {
    throw forbiddenTransition('MEASURE_WORKLIST_NOT_FIXED', 'The measure has no work list yet');
  }
  if (command.step === 'release' && (measure.status !== 'lifted' || !measure.executedOn)) {
    throw forbiddenTransition(
      'MEASURE_RELEASE_NOT_ALLOWED',
      'Holds are released only once the measure is lifted and its approval fully executed',
      { measureStatus: measure.status },
    );
  }
  const covered = new Set(stepCases(measure, command.step));
  const recorded = recordedCases(measure, command.step);
  const seen = new Set<string>();
  for (const caseId of [...command.done, ...command.notApplicable.map((c) => c.caseId)]) {
    if (!covered.has(caseId)) {
      throw ruleViolation(
        'MEASURE_CASE_NOT_ON_WORKLIST',
        `Case ${caseId} is not on the ${command.step} list`,
        {
          caseId,
          step: command.step,
        },
      );
    }
    if (recorded.has(caseId) || seen.has(caseId)) {
      throw forbiddenTransition(
        'MEASURE_CASE_ALREADY_RECORDED',
        `Case ${caseId} is recorded for the ${command.step} step already`,
        { caseId, step: command.step },
      );
    }
    seen.add(caseId);
  }
}

function requireComplete(measure: Measure, steps: readonly MeasureStep[]): void {
  const missing = steps.flatMap((step) => remainingCases(measure, step).map((caseId) => ({ step, caseId })));
  if (missing.length === 0) return;
  throw forbiddenTransition(
    'MEASURE_EXECUTION_INCOMPLETE',
    `${missing.length} case(s) of the measure are neither done nor found not applicable`,
    { missing: missing.length, first: missing[0] },
  );
}

function decideOn(
  command: MeasureCommand,
  state: MeasureState,
  actor: Official,
  on: LocalDate,
): MeasureEvent[] {
  switch (command.type) {
    case 'ProposeMeasure': {
      if (state) {
        throw forbiddenTransition('MEASURE_ALREADY_PROPOSED', `Measure ${command.measureId} exists already`);
      }
      requireText(command.measureId, 'measureId');
      if (typeof command.destination !== 'string' || !isIsoCountryCode(command.destination)) {
        throw ruleViolation(
          'UNKNOWN_COUNTRY',
          `destination must be an ISO 3166-1 alpha-2 country code, not ${String(command.destination)}`,
          { field: 'destination' },
        );
      }
      requireText(command.legalGround, 'legalGround');
      requireText(command.reasons, 'reasons');
      const { measureId, destination, legalGround, reasons } = command;
      return [
        {
          type: 'MeasureProposed',
          data: { measureId, destination, legalGround, reasons, proposedBy: actor, decisionDate: on },
        },
      ];
    }
    case 'ApproveMeasure': {
      const measure = existing(state);
      requireMeasureStatus(measure, ['proposed'], 'MEASURE_APPROVE_NOT_ALLOWED', 'approved');
      requireSecondOfficial(measure, actor, 'approve');
      return [{ type: 'MeasureApproved', data: { approvedBy: actor, decisionDate: on } }];
    }
    case 'RejectMeasure': {
      const measure = existing(state);
      requireMeasureStatus(measure, ['proposed'], 'MEASURE_REJECT_NOT_ALLOWED', 'rejected');
      requireSecondOfficial(measure, actor, 'reject');
      requireText(command.reason, 'reason');
      return [
        { type: 'MeasureRejected', data: { reason: command.reason, rejectedBy: actor, decisionDate: on } },
      ];
    }
    case 'LiftMeasure': {
      const measure = existing(state);
      requireMeasureStatus(measure, ['approved'], 'MEASURE_LIFT_NOT_ALLOWED', 'lifted');
      requireText(command.reason, 'reason');
      return [{ type: 'MeasureLifted', data: { reason: command.reason, liftedBy: actor, decisionDate: on } }];
    }
    case 'FixMeasureWorklist': {
      const measure = existing(state);
      requireMeasureStatus(measure, ['approved', 'lifted'], 'MEASURE_WORKLIST_NOT_ALLOWED', 'executed');
      if (measure.worklist) {
        throw forbiddenTransition('MEASURE_WORKLIST_ALREADY_FIXED', 'The work list was fixed once already', {
          fixedOn: measure.worklist.fixedOn,
        });
      }
      const holds = [...new Set(command.holds)];
      const reassessments = [...new Set(command.reassessments)];
      return [{ type: 'MeasureWorklistFixed', data: { holds, reassessments, decisionDate: on } }];
    }
    case 'RecordMeasureProgress': {
      const measure = existing(state);
      checkProgress(measure, command);
      const { step, done, notApplicable } = command;
      return [{ type: 'MeasureProgressed', data: { step, done, notApplicable, decisionDate: on } }];
    }
    case 'CompleteMeasureExecution': {
      const measure = existing(state);
      if (!measure.worklist || measure.executedOn) {
        throw forbiddenTransition('MEASURE_NOTHING_TO_COMPLETE', 'The approval is not under execution');
      }
      requireComplete(measure, ['hold', 'reassessment']);
      return [{ type: 'MeasureExecuted', data: { decisionDate: on } }];
    }
    case 'CompleteMeasureLift': {
      const measure = existing(state);
      if (measure.status !== 'lifted' || !measure.executedOn || measure.liftExecutedOn) {
        throw forbiddenTransition('MEASURE_NOTHING_TO_COMPLETE', 'The lift is not under execution');
      }
      requireComplete(measure, ['release']);
      return [{ type: 'MeasureLiftExecuted', data: { decisionDate: on } }];
    }
    default: {
      const unexpected: never = command;
      throw new Error(`Unknown measure command ${(unexpected as { type: string }).type}`);
    }
  }
}

/** The events a command records on a measure's stream, or a DomainError. Pure. */
export function decideMeasure(
  command: MeasureCommand,
  state: MeasureState,
  context: MeasureDecisionContext,
): MeasureEvent[] {
  return decideOn(command, state, context.actor, amsterdamDateOf(context.now));
}
