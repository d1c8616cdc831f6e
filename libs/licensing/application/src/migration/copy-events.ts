import type { EventStore, ExpectedRevision, RecordedEvent } from '@licences/event-store';

export interface CopyProgress {
  /** Source position of the last event copied; resume from here. */
  readonly after: number;
  /** Events appended (or found already there) in this run. */
  readonly copied: number;
  /** Source head when the copy started. */
  readonly sourceHead: number;
}

export interface CopyEventsOptions {
  /** Source position to start after (a checkpoint of an earlier run); 0 copies everything. */
  readonly after?: number;
  readonly batchSize?: number;
  /** Called after each batch is stored in the target: the place to persist a checkpoint. */
  readonly onBatch?: (progress: CopyProgress) => void | Promise<void>;
  /** Stops after this many batches (for an operator who copies in slices). */
  readonly maxBatches?: number;
}

/** Consecutive events of one stream, appended in one call so that they keep their revisions. */
function runsOf(batch: readonly RecordedEvent[]): RecordedEvent[][] {
  const runs: RecordedEvent[][] = [];
  for (const event of batch) {
    const run = runs.at(-1);
    const last = run?.at(-1);
    if (run && last && last.streamId === event.streamId && last.revision + 1 === event.revision)
      run.push(event);
    else runs.push([event]);
  }
  return runs;
}

/**
 * Copies every event of one store into another in global order, keeping ids, stream revisions,
 * metadata and recording times. Each run is appended with the revision the source had before it,
 * so the target's streams come out identical; events already in the target (a resumed copy) are
 * skipped by their ids, so a copy interrupted anywhere can simply be run again.
 */
export async function copyEvents(
  source: EventStore,
  target: EventStore,
  options: CopyEventsOptions = {},
): Promise<CopyProgress> {
  const batchSize = options.batchSize ?? 500;
  const sourceHead = await source.headPosition();
  let progress: CopyProgress = { after: options.after ?? 0, copied: 0, sourceHead };
  for (let batches = 0; options.maxBatches === undefined || batches < options.maxBatches; batches++) {
    const batch = await source.readAll({ after: progress.after, maxCount: batchSize });
    if (batch.length === 0) break;
    for (const run of runsOf(batch)) {
      const first = run[0] as RecordedEvent;
      const expected: ExpectedRevision = first.revision === 0 ? 'no-stream' : first.revision - 1;
      await target.append(
        first.streamId,
        run.map(({ id, type, schemaVersion, data, metadata, recordedAt }) => ({
          id,
          type,
          schemaVersion,
          data,
          metadata,
          recordedAt,
        })),
        expected,
      );
    }
    progress = {
      after: (batch.at(-1) as RecordedEvent).position,
      copied: progress.copied + batch.length,
      sourceHead,
    };
    await options.onBatch?.(progress);
  }
  return progress;
}
