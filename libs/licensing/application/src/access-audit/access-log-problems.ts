import { GENESIS_HASH } from '@licences/event-store';
import type { AccessLog, AccessRecord } from '../ports/access-log.port';
import { accessRecordHash } from './access-log-seal';

export type AccessLogProblemKind = 'changed' | 'removed' | 'inserted' | 'reordered';

/** The first place where the stored records no longer form the chain they were written as. */
export interface AccessLogProblem {
  readonly kind: AccessLogProblemKind;
  /** The seq at which the problem shows: the changed, inserted or misplaced record, or the first missing one. */
  readonly seq: number;
  readonly detail: string;
}

/** A verified record: where the walk stands. */
export interface VerifiedLink {
  readonly seq: number;
  readonly hash: string;
}

/** What the walk knows before a record: the last two verified links (none at the start). */
export interface AccessWalkState {
  readonly previous: VerifiedLink | undefined;
  readonly beforePrevious: VerifiedLink | undefined;
}

export type AccessLogLookup = Pick<AccessLog, 'seqsWithHash'>;

/**
 * Names what happened at the first record that does not verify, from the evidence the chain keeps:
 * each record stores its seq, the hash of the record it follows and its own hash.
 * - `removed`: seqs are missing before it, or the record it follows is stored nowhere (a record
 *   was removed and the later ones renumbered);
 * - `inserted`: its seq is stored twice, or the next record was sealed at its place (the chain goes
 *   on without it), or it stands between two records that follow each other directly (then it is
 *   the record before the one that shows it);
 * - `reordered`: it follows a record stored after it, or the content sealed at its place is the
 *   next record's;
 * - `changed`: its content, or the link it stores, no longer matches its hash.
 * Returns undefined when the record verifies.
 */
export async function classifyAccessRecord(
  record: AccessRecord,
  following: AccessRecord | undefined,
  state: AccessWalkState,
  lookup: AccessLogLookup,
): Promise<AccessLogProblem | undefined> {
  const expectedSeq = (state.previous?.seq ?? 0) + 1;
  const previousHash = state.previous?.hash ?? GENESIS_HASH;
  const sealedHere = (candidate: AccessRecord) => accessRecordHash(previousHash, expectedSeq, candidate);
  const found = (kind: AccessLogProblemKind, detail: string, seq = record.seq) => ({ kind, seq, detail });
  if (record.seq > expectedSeq) {
    const missing =
      record.seq - 1 > expectedSeq
        ? `records ${expectedSeq} to ${record.seq - 1} are`
        : `record ${expectedSeq} is`;
    return found('removed', `${missing} missing before record ${record.seq}`, expectedSeq);
  }
  if (record.seq < expectedSeq) return found('inserted', `record ${record.seq} is stored twice`);
  const here = sealedHere(record);
  if (here === record.hash) {
    return record.prevHash === previousHash
      ? undefined
      : found('changed', 'the hash it stores of the record before it was altered');
  }
  const holders = await lookup.seqsWithHash(record.prevHash);
  const later = holders.find((seq) => seq > record.seq);
  if (later !== undefined) return found('reordered', `it follows record ${later}, which is stored after it`);
  if (following && sealedHere(following) === following.hash) {
    return found(
      'inserted',
      `the chain goes on from record ${expectedSeq - 1} to the next record without it`,
    );
  }
  if (following && sealedHere(following) === record.hash) {
    return found('reordered', `the content sealed at this place is now record ${following.seq}'s`);
  }
  if (record.prevHash === previousHash) return found('changed', 'its content no longer matches its hash');
  if (state.previous && state.beforePrevious && record.prevHash === state.beforePrevious.hash) {
    return found(
      'inserted',
      `record ${record.seq} follows record ${state.beforePrevious.seq} directly`,
      state.previous.seq,
    );
  }
  if (holders.length === 0) {
    return found(
      'removed',
      'the record it follows is stored nowhere: a record before it was removed and the rest renumbered',
    );
  }
  return found('changed', 'its content no longer matches its hash');
}
