import { sealOf } from '@licences/event-store';
import type { EventStore, RecordedEvent } from '@licences/event-store';

export type IntegrityProblemKind = 'changed' | 'removed' | 'inserted' | 'reordered';

/** The first place where the stored events no longer match their seals. */
export interface IntegrityProblem {
  readonly kind: IntegrityProblemKind;
  /** The event at which the problem shows: the changed, inserted or misplaced one, or the first after a gap. */
  readonly position: number;
  readonly eventId: string;
  readonly streamId: string;
  readonly revision: number;
  readonly detail: string;
}

/** What the walk knows before an event: everything up to here has been verified. */
export interface WalkState {
  /** Position and stored chain hash of the previous event (GENESIS_HASH and 0 at the start). */
  readonly previousPosition: number;
  readonly previousChainHash: string;
  /** The stream's last verified revision and stream hash; undefined before its first event. */
  readonly stream: { readonly revision: number; readonly streamHash: string } | undefined;
  readonly previousStreamHash: string;
}

type StreamReader = Pick<EventStore, 'readStream'>;

function problem(event: RecordedEvent, kind: IntegrityProblemKind, detail: string): IntegrityProblem {
  return {
    kind,
    position: event.position,
    eventId: event.id,
    streamId: event.streamId,
    revision: event.revision,
    detail,
  };
}

/** Whether `event`'s stored chain hash is the one it would have right after `previousChainHash`. */
function continues(previousChainHash: string, event: RecordedEvent | undefined): boolean {
  return event?.seal !== undefined && sealOf(event, '', previousChainHash).chainHash === event.seal.chainHash;
}

/**
 * Whether `candidate`'s content (id, type, data, metadata) was sealed at `here`'s place: checked
 * against the seal stored at `here` (content moved, seals left in place) and against the
 * candidate's own seal (content moved with its seal), with either event's recording time.
 */
function wasSealedAt(candidate: RecordedEvent, here: RecordedEvent, state: WalkState): boolean {
  const stored = [here.seal, candidate.seal].filter((seal) => seal !== undefined);
  return [here.recordedAt, candidate.recordedAt].some((recordedAt) => {
    const moved = { ...candidate, streamId: here.streamId, revision: here.revision, position: here.position };
    const seal = sealOf({ ...moved, recordedAt }, state.previousStreamHash, state.previousChainHash);
    return stored.some((s) => s.streamHash === seal.streamHash || s.chainHash === seal.chainHash);
  });
}

/** A revision that is not the stream's next one: a duplicate, a gap, or an event sealed elsewhere. */
async function revisionProblem(
  event: RecordedEvent,
  expectedRevision: number,
  state: WalkState,
  streams: StreamReader,
): Promise<IntegrityProblem> {
  const where = `${event.streamId} revision ${event.revision}`;
  if (event.revision < expectedRevision) {
    return problem(event, 'inserted', `${where} duplicates a revision stored before it`);
  }
  const sealedAsExpected = sealOf(
    { ...event, revision: expectedRevision },
    state.previousStreamHash,
    state.previousChainHash,
  );
  if (sealedAsExpected.chainHash === event.seal?.chainHash) {
    return problem(
      event,
      'changed',
      `its revision was altered: it was sealed as revision ${expectedRevision}`,
    );
  }
  const [missing] = await streams.readStream(event.streamId, { fromRevision: expectedRevision, maxCount: 1 });
  if (missing?.revision === expectedRevision && missing.position > event.position) {
    return problem(
      event,
      'reordered',
      `${where} comes before revision ${expectedRevision} (stored later, at position ${missing.position})`,
    );
  }
  return problem(
    event,
    'removed',
    `revision ${expectedRevision} of ${event.streamId} is missing before ${where} (an event was deleted)`,
  );
}

/**
 * Names what happened at the first event that does not verify, from the evidence the chains keep
 * (see the rules in `integrity-verifier.ts`). `following` is the next event in global order.
 */
export async function classifyProblem(
  event: RecordedEvent,
  following: RecordedEvent | undefined,
  state: WalkState,
  streams: StreamReader,
): Promise<IntegrityProblem | undefined> {
  const expectedRevision = state.stream ? state.stream.revision + 1 : 0;
  const between = `between positions ${state.previousPosition} and ${event.position}`;
  if (!event.seal) {
    // The store seals every event it writes, so a row without a seal was written behind its back.
    return following === undefined || continues(state.previousChainHash, following)
      ? problem(event, 'inserted', 'it has no seal, and the chain continues without it')
      : problem(event, 'changed', 'its seal was removed');
  }
  if (event.revision !== expectedRevision) {
    return revisionProblem(event, expectedRevision, state, streams);
  }
  const recomputed = sealOf(event, state.previousStreamHash, state.previousChainHash);
  const chainOk = recomputed.chainHash === event.seal.chainHash;
  const streamOk = recomputed.streamHash === event.seal.streamHash;
  if (chainOk && streamOk) return undefined;
  if (chainOk) return problem(event, 'changed', 'its stream hash was altered');
  if (streamOk) {
    // Its content is what its stream sealed, yet the global chain does not lead to it.
    return problem(event, 'removed', `an event ${between} is missing: the chain does not lead to it`);
  }
  if (following && continues(state.previousChainHash, following)) {
    return problem(event, 'inserted', `the chain goes on ${between} and ${following.position} without it`);
  }
  const stream = await streams.readStream(event.streamId);
  const others = stream.filter((other) => other.position !== event.position);
  const copied =
    event.seal.chainHash === state.previousChainHash
      ? state.previousPosition
      : others.find(
          (other) =>
            other.seal?.chainHash === event.seal?.chainHash ||
            other.seal?.streamHash === event.seal?.streamHash,
        )?.position;
  if (copied !== undefined) {
    return problem(event, 'inserted', `its seal is a copy of the seal of the event at position ${copied}`);
  }
  const displaced = others.find((other) => wasSealedAt(other, event, state));
  if (displaced) {
    return problem(
      event,
      'reordered',
      `event ${displaced.id}, now revision ${displaced.revision} at position ${displaced.position}, ` +
        `was sealed here as revision ${event.revision}`,
    );
  }
  return problem(event, 'changed', 'its content no longer matches its seal');
}
