import type { LocalDate, OversightFinding, ValidityPolicy } from '@licences/licensing-domain';
import type { DecisionKey, ReadModelStore } from '../read-model-store.port';
import { caseReplayView } from './replay.views';
import type { ReplayStepView } from './replay.views';

/**
 * Decision keys read and cases replayed at once: bounds memory (a few megabytes of decisions), while
 * a case whose decisions of the period fall in several chunks is replayed once per chunk.
 */
const KEYS_PER_CHUNK = 4000;

/** A decision of the period; the states are left out (replay the case for them). */
export type DecisionInPeriod = Omit<ReplayStepView, 'stateBefore' | 'stateAfter'> & {
  readonly caseId: string;
};

/** A chunk of a period's decisions, in order, and the findings of exactly those decisions. */
export interface PeriodChunk {
  readonly decisions: readonly DecisionInPeriod[];
  readonly findings: readonly OversightFinding[];
}

export interface PeriodTotals {
  readonly decisions: number;
  readonly rechecked: number;
  readonly deviations: number;
  readonly notes: number;
}

/**
 * The decisions dated from `from` to `to`, by date, case and revision, a chunk at a time. The
 * index of decision dates finds them, so the work is the period's; each of their cases is still
 * replayed from its first event, since a decision is re-checked against the case as it stood.
 */
export async function* periodDecisions(
  readModels: ReadModelStore,
  policy: ValidityPolicy,
  from: LocalDate,
  to: LocalDate,
): AsyncGenerator<PeriodChunk> {
  let after: DecisionKey | undefined;
  for (;;) {
    const keys = await readModels.decisionKeysBetween({ from, to }, after, KEYS_PER_CHUNK);
    if (keys.length > 0) yield await decisionsOfKeys(readModels, policy, keys);
    if (keys.length < KEYS_PER_CHUNK) return;
    after = keys.at(-1);
  }
}

/**
 * The decisions of these keys, in the keys' order, with their findings (in the order the re-check
 * gives them). Each case among the keys is replayed once.
 */
export async function decisionsOfKeys(
  readModels: ReadModelStore,
  policy: ValidityPolicy,
  keys: readonly DecisionKey[],
): Promise<PeriodChunk> {
  const histories = await readModels.historyOf([...new Set(keys.map((key) => key.caseId))]);
  const replays = new Map<string, ReturnType<typeof caseReplayView>>();
  for (const [caseId, entries] of histories) {
    if (entries.length > 0) replays.set(caseId, caseReplayView(caseId, entries, policy));
  }
  const decisions: DecisionInPeriod[] = [];
  const findings: OversightFinding[] = [];
  for (const { caseId, revision } of keys) {
    const replay = replays.get(caseId);
    const step = replay?.steps.find((s) => s.revision === revision);
    // History rows are only ever appended (a rebuild writes the same ones): a key read a moment
    // ago is in the history read now. Its absence means a broken store, not an empty answer.
    if (!replay || !step) throw new Error(`Decision ${caseId}#${revision} is indexed but not in its history`);
    const { stateBefore: _before, stateAfter: _after, ...decision } = step;
    decisions.push({ caseId, ...decision });
    findings.push(...replay.findings.filter((f) => f.revision === revision));
  }
  return { decisions, findings };
}

/** Adds a chunk to running totals. */
export function addToTotals(totals: PeriodTotals, { decisions, findings }: PeriodChunk): PeriodTotals {
  return {
    decisions: totals.decisions + decisions.length,
    rechecked: totals.rechecked + decisions.filter((d) => d.recheck !== undefined).length,
    deviations: totals.deviations + findings.filter((f) => f.severity === 'deviation').length,
    notes: totals.notes + findings.filter((f) => f.severity === 'note').length,
  };
}

export const NO_TOTALS: PeriodTotals = { decisions: 0, rechecked: 0, deviations: 0, notes: 0 };

/** The whole period's totals, counted chunk by chunk without keeping the decisions. */
export async function periodTotals(
  readModels: ReadModelStore,
  policy: ValidityPolicy,
  from: LocalDate,
  to: LocalDate,
): Promise<PeriodTotals> {
  let totals = NO_TOTALS;
  for await (const chunk of periodDecisions(readModels, policy, from, to))
    totals = addToTotals(totals, chunk);
  return totals;
}
