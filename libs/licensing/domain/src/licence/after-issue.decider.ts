import { forbiddenTransition, ruleViolation } from '../shared/domain-error';
import { addDays } from '../shared/local-date';
import type { LocalDate } from '../shared/local-date';
import type {
  DecisionContext,
  HoldCase,
  ReassessLicence,
  ReinstateLicence,
  ReleaseCase,
  RequestReassessment,
  SuspendLicence,
} from './licence.commands';
import { REASSESSMENT_OUTCOMES } from './licence.commands';
import type { LicenceEvent } from './licence.events';
import { requireStatus } from './licence.lifecycle';
import { checkAssessment, checkEvidence, requireCriteria, requireText } from './licence.rules';
import type { LicenceCase, LicenceState } from './licence.state';
import { isOnHold } from './licence.state';
import { checkGrounds, proposalOpen } from './revocation.decider';

/*
 * What may happen to a case besides the lifecycle's main path: a licence reassessed, suspended
 * and reinstated; a pending case held and released. Policy: Common Position 2008/944/CFSP art.
 * 1(1a) (reassess when new information appears), motion Hirsch (Kamerstuk 22054-412), and the
 * hold of October 2019 for Turkey (Kamerstuk 22054-316).
 */

export type AfterIssueCommand =
  ReassessLicence | SuspendLicence | ReinstateLicence | HoldCase | ReleaseCase | RequestReassessment;

function requireNotSuspended(state: LicenceCase, step: string): void {
  if (!state.suspension) return;
  throw forbiddenTransition(
    'LICENCE_SUSPENDED',
    `The licence is suspended since ${state.suspension.suspendedOn}; reinstate it before it can be ${step}`,
    { suspendedOn: state.suspension.suspendedOn },
  );
}

/**
 * No decision is taken on a case on hold.
 * @throws DomainError CASE_ON_HOLD (forbidden-transition).
 */
export function requireNotOnHold(state: LicenceState): void {
  if (!state || !isOnHold(state)) return;
  const holds = state.holds ?? [];
  throw forbiddenTransition(
    'CASE_ON_HOLD',
    `The case is on hold since ${holds[0]?.heldOn}${holds.some((h) => h.measureId) ? ' (country measure)' : ''}; no decision is taken until it is released`,
    { holds: holds.map((h) => ({ heldOn: h.heldOn, measureId: h.measureId })) },
  );
}

function measureIdOf(value: string | undefined): string | null {
  if (value === undefined) return null;
  requireText(value, 'measureId');
  return value;
}

function reassess(command: ReassessLicence, current: LicenceCase, context: DecisionContext, on: LocalDate) {
  checkAssessment(command.assessment, 'assessment');
  if (!(REASSESSMENT_OUTCOMES as readonly string[]).includes(command.outcome)) {
    throw ruleViolation(
      'UNKNOWN_REASSESSMENT_OUTCOME',
      `outcome must be ${REASSESSMENT_OUTCOMES.join(' or ')}`,
      {
        field: 'outcome',
      },
    );
  }
  const measureId = measureIdOf(command.measureId);
  if (measureId && !(current.reassessmentRequests ?? []).some((r) => r.measureId === measureId)) {
    throw ruleViolation(
      'NO_REASSESSMENT_REQUESTED',
      `Measure ${measureId} did not ask for a reassessment of this licence, or it was answered already`,
      { field: 'measureId' },
    );
  }
  const reassessed: LicenceEvent = {
    type: 'Reassessed',
    data: {
      assessment: command.assessment,
      outcome: command.outcome,
      reassessedBy: context.actor,
      measureId,
      decisionDate: on,
    },
  };
  if (command.outcome === 'maintained') {
    if (command.revocation) {
      throw ruleViolation(
        'REVOCATION_GROUNDS_WITHOUT_PROPOSAL',
        'A maintained licence takes no revocation grounds',
        {
          field: 'revocation',
        },
      );
    }
    return [reassessed];
  }
  if (!command.revocation) {
    throw ruleViolation(
      'REVOCATION_GROUNDS_REQUIRED',
      'A reassessment that proposes revocation states its change of circumstances, criteria and evidence',
      { field: 'revocation' },
    );
  }
  proposalOpen(current);
  checkGrounds(command.revocation, on);
  const { circumstances, criteria, evidence } = command.revocation;
  return [
    reassessed,
    {
      type: 'RevocationProposed',
      data: { proposedBy: context.actor, circumstances, criteria, evidence, decisionDate: on },
    } satisfies LicenceEvent,
  ];
}

/** The events of a step after issue (or of a hold), or a DomainError. */
export function decideAfterIssue(
  command: AfterIssueCommand,
  state: LicenceState,
  context: DecisionContext,
  decisionDate: LocalDate,
): LicenceEvent[] {
  const current = requireStatus(command.type, state, decisionDate);
  const { actor } = context;
  switch (command.type) {
    case 'ReassessLicence':
      return reassess(command, current, context, decisionDate);
    case 'SuspendLicence': {
      if (current.suspension) {
        throw forbiddenTransition(
          'LICENCE_ALREADY_SUSPENDED',
          `The licence is suspended since ${current.suspension.suspendedOn}`,
          { suspendedOn: current.suspension.suspendedOn },
        );
      }
      requireCriteria(command.criteria, 'criteria', true);
      checkEvidence(command.evidence, decisionDate);
      requireText(command.reasons, 'reasons');
      const { criteria, evidence, reasons } = command;
      return [
        {
          type: 'Suspended',
          data: { criteria, evidence, reasons, suspendedBy: actor, effectiveOn: decisionDate, decisionDate },
        },
      ];
    }
    case 'ReinstateLicence': {
      const open = current.suspension;
      if (!open) throw forbiddenTransition('LICENCE_NOT_SUSPENDED', 'The licence is not suspended');
      requireText(command.reason, 'reason');
      return [
        {
          type: 'Reinstated',
          data: {
            reason: command.reason,
            reinstatedBy: actor,
            suspendedOn: open.suspendedOn,
            validAgainOn: addDays(decisionDate, 1),
            decisionDate,
          },
        },
      ];
    }
    case 'HoldCase': {
      requireText(command.reason, 'reason');
      const measureId = measureIdOf(command.measureId);
      if ((current.holds ?? []).some((h) => h.measureId === measureId)) {
        throw forbiddenTransition(
          'CASE_ALREADY_ON_HOLD',
          measureId ? `Measure ${measureId} already holds this case` : 'The case is already on hold',
          { measureId },
        );
      }
      return [
        { type: 'PutOnHold', data: { reason: command.reason, heldBy: actor, measureId, decisionDate } },
      ];
    }
    case 'ReleaseCase': {
      requireText(command.reason, 'reason');
      const measureId = measureIdOf(command.measureId);
      const hold = (current.holds ?? []).find((h) => h.measureId === measureId);
      if (!hold) {
        const held = (current.holds ?? []).filter((h) => h.measureId !== null).map((h) => h.measureId);
        throw forbiddenTransition(
          'NO_SUCH_HOLD',
          measureId
            ? `Measure ${measureId} holds no hold on this case`
            : held.length > 0
              ? `The case is held by country measure ${held.join(', ')}; lifting the measure releases it`
              : 'The case is not on hold',
          { measureId, heldByMeasures: held },
        );
      }
      return [
        {
          type: 'Released',
          data: { reason: command.reason, releasedBy: actor, measureId, heldOn: hold.heldOn, decisionDate },
        },
      ];
    }
    case 'RequestReassessment': {
      requireText(command.reason, 'reason');
      const measureId = measureIdOf(command.measureId) as string;
      if ((current.reassessmentRequests ?? []).some((r) => r.measureId === measureId)) {
        throw forbiddenTransition(
          'REASSESSMENT_ALREADY_REQUESTED',
          `Measure ${measureId} already asked for it`,
          {
            measureId,
          },
        );
      }
      return [
        {
          type: 'ReassessmentRequested',
          data: { measureId, reason: command.reason, requestedBy: actor, decisionDate },
        },
      ];
    }
    default: {
      const unexpected: never = command;
      throw new Error(`Unknown command ${(unexpected as { type: string }).type}`);
    }
  }
}

export { requireNotSuspended };
