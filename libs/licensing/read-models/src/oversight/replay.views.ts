import type { Actor, ImportMarker } from '@licences/event-store';
import { replayCase } from '@licences/licensing-domain';
import type {
  DecisionRecheck,
  LicenceCase,
  LicenceEvent,
  LicenceEventType,
  LocalDate,
  OversightFinding,
  ValidityPolicy,
} from '@licences/licensing-domain';
import type { DecisionHistoryEntry } from '../read-model.rows';
import { replayInputOf } from './case-histories';

/** One decision of a replay: who took it when, and the case before and after it. */
export interface ReplayStepView {
  readonly revision: number;
  readonly type: LicenceEventType;
  readonly decisionDate: LocalDate;
  readonly occurredAt: string;
  readonly recordedAt: string;
  readonly actor: Actor;
  /**
   * What was decided and why, as the event records it in the current schema (upcast): the
   * reasons, criteria, evidence, outcome or measure of each step. Null where no event decoded.
   */
  readonly decided: LicenceEvent['data'] | null;
  /** Set when the decision came in through a historical import: which file and line, and its two admins. */
  readonly imported?: ImportMarker;
  /** Null before the case existed (and after an event that could not apply to it). */
  readonly stateBefore: LicenceCase | null;
  readonly stateAfter: LicenceCase | null;
  /** Issues and extensions: what was recorded against what the policy in force that day gives. */
  readonly recheck?: DecisionRecheck;
}

export interface CaseReplayView {
  readonly id: string;
  readonly steps: readonly ReplayStepView[];
  readonly findings: readonly OversightFinding[];
}

/** Replays one case's history rows with the domain's own fold and re-check. */
export function caseReplayView(
  caseId: string,
  entries: readonly DecisionHistoryEntry[],
  policy: ValidityPolicy,
): CaseReplayView {
  const ordered = [...entries].sort((a, b) => a.revision - b.revision);
  const replay = replayCase(caseId, ordered.map(replayInputOf), policy);
  const steps = ordered.map((entry, i): ReplayStepView => {
    const step = replay.steps[i];
    return {
      revision: entry.revision,
      type: entry.type,
      decisionDate: entry.decisionDate,
      occurredAt: entry.occurredAt,
      recordedAt: entry.recordedAt,
      actor: entry.actor,
      decided: step?.event.data ?? null,
      ...(entry.imported && { imported: entry.imported }),
      stateBefore: step?.stateBefore ?? null,
      stateAfter: step?.stateAfter ?? null,
      ...(step?.recheck && { recheck: step.recheck }),
    };
  });
  return { id: caseId, steps, findings: replay.findings };
}
