import type { Actor, EventStore, NewEvent } from '@licences/event-store';
import { toNewEvent } from '../events/licence-event.codec';
import { BoundedWindow } from './bounded-window';
import type { EventLoopTurns } from './event-loop-turns';
import { appendCase, decidedCases } from './import-cases';
import type { CaseWalkInput, DecidedCase } from './import-cases';
import { refusalOf, refusalsOf } from './import-check';
import { mergeRefusals } from './import-review';
import type { ImportReport, RefusedCase } from './import.types';

export interface CommitInput {
  readonly store: EventStore;
  readonly walk: CaseWalkInput;
  readonly turns: EventLoopTurns;
  readonly uploadedBy: Actor;
  readonly approvedBy: Actor;
  /** Cases appended at once (IMPORT_WINDOW unless a test says). */
  readonly window?: number;
}

/**
 * Cases whose appends are in flight at once. Each is still one whole append of its own, checked
 * against its stream; a store that commits concurrent appends together makes one durable commit
 * of many instead of one per case. Bounded, so memory does not grow with the file.
 */
export const IMPORT_WINDOW = 256;

/**
 * Appends the accepted cases, each whole and in its own append, up to `window` of them in flight,
 * giving the event loop a turn between cases. Every event names the import, its line and both
 * officials. The report is the same whatever order the appends complete in: counts, and
 * refusals sorted by line. On a failure no further case is started, those in flight are awaited,
 * and the failure is thrown: the import stays approved, and approving again resumes it.
 */
export async function commitStaged({
  store,
  walk,
  turns,
  uploadedBy,
  approvedBy,
  window = IMPORT_WINDOW,
}: CommitInput): Promise<ImportReport> {
  const { importId } = walk;
  const tally = { accepted: 0, alreadyImported: 0, eventsAppended: 0 };
  const conflicts: RefusedCase[] = [];
  const appends = new BoundedWindow(window);
  const commit = async (caseId: string, steps: DecidedCase['steps'], events: NewEvent[]): Promise<void> => {
    const outcome = await appendCase(store, caseId, events);
    if (outcome.kind === 'refused') {
      const lines = steps.map((s) => s.line);
      conflicts.push(refusalOf(caseId, lines, { line: lines[0]!, error: outcome.error }));
    } else if (outcome.appended === 0) {
      tally.alreadyImported += 1;
    } else {
      tally.accepted += 1;
      tally.eventsAppended += outcome.appended;
    }
  };
  try {
    for await (const { caseId, steps } of decidedCases(walk)) {
      const events = steps.map(({ line, occurredAt, actor, eventId, event }) =>
        toNewEvent(event, eventId, {
          occurredAt,
          actor,
          correlationId: importId,
          causationId: `import:${importId}:${line}`,
          imported: { importId, line, uploadedBy, approvedBy },
        }),
      );
      await appends.add(() => commit(caseId, steps, events));
      await turns.maybeYield();
    }
  } finally {
    // Whatever stopped the walk (a changed file, a failed append), nothing stays in flight.
    await appends.drain();
  }
  const checked = refusalsOf(walk.check);
  return {
    importId,
    lines: walk.check.lines,
    ...tally,
    ...mergeRefusals(checked.listed, checked.total, conflicts),
    position: await store.headPosition(),
    uploadedBy,
    approvedBy,
  };
}
