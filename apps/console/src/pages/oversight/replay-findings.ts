import type { FindingSeverity, OversightFinding, ReplayStep } from '../../api/oversight.types';

export interface PlacedFindings {
  /** The findings of each step, by the step's revision. */
  readonly byRevision: ReadonlyMap<number, readonly OversightFinding[]>;
  /** Findings whose revision names no step of the replay: listed apart, never dropped. */
  readonly unplaced: readonly OversightFinding[];
  readonly counts: Readonly<Record<FindingSeverity, number>>;
}

/**
 * Puts each finding of a replay on the step it was found at (the API names the step by case and
 * revision). The replay's own list is used rather than each step's re-check, because findings
 * about the order of steps (a transition, a decision while on hold) belong to no re-check.
 */
export function placeFindings(
  caseId: string,
  steps: readonly Pick<ReplayStep, 'revision'>[],
  findings: readonly OversightFinding[],
): PlacedFindings {
  const revisions = new Set(steps.map((s) => s.revision));
  const byRevision = new Map<number, OversightFinding[]>();
  const unplaced: OversightFinding[] = [];
  const counts: Record<FindingSeverity, number> = { deviation: 0, note: 0 };
  for (const finding of findings) {
    counts[finding.severity] = (counts[finding.severity] ?? 0) + 1;
    if (finding.caseId !== caseId || !revisions.has(finding.revision)) {
      unplaced.push(finding);
      continue;
    }
    byRevision.set(finding.revision, [...(byRevision.get(finding.revision) ?? []), finding]);
  }
  return { byRevision, unplaced, counts };
}
