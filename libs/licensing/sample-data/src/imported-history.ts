import { addMonths, compareDates, validUntilFor } from '@licences/licensing-domain';
import type { LicenceEvent, LocalDate, ValidityPolicy } from '@licences/licensing-domain';
import { caseDetails } from './case-profile';
import type { ProfileChoice } from './case-profile';
import type { PathAdjustments } from './case-script';
import { DESTINATION_GROUP_WEIGHTS } from './destinations.catalogue';
import { planCase } from './planned-case';
import type { CaseScript, DemoPath, ImportedVariant, PlannedStep } from './demo-plan.types';
import { SeededRandom, weighted } from './seeded-random';

/*
 * The archive: cases decided in the oldest years of the window, before the four-eyes rule (a
 * revocation there is one senior assessor's decision), that reach the store through the
 * historical import (JSON Lines, one event per line) instead of live commands. A few carry
 * deviations of the kind oversight exists to find. Only deviations the import lets in can be
 * planted: it decides every line again, so the recorded rule, the policy version and the
 * country facts are always the decider's, and a validFrom before the decision date is refused.
 * What history may differ in is the validity decided then: that is where the deviations are.
 */

const IMPORTED_PATH_WEIGHTS: readonly (readonly [DemoPath, number])[] = [
  ['issue', 50],
  ['issue-extend', 12],
  ['issue-revoke', 6],
  ['deny', 14],
  ['withdraw-application', 6],
  ['sondage-issue', 8],
  ['sondage-negative', 4],
];

const months =
  (n: number) =>
  (event: LicenceEvent): LicenceEvent =>
    event.type === 'Issued'
      ? { ...event, data: { ...event.data, validUntil: validUntilFor(event.data.validFrom, n) } }
      : event;

/** Two years beyond the end it extended: past the furthest end any rule allows on that day. */
const twoYearsLonger = (event: LicenceEvent): LicenceEvent =>
  event.type === 'Extended'
    ? { ...event, data: { ...event.data, validUntil: addMonths(event.data.previousValidUntil, 24) } }
    : event;

interface VariantPlan {
  readonly choice: ProfileChoice;
  readonly path: DemoPath;
  readonly adjustments: PathAdjustments;
}

const MILITARY_EXPORT = {
  goodsCategory: 'military',
  kind: 'individual',
  afterSales: false,
  exportType: 'definitive',
} as const;

function variantPlan(variant: ImportedVariant): VariantPlan {
  switch (variant) {
    case 'three-years-non-ally':
      return {
        choice: { group: 'non-allied', ...MILITARY_EXPORT },
        path: 'issue',
        adjustments: { issue: months(36) },
      };
    case 'three-years-turkey':
      return {
        choice: { group: 'turkey', country: 'TR', ...MILITARY_EXPORT },
        path: 'issue',
        adjustments: { issue: months(36) },
      };
    case 'three-years-dual-use':
      return {
        choice: { group: 'nato', goodsCategory: 'dual-use', kind: 'individual', afterSales: false },
        path: 'issue',
        adjustments: { issue: months(36) },
      };
    case 'extension-beyond-rule':
      return {
        choice: { group: 'non-allied', ...MILITARY_EXPORT },
        path: 'issue-extend',
        adjustments: { extension: twoYearsLonger, extensions: 1 },
      };
    case 'after-sales-before-rule':
      return {
        choice: { group: 'non-allied', goodsCategory: 'military', kind: 'individual', afterSales: true },
        path: 'issue',
        adjustments: { issue: months(36) },
      };
    case 'transit-three-years':
      return {
        choice: { group: 'nato', goodsCategory: 'military', kind: 'transit', afterSales: false },
        path: 'issue',
        adjustments: { issue: months(36) },
      };
    case 'shorter-period':
      return {
        choice: { group: 'eu', ...MILITARY_EXPORT },
        path: 'issue',
        adjustments: { issue: months(6) },
      };
    default: {
      const unexpected: never = variant;
      throw new Error(`Unknown variant ${String(unexpected)}`);
    }
  }
}

/** The first day of the after-sales row: an after-sales licence for three years before it is a deviation. */
export function afterSalesRuleFrom(policy: ValidityPolicy): LocalDate | undefined {
  return policy.rules.find((rule) => rule.id === 'after-sales')?.inForceFrom;
}

/** A variant that cannot occur in this archive (its rule already applied) gives way to a plain one. */
export function feasibleVariant(
  variant: ImportedVariant,
  archiveLastDay: LocalDate,
  policy: ValidityPolicy,
): ImportedVariant {
  const from = afterSalesRuleFrom(policy);
  if (variant === 'after-sales-before-rule' && (!from || compareDates(archiveLastDay, from) >= 0)) {
    return 'three-years-non-ally';
  }
  return variant;
}

export interface ImportedCaseInput {
  readonly seed: number;
  readonly ordinal: number;
  readonly registeredAt: string;
  readonly variant?: ImportedVariant;
  readonly lastDay: LocalDate;
  readonly policy: ValidityPolicy;
}

export function importedCase(input: ImportedCaseInput): CaseScript {
  const random = new SeededRandom(input.seed, `imported/${input.ordinal}`);
  const caseId = random.uuid();
  const plan: VariantPlan = input.variant
    ? variantPlan(input.variant)
    : {
        choice: { group: weighted(DESTINATION_GROUP_WEIGHTS, random.next()) },
        path: weighted(IMPORTED_PATH_WEIGHTS, random.next()),
        adjustments: {},
      };
  return planCase(random, {
    caseId,
    source: 'imported',
    registeredAt: input.registeredAt,
    details: caseDetails(random, plan.choice),
    group: plan.choice.group,
    path: plan.path,
    lastDay: input.lastDay,
    policy: input.policy,
    adjustments: plan.adjustments,
    ...(input.variant && { variant: input.variant }),
  });
}

/** One line of the import file: `data` is the body of the command, plus the validity decided then. */
export function importLineOf(step: PlannedStep): string {
  const { command, event } = step;
  const line = (type: string, data: unknown) =>
    JSON.stringify({ caseId: step.caseId, type, occurredAt: step.at, actor: step.actor, data });
  switch (command.type) {
    case 'RegisterCase':
      return line(command.procedure === 'sondage' ? 'SondageRequested' : 'Applied', command.details);
    case 'AnswerSondage':
      return line('SondageAnswered', {
        outcome: command.outcome,
        reasoning: command.reasoning,
        criteria: command.criteria,
      });
    case 'ApplyAfterSondage':
      // The application's details where they changed since the sondage; none where they did not.
      return line('Applied', command.details ?? {});
    case 'IssueLicence': {
      if (event.type !== 'Issued') throw new Error(`IssueLicence decided ${event.type}`);
      const { validFrom, validUntil } = event.data;
      return line('Issued', { assessment: command.assessment, validFrom, validUntil });
    }
    case 'DenyLicence':
      return line('Denied', { criteria: command.criteria, reasoning: command.reasoning });
    case 'WithdrawCase':
      return line('Withdrawn', { reason: command.reason });
    case 'ExtendLicence': {
      if (event.type !== 'Extended') throw new Error(`ExtendLicence decided ${event.type}`);
      return line('Extended', { reassessment: command.reassessment, validUntil: event.data.validUntil });
    }
    case 'ProposeRevocation':
      return line('RevocationProposed', {
        circumstances: command.circumstances,
        criteria: command.criteria,
        evidence: command.evidence,
      });
    case 'WithdrawRevocationProposal':
      return line('RevocationProposalWithdrawn', { reason: command.reason });
    case 'RejectRevocationProposal':
      return line('RevocationProposalRejected', { reason: command.reason });
    case 'ApproveRevocation':
      return line('RevokedForChangedCircumstances', { additionalEvidence: command.additionalEvidence });
    case 'RecordHistoricalRevocation':
      return line('RevokedForChangedCircumstances', {
        circumstances: command.circumstances,
        criteria: command.criteria,
        evidence: command.evidence,
      });
    case 'ReassessLicence':
      // One line, one event: a proposing reassessment would need its RevocationProposed line too,
      // and the archive plans only reassessments that kept the licence.
      if (command.outcome !== 'maintained')
        throw new Error('The archive plans maintained reassessments only');
      return line('Reassessed', { assessment: command.assessment, outcome: command.outcome });
    case 'SuspendLicence':
      return line('Suspended', {
        criteria: command.criteria,
        evidence: command.evidence,
        reasons: command.reasons,
      });
    case 'ReinstateLicence':
      return line('Reinstated', { reason: command.reason });
    case 'HoldCase':
    case 'ReleaseCase':
      // History holds a case by itself: it has no country measure to name.
      if (command.measureId !== undefined) throw new Error('The archive plans no country measure');
      return line(command.type === 'HoldCase' ? 'PutOnHold' : 'Released', { reason: command.reason });
    case 'RequestReassessment':
      throw new Error('Only a country measure asks for a reassessment; the archive plans none');
    default: {
      const unexpected: never = command;
      throw new Error(`Unknown command ${(unexpected as { type: string }).type}`);
    }
  }
}
