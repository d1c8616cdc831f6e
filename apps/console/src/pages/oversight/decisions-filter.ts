import type { DecisionInPeriod, OversightFinding, SeverityFilter } from '../../api/oversight.types';
import { FINDING_SEVERITIES } from '../../api/oversight.types';

export interface DecisionRow {
  readonly decision: DecisionInPeriod;
  readonly findings: readonly OversightFinding[];
}

/** The URL's severity, or '' (every decision) for a value the select does not offer. */
export function severityFilterOf(value: string | null): SeverityFilter | '' {
  return value === 'any' || (FINDING_SEVERITIES as readonly string[]).includes(value ?? '')
    ? (value as SeverityFilter)
    : '';
}

const stepKey = (caseId: string, revision: number) => `${caseId}#${revision}`;

/**
 * The API's page of decisions, each with its findings. The API filters and pages; it answers the
 * findings of the decisions on the page as one list, which this hands to the decision of each.
 */
export function decisionRows(
  decisions: readonly DecisionInPeriod[],
  findings: readonly OversightFinding[],
): DecisionRow[] {
  const byStep = new Map<string, OversightFinding[]>();
  for (const finding of findings) {
    const key = stepKey(finding.caseId, finding.revision);
    byStep.set(key, [...(byStep.get(key) ?? []), finding]);
  }
  return decisions.map((decision) => ({
    decision,
    findings: byStep.get(stepKey(decision.caseId, decision.revision)) ?? [],
  }));
}
