import { ruleViolation } from '../shared/domain-error';
import type { DetailChange, NotCoveredBySondage } from './licence.events';
import type { CaseDetails } from './licence.values';

const FIELDS: readonly (keyof CaseDetails)[] = [
  'applicant',
  'kind',
  'afterSales',
  'goodsCategory',
  'goods',
  'exportType',
  'temporaryPurpose',
  'firearmsAct',
  'destinations',
  'contract',
];

/** Key order does not make two values differ. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** The top-level fields an application changes against its sondage, in a fixed order. */
export function detailChanges(sondage: CaseDetails, application: CaseDetails): DetailChange[] {
  return FIELDS.filter((field) => canonical(sondage[field]) !== canonical(application[field])).map(
    (field) => ({
      field,
      ...(sondage[field] === undefined ? {} : { sondage: sondage[field] }),
      ...(application[field] === undefined ? {} : { application: application[field] }),
    }),
  );
}

/** A destination the sondage did not name, or a named one whose end user changed. */
export function notCoveredBySondage(sondage: CaseDetails, application: CaseDetails): NotCoveredBySondage[] {
  // Compared exactly, as detailChanges compares: a change it lists is never left unflagged here.
  const before = new Map(sondage.destinations.map((d) => [d.country, d.endUser]));
  const out = new Set<NotCoveredBySondage>();
  for (const d of application.destinations) {
    const endUser = before.get(d.country);
    if (endUser === undefined) out.add('destination');
    else if (endUser !== d.endUser) out.add('end-user');
  }
  return [...out];
}

/**
 * An application follows its sondage for the same applicant: a different one registers a case
 * of its own.
 * @throws DomainError APPLICANT_CHANGED (rule-violation).
 */
export function checkSameApplicant(sondage: CaseDetails, application: CaseDetails): void {
  if (
    sondage.applicant.chamberOfCommerceNumber.trim() === application.applicant.chamberOfCommerceNumber.trim()
  )
    return;
  throw ruleViolation(
    'APPLICANT_CHANGED',
    `The sondage was asked by chamber of commerce number ${sondage.applicant.chamberOfCommerceNumber}; an application by another applicant is a case of its own`,
    { field: 'applicant.chamberOfCommerceNumber' },
  );
}
