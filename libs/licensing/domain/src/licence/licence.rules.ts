import { isIsoCountryCode } from '../countries';
import { LONGEST_VALIDITY_MONTHS } from '../policy/date-limits';
import { ruleViolation } from '../shared/domain-error';
import { compareDates, isLocalDate } from '../shared/local-date';
import type { LocalDate } from '../shared/local-date';
import {
  controlListEntryPattern,
  EXPORT_TYPES,
  isCriterion,
  TEMPORARY_EXPORT_PURPOSES,
} from './licence.values';
import type { Assessment, CaseDetails, Criterion, Destination, Evidence } from './licence.values';

/*
 * Business rules on a command's content. The HTTP edge validates shapes too, but the domain
 * checks again so that no other entry point (CLI, import, a later message consumer) can
 * record a decision that breaks them.
 */

function requireText(value: string, field: string): void {
  if (typeof value !== 'string' || value.trim() === '') {
    throw ruleViolation('REQUIRED_TEXT_MISSING', `${field} must not be empty`, { field });
  }
}

export function requireCriteria(criteria: readonly Criterion[], field: string, atLeastOne: boolean): void {
  if (atLeastOne && criteria.length === 0) {
    throw ruleViolation('CRITERIA_REQUIRED', `${field} must cite at least one criterion (1..8)`, { field });
  }
  const bad = criteria.filter((c) => !isCriterion(c));
  if (bad.length > 0) {
    throw ruleViolation('UNKNOWN_CRITERION', `${field} cites criteria outside 1..8: ${bad.join(', ')}`, {
      field,
    });
  }
}

export function checkCaseDetails(details: CaseDetails): void {
  requireText(details.applicant.name, 'applicant.name');
  requireText(details.applicant.chamberOfCommerceNumber, 'applicant.chamberOfCommerceNumber');
  checkDestinations(details);
  checkExportType(details);
  if (details.afterSales && details.kind !== 'individual' && details.kind !== 'global') {
    throw ruleViolation(
      'AFTER_SALES_REQUIRES_EXPORT_LICENCE',
      `Only an individual or global export licence can be after-sales, not a ${details.kind} licence`,
      { field: 'afterSales' },
    );
  }
  if (
    details.contract &&
    !(
      Number.isInteger(details.contract.termMonths) &&
      details.contract.termMonths >= 1 &&
      details.contract.termMonths <= LONGEST_VALIDITY_MONTHS
    )
  ) {
    throw ruleViolation(
      'INVALID_CONTRACT_TERM',
      `contract.termMonths must be a whole number of months from 1 to ${LONGEST_VALIDITY_MONTHS}`,
      {
        field: 'contract.termMonths',
      },
    );
  }
  if (details.goods.length === 0) {
    throw ruleViolation('GOODS_REQUIRED', 'A case must name at least one item of goods', { field: 'goods' });
  }
  const pattern = controlListEntryPattern(details.goodsCategory);
  details.goods.forEach((item, i) => {
    if (!pattern.test(item.controlListEntry)) {
      throw ruleViolation(
        'CONTROL_LIST_ENTRY_MISMATCH',
        `goods[${i}].controlListEntry ${item.controlListEntry} is not a ${details.goodsCategory} control-list entry`,
        { field: `goods.${i}.controlListEntry` },
      );
    }
    requireText(item.description, `goods[${i}].description`);
    if (!Number.isInteger(item.quantity) || item.quantity < 1) {
      throw ruleViolation('INVALID_QUANTITY', `goods[${i}].quantity must be a whole number of at least 1`, {
        field: `goods.${i}.quantity`,
      });
    }
    if (!Number.isFinite(item.valueEur) || item.valueEur < 0) {
      throw ruleViolation('INVALID_VALUE', `goods[${i}].valueEur must be zero or more`, {
        field: `goods.${i}.valueEur`,
      });
    }
  });
}

function checkDestinations(details: CaseDetails): void {
  const { destinations, kind } = details;
  if (!Array.isArray(destinations) || destinations.length === 0) {
    throw ruleViolation('DESTINATION_REQUIRED', 'A case must name at least one destination', {
      field: 'destinations',
    });
  }
  if (kind !== 'global' && destinations.length > 1) {
    throw ruleViolation(
      'SEVERAL_DESTINATIONS_REQUIRE_GLOBAL_LICENCE',
      `Only a global licence covers several destinations; a ${kind} licence names exactly one, not ${destinations.length}`,
      { field: 'destinations', kind },
    );
  }
  const seen = new Set<string>();
  destinations.forEach((destination: Destination, i) => {
    requireText(destination.endUser, `destinations[${i}].endUser`);
    if (!isIsoCountryCode(destination.country)) {
      throw ruleViolation(
        'UNKNOWN_COUNTRY',
        `${destination.country} is not an ISO 3166-1 alpha-2 country code`,
        { field: `destinations.${i}.country` },
      );
    }
    if (seen.has(destination.country)) {
      throw ruleViolation(
        'DUPLICATE_DESTINATION',
        `${destination.country} is named twice; a global licence names each destination once`,
        { field: `destinations.${i}.country` },
      );
    }
    seen.add(destination.country);
  });
}

function checkExportType(details: CaseDetails): void {
  if (!(EXPORT_TYPES as readonly string[]).includes(details.exportType)) {
    throw ruleViolation('UNKNOWN_EXPORT_TYPE', `exportType must be one of ${EXPORT_TYPES.join(', ')}`, {
      field: 'exportType',
    });
  }
  if (typeof details.firearmsAct !== 'boolean') {
    throw ruleViolation(
      'FIREARMS_ACT_REQUIRED',
      'firearmsAct must say whether the Wet wapens en munitie applies',
      {
        field: 'firearmsAct',
      },
    );
  }
  if (details.exportType === 'temporary') {
    if (!(TEMPORARY_EXPORT_PURPOSES as readonly string[]).includes(details.temporaryPurpose ?? '')) {
      throw ruleViolation(
        'TEMPORARY_PURPOSE_REQUIRED',
        `A temporary export states its purpose: one of ${TEMPORARY_EXPORT_PURPOSES.join(', ')}`,
        { field: 'temporaryPurpose' },
      );
    }
  } else if (details.temporaryPurpose !== undefined) {
    throw ruleViolation(
      'PURPOSE_WITHOUT_TEMPORARY_EXPORT',
      'temporaryPurpose is stated only for a temporary export',
      { field: 'temporaryPurpose' },
    );
  }
}

export function checkAssessment(assessment: Assessment, field: string): void {
  requireText(assessment.summary, `${field}.summary`);
  if (assessment.findings.length === 0) {
    throw ruleViolation(
      'FINDINGS_REQUIRED',
      `${field} must record at least one finding against a criterion`,
      { field },
    );
  }
  requireCriteria(
    assessment.findings.map((f) => f.criterion),
    `${field}.findings`,
    true,
  );
  assessment.findings.forEach((f, i) => requireText(f.finding, `${field}.findings[${i}].finding`));
}

/** A date a command gives, as an existing calendar date; `field` is its path (`evidence.0.date`). */
export function requireDate(value: unknown, field: string): asserts value is LocalDate {
  if (!isLocalDate(value)) {
    throw ruleViolation('INVALID_DATE', `${field} must be a calendar date YYYY-MM-DD`, { field });
  }
}

const SHA256 = /^[0-9a-f]{64}$/i;

/** Evidence of a revocation; `atLeastOne` is false for what an approver adds to a proposal's. */
export function checkEvidence(
  evidence: readonly Evidence[],
  decisionDate: LocalDate,
  atLeastOne = true,
): void {
  if (atLeastOne && evidence.length === 0) {
    throw ruleViolation('EVIDENCE_REQUIRED', 'A revocation needs at least one piece of evidence', {
      field: 'evidence',
    });
  }
  evidence.forEach((e, i) => {
    requireText(e.title, `evidence[${i}].title`);
    requireText(e.source, `evidence[${i}].source`);
    requireText(e.reference, `evidence[${i}].reference`);
    requireDate(e.date, `evidence.${i}.date`);
    if (compareDates(e.date, decisionDate) > 0) {
      throw ruleViolation(
        'EVIDENCE_FROM_THE_FUTURE',
        `evidence[${i}].date ${e.date} lies after the decision date`,
        {
          field: `evidence.${i}.date`,
        },
      );
    }
    if (e.sha256 !== undefined && !SHA256.test(e.sha256)) {
      throw ruleViolation('INVALID_SHA256', `evidence[${i}].sha256 must be 64 hexadecimal characters`, {
        field: `evidence.${i}.sha256`,
      });
    }
  });
}

export { requireText };
