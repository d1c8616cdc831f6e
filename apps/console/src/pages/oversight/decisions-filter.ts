import type { DecisionInPeriod, FindingSeverity, OversightFinding } from '../../api/oversight.types';
import { FINDING_SEVERITIES } from '../../api/oversight.types';

/** `any`: decisions with at least one finding, whatever its severity. */
export type SeverityFilter = FindingSeverity | 'any' | '';

export interface DecisionFilter {
  /** A finding code, or '' for every code. */
  readonly code: string;
  readonly severity: SeverityFilter;
}

export interface DecisionRow {
  readonly decision: DecisionInPeriod;
  readonly findings: readonly OversightFinding[];
}

export function severityFilterOf(value: string | null): SeverityFilter {
  return value === 'any' || (FINDING_SEVERITIES as readonly string[]).includes(value ?? '')
    ? (value as SeverityFilter)
    : '';
}

const stepKey = (caseId: string, revision: number) => `${caseId}#${revision}`;

/**
 * The decisions of a period with their findings, kept where a finding matches the filter. The
 * API answers the whole period and has no parameter for finding or severity, so the console
 * filters what it fetched. A decision is kept when one of its findings has both the code and the
 * severity asked for.
 */
export function filterDecisions(
  decisions: readonly DecisionInPeriod[],
  findings: readonly OversightFinding[],
  filter: DecisionFilter,
): DecisionRow[] {
  const byStep = new Map<string, OversightFinding[]>();
  for (const finding of findings) {
    const key = stepKey(finding.caseId, finding.revision);
    byStep.set(key, [...(byStep.get(key) ?? []), finding]);
  }
  const matches = (finding: OversightFinding) =>
    (filter.code === '' || finding.code === filter.code) &&
    (filter.severity === '' || filter.severity === 'any' || finding.severity === filter.severity);
  const filtering = filter.code !== '' || filter.severity !== '';
  return decisions
    .map((decision) => ({
      decision,
      findings: byStep.get(stepKey(decision.caseId, decision.revision)) ?? [],
    }))
    .filter((row) => !filtering || row.findings.some(matches));
}

/** The codes found in the period, so that the filter offers codes that can match. */
export function codesFound(findings: readonly OversightFinding[]): string[] {
  return [...new Set(findings.map((f) => f.code))].sort();
}
