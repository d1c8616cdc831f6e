import { checkDualUseDestinations } from '../policy/intra-eu-transfer';
import { applicableRule, legalMaximumUntil, validUntilFor } from '../policy/validity-policy.evaluator';
import type { ValidityPolicy } from '../policy/validity-policy';
import { forbiddenTransition, ruleViolation } from '../shared/domain-error';
import { checkValidFromNotTooFarAhead } from '../policy/date-limits';
import { amsterdamDateOf, compareDates, minDate } from '../shared/local-date';
import type { LocalDate } from '../shared/local-date';
import { checkSameApplicant, detailChanges, notCoveredBySondage } from './application-changes';
import type { DecisionContext, LicenceCommand } from './licence.commands';
import type { LicenceEvent } from './licence.events';
import { requireStatus } from './licence.lifecycle';
import {
  checkAssessment,
  checkCaseDetails,
  requireCriteria,
  requireDate,
  requireText,
} from './licence.rules';
import type { LicenceCase, LicenceState } from './licence.state';
import { validityQuestionOf } from './licence.values';
import { decideAfterIssue, requireNotOnHold, requireNotSuspended } from './after-issue.decider';
import { decideRevocation } from './revocation.decider';

/**
 * Decides what a command means for a case: the events to record, or a DomainError.
 * Pure: the state, the policy, the moment of decision and the deciding official are all inputs.
 */
export function decide(
  command: LicenceCommand,
  state: LicenceState,
  context: DecisionContext,
  policy: ValidityPolicy,
): LicenceEvent[] {
  const decisionDate = amsterdamDateOf(context.now);
  switch (command.type) {
    case 'RegisterCase': {
      if (state)
        throw forbiddenTransition('CASE_ALREADY_REGISTERED', `Case ${command.caseId} already exists`);
      checkCaseDetails(command.details);
      checkDualUseDestinations(command.details, decisionDate);
      const data = { caseId: command.caseId, details: command.details, decisionDate };
      return command.procedure === 'sondage'
        ? [{ type: 'SondageRequested', data }]
        : [
            {
              type: 'Applied',
              data: { ...data, procedure: 'application', changes: [], notCoveredBySondage: [] },
            },
          ];
    }
    case 'AnswerSondage': {
      requireStatus(command.type, state, decisionDate);
      requireNotOnHold(state);
      requireText(command.reasoning, 'reasoning');
      requireCriteria(command.criteria, 'criteria', false);
      const { outcome, reasoning, criteria } = command;
      return [{ type: 'SondageAnswered', data: { outcome, reasoning, criteria, decisionDate } }];
    }
    case 'ApplyAfterSondage': {
      const current = requireStatus(command.type, state, decisionDate);
      const details = command.details ?? current.details;
      if (command.details) {
        checkCaseDetails(details);
        checkSameApplicant(current.details, details);
      }
      checkDualUseDestinations(details, decisionDate);
      return [
        {
          type: 'Applied',
          data: {
            caseId: current.caseId,
            details,
            procedure: 'sondage',
            changes: detailChanges(current.details, details),
            notCoveredBySondage: notCoveredBySondage(current.details, details),
            decisionDate,
          },
        },
      ];
    }
    case 'IssueLicence': {
      const current = requireStatus(command.type, state, decisionDate);
      requireNotOnHold(current);
      checkAssessment(command.assessment, 'assessment');
      const validFrom = command.validFrom ?? decisionDate;
      requireDate(validFrom, 'validFrom');
      if (compareDates(validFrom, decisionDate) < 0) {
        throw ruleViolation(
          'VALID_FROM_BEFORE_DECISION',
          `validFrom ${validFrom} lies before the decision date ${decisionDate}`,
          {
            field: 'validFrom',
            decisionDate,
          },
        );
      }
      checkValidFromNotTooFarAhead(validFrom, decisionDate);
      checkDualUseDestinations(current.details, decisionDate);
      const rule = applicableRule(policy, questionOf(current), decisionDate);
      const validUntil = validUntilFor(validFrom, rule.months);
      return [
        {
          type: 'Issued',
          data: {
            assessment: command.assessment,
            validFrom,
            validUntil,
            rule,
            issuedBy: context.actor,
            decisionDate,
          },
        },
      ];
    }
    case 'DenyLicence': {
      requireStatus(command.type, state, decisionDate);
      requireNotOnHold(state);
      requireCriteria(command.criteria, 'criteria', true);
      requireText(command.reasoning, 'reasoning');
      return [
        { type: 'Denied', data: { criteria: command.criteria, reasoning: command.reasoning, decisionDate } },
      ];
    }
    case 'WithdrawCase': {
      requireStatus(command.type, state, decisionDate);
      requireText(command.reason, 'reason');
      return [{ type: 'Withdrawn', data: { reason: command.reason, decisionDate } }];
    }
    case 'ExtendLicence': {
      const current = requireStatus(command.type, state, decisionDate);
      requireNotSuspended(current, 'extended');
      checkAssessment(command.reassessment, 'reassessment');
      const previousValidUntil = current.validUntil as LocalDate;
      const rule = applicableRule(policy, questionOf(current), decisionDate);
      const byRule = validUntilFor(decisionDate, rule.months);
      const byLaw = legalMaximumUntil(rule, current.validFrom as LocalDate);
      const maxValidUntil = byLaw ? minDate(byRule, byLaw) : byRule;
      if (byLaw && compareDates(byLaw, previousValidUntil) <= 0) {
        throw ruleViolation(
          'EXTENSION_BEYOND_LEGAL_MAXIMUM',
          `${rule.legalMaximum?.ruleId} allows validity until ${byLaw} at most (${rule.legalMaximum?.months} months from ${current.validFrom}); the licence already runs until ${previousValidUntil}`,
          { field: 'validUntil', maxValidUntil: byLaw, ruleId: rule.legalMaximum?.ruleId },
        );
      }
      const validUntil = command.validUntil ?? maxValidUntil;
      requireDate(validUntil, 'validUntil');
      if (compareDates(validUntil, previousValidUntil) <= 0) {
        throw ruleViolation(
          'EXTENSION_NOT_LATER',
          `An extension must end after the current end of validity ${previousValidUntil}; it would end on ${validUntil}`,
          { field: 'validUntil', previousValidUntil, maxValidUntil },
        );
      }
      if (byLaw && compareDates(validUntil, byLaw) > 0) {
        throw ruleViolation(
          'EXTENSION_BEYOND_LEGAL_MAXIMUM',
          `${rule.legalMaximum?.ruleId} allows validity until ${byLaw} at most (${rule.legalMaximum?.months} months from ${current.validFrom})`,
          { field: 'validUntil', maxValidUntil, ruleId: rule.legalMaximum?.ruleId },
        );
      }
      if (compareDates(validUntil, maxValidUntil) > 0) {
        throw ruleViolation(
          'EXTENSION_BEYOND_RULE',
          `Rule ${rule.ruleId} in force on ${decisionDate} allows validity until ${maxValidUntil} at most`,
          { field: 'validUntil', maxValidUntil, ruleId: rule.ruleId },
        );
      }
      return [
        {
          type: 'Extended',
          data: {
            reassessment: command.reassessment,
            previousValidUntil,
            validUntil,
            maxValidUntil,
            rule,
            extendedBy: context.actor,
            decisionDate,
          },
        },
      ];
    }
    case 'ReassessLicence':
    case 'SuspendLicence':
    case 'ReinstateLicence':
    case 'HoldCase':
    case 'ReleaseCase':
    case 'RequestReassessment':
      return decideAfterIssue(command, state, context, decisionDate);
    case 'ProposeRevocation':
    case 'WithdrawRevocationProposal':
    case 'RejectRevocationProposal':
    case 'ApproveRevocation':
    case 'RecordHistoricalRevocation':
      return decideRevocation(command, state, context, decisionDate);
    default: {
      const unexpected: never = command;
      throw new Error(`Unknown command ${(unexpected as { type: string }).type}`);
    }
  }
}

function questionOf(state: LicenceCase) {
  return validityQuestionOf(state.details);
}
