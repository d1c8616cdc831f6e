import type { AccessLogAnchorHead } from '../ports/access-log-anchor.port';
import type { AccessLog } from '../ports/access-log.port';
import { inPages } from '../integrity/in-pages';
import { classifyAccessRecord } from './access-log-problems';
import type { AccessLogProblem, AccessWalkState, VerifiedLink } from './access-log-problems';

export type { AccessLogProblem, AccessLogProblemKind } from './access-log-problems';

/** The anchored head compared with the log. */
export interface AccessLogAnchorCheck {
  readonly anchor: AccessLogAnchorHead;
  /**
   * The log reaches the anchored seq with the anchored hash there (it may go on beyond it); false
   * too when the walk stopped at a problem before it.
   */
  readonly matches: boolean;
}

export interface AccessLogReport {
  /** Every record verified, and the anchor (when there is one) matched. */
  readonly intact: boolean;
  /** Records verified before the first problem (all of them when intact). */
  readonly recordsChecked: number;
  /** The last verified record: the head of the log when intact; null when none verified. */
  readonly head: VerifiedLink | null;
  /** The hash of record 1, which names the log; null for an empty log. */
  readonly origin: string | null;
  readonly firstProblem?: AccessLogProblem;
  /** Null when no anchor was kept for this log (a new installation, or a log from an older version). */
  readonly anchor: AccessLogAnchorCheck | null;
  /** One line for people. */
  readonly summary: string;
}

export const ACCESS_LOG_PAGE_SIZE = 1000;

export type AccessLogSource = Pick<AccessLog, 'readAfter' | 'seqsWithHash'>;

/**
 * Walks the log in seq order, recomputing every hash (`accessRecordHash`) from the stored content,
 * and stops at the first record that does not verify (named as `classifyAccessRecord` says). Then
 * compares the head with the anchor: a log that ends before the anchored seq lost its newest
 * records (`removed`), and one with another hash there was rewritten or swapped (`changed`); both
 * would otherwise verify, since whoever can write the file can recompute the chain.
 *
 * Memory: one page of records.
 */
export async function verifyAccessLog(
  log: AccessLogSource,
  anchor: AccessLogAnchorHead | null,
  pageSize = ACCESS_LOG_PAGE_SIZE,
): Promise<AccessLogReport> {
  let state: AccessWalkState = { previous: undefined, beforePrevious: undefined };
  let origin: string | null = null;
  let atAnchor: string | undefined;
  const iterator = inPages(
    (after, maxCount) => log.readAfter(after, maxCount),
    (r) => r.seq,
    pageSize,
  );
  let next = await iterator.next();
  while (!next.done) {
    const record = next.value;
    next = await iterator.next();
    const problem = await classifyAccessRecord(record, next.done ? undefined : next.value, state, log);
    if (problem) {
      // An inserted record can show only at the record after it: then the walk stands one back.
      const head = problem.seq === state.previous?.seq ? state.beforePrevious : state.previous;
      return report(head?.seq ?? 0, head ?? null, head ? origin : null, anchor, false, problem);
    }
    const link = { seq: record.seq, hash: record.hash };
    state = { previous: link, beforePrevious: state.previous };
    if (record.seq === 1) origin = record.hash;
    if (record.seq === anchor?.seq) atAnchor = record.hash;
  }
  const head = state.previous ?? null;
  // Verified records run from 1 without a gap, so the head's seq is their count.
  const checked = head?.seq ?? 0;
  if (anchor && (head?.seq ?? 0) < anchor.seq) {
    const from = (head?.seq ?? 0) + 1;
    return report(checked, head, origin, anchor, false, {
      kind: 'removed',
      seq: from,
      detail:
        `${from === anchor.seq ? `record ${from} is` : `records ${from} to ${anchor.seq} are`} missing: ` +
        `the anchor names record ${anchor.seq} (hash ${anchor.hash}), the log ends ` +
        (head ? `at record ${head.seq}` : 'before its first record'),
    });
  }
  if (anchor && atAnchor !== anchor.hash) {
    return report(checked, head, origin, anchor, false, {
      kind: 'changed',
      seq: anchor.seq,
      detail:
        `record ${anchor.seq} has hash ${atAnchor ?? 'none'}, not the anchored ${anchor.hash}: ` +
        (origin === anchor.origin
          ? 'the log up to it was rewritten'
          : 'this is another log than the anchored one'),
    });
  }
  return report(checked, head, origin, anchor, true);
}

function report(
  recordsChecked: number,
  head: VerifiedLink | null,
  origin: string | null,
  anchor: AccessLogAnchorHead | null,
  anchorMatches: boolean,
  firstProblem?: AccessLogProblem,
): AccessLogReport {
  return {
    intact: firstProblem === undefined,
    recordsChecked,
    head,
    origin,
    ...(firstProblem && { firstProblem }),
    anchor: anchor && { anchor, matches: anchorMatches },
    summary: summaryOf(recordsChecked, head, firstProblem),
  };
}

function summaryOf(
  checked: number,
  head: VerifiedLink | null,
  problem: AccessLogProblem | undefined,
): string {
  if (problem) {
    return `Tampered: record ${problem.seq} ${problem.kind}: ${problem.detail}. ${checked} records before it verified.`;
  }
  return head
    ? `Intact: ${checked} records verified; head record ${head.seq}, hash ${head.hash}.`
    : 'Intact: the log holds no records.';
}
