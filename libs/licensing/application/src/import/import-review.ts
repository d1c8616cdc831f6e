import type { EventStore } from '@licences/event-store';
import { replayCase } from '@licences/licensing-domain';
import type { ValidityPolicy } from '@licences/licensing-domain';
import { decidedCases, storedCase } from './import-cases';
import type { CaseWalkInput } from './import-cases';
import { refusalOf, refusalsOf } from './import-check';
import { LISTED_MAX } from './import.types';
import type { ImportFinding, RefusedCase, StagingReport } from './import.types';

/** Merges refusals found in two passes: the first LISTED_MAX of them by line, and how many in all. */
export function mergeRefusals(
  listed: readonly RefusedCase[],
  total: number,
  more: readonly RefusedCase[],
): { refused: RefusedCase[]; refusedTotal: number } {
  const refused = [...listed, ...more].sort((a, b) => a.line - b.line).slice(0, LISTED_MAX);
  return { refused, refusedTotal: total + more.length };
}

/**
 * The staging dry run: each accepted case decided again and compared with the store (what
 * approval would append, what it holds already, what conflicts), and replayed with the same
 * re-check oversight runs, so that the second admin sees the deviations before approving.
 */
export async function reviewStaged(
  store: EventStore,
  policy: ValidityPolicy,
  walk: CaseWalkInput,
  bytes: number,
): Promise<StagingReport> {
  const tally = { accepted: 0, alreadyImported: 0, eventsToAppend: 0 };
  const conflicts: RefusedCase[] = [];
  const deviations: ImportFinding[] = [];
  const notes: ImportFinding[] = [];
  const counts = { deviations: 0, notes: 0 };
  for await (const { caseId, steps } of decidedCases(walk)) {
    const ids = steps.map((s) => s.eventId);
    const stored = await storedCase(store, caseId, ids);
    const lines = steps.map((s) => s.line);
    if (stored.kind === 'conflict') {
      conflicts.push(refusalOf(caseId, lines, { line: lines[0]!, error: stored.refusal }));
      continue;
    }
    if (stored.from >= ids.length) tally.alreadyImported += 1;
    else {
      tally.accepted += 1;
      tally.eventsToAppend += ids.length - stored.from;
    }
    const replay = replayCase(
      caseId,
      steps.map((s, revision) => ({ revision, event: s.event })),
      policy,
    );
    for (const finding of replay.findings) {
      const located = { ...finding, line: lines[finding.revision]! };
      const kept = finding.severity === 'deviation' ? deviations : notes;
      counts[finding.severity === 'deviation' ? 'deviations' : 'notes'] += 1;
      if (kept.length < LISTED_MAX) kept.push(located);
    }
  }
  const checked = refusalsOf(walk.check);
  return {
    importId: walk.importId,
    bytes,
    lines: walk.check.lines,
    cutover: walk.cutover.toISOString(),
    cases: walk.check.cases.size,
    ...tally,
    ...mergeRefusals(checked.listed, checked.total, conflicts),
    findings: { ...counts, listed: [...deviations, ...notes].slice(0, LISTED_MAX) },
  };
}
