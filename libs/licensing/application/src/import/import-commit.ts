import type { Actor, EventStore } from '@licences/event-store';
import { toNewEvent } from '../events/licence-event.codec';
import type { EventLoopTurns } from './event-loop-turns';
import { appendCase, decidedCases } from './import-cases';
import type { CaseWalkInput } from './import-cases';
import { refusalOf, refusalsOf } from './import-check';
import { mergeRefusals } from './import-review';
import type { ImportReport, RefusedCase } from './import.types';

export interface CommitInput {
  readonly store: EventStore;
  readonly walk: CaseWalkInput;
  readonly turns: EventLoopTurns;
  readonly uploadedBy: Actor;
  readonly approvedBy: Actor;
}

/**
 * Appends the accepted cases, each whole and in its own append, giving the event loop a turn
 * between cases. Every event names the import, its line and both officials.
 */
export async function commitStaged({
  store,
  walk,
  turns,
  uploadedBy,
  approvedBy,
}: CommitInput): Promise<ImportReport> {
  const { importId } = walk;
  const tally = { accepted: 0, alreadyImported: 0, eventsAppended: 0 };
  const conflicts: RefusedCase[] = [];
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
    const outcome = await appendCase(store, caseId, events);
    await turns.maybeYield();
    if (outcome.kind === 'refused') {
      const lines = steps.map((s) => s.line);
      conflicts.push(refusalOf(caseId, lines, { line: lines[0]!, error: outcome.error }));
    } else if (outcome.appended === 0) {
      tally.alreadyImported += 1;
    } else {
      tally.accepted += 1;
      tally.eventsAppended += outcome.appended;
    }
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
