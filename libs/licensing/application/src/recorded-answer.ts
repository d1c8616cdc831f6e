import { EventIdConflictError, eventIdConflictOf } from '@licences/event-store';
import type { Actor, EventIdConflictKind, RecordedEvent } from '@licences/event-store';
import {
  amsterdamDateOf,
  decide,
  DomainError,
  evolve,
  initialLicenceState,
} from '@licences/licensing-domain';
import type { LicenceCase, LicenceCommand, LicenceEvent, ValidityPolicy } from '@licences/licensing-domain';
import { fromRecordedEvent, toNewEvent } from './events/licence-event.codec';
import { commandResultOf } from './licence.view';
import type { LicenceCommandResult } from './licence.view';

export interface RecordedCommand {
  readonly streamId: string;
  /** The case's stream as loaded. */
  readonly events: readonly RecordedEvent[];
  readonly command: LicenceCommand;
  readonly actor: Actor;
  readonly policy: ValidityPolicy;
  /** The id the command's `index`-th event derives from its idempotency key. */
  readonly idOf: (index: number) => string;
}

/**
 * The answer of a command under an idempotency key whose events are already in its stream: the
 * request was handled, but its answer was lost before it was stored (the process stopped between
 * the append and `IdempotentRequests`), or a concurrent repeat of it won the race. Deciding it
 * again on today's state would record a second decision, or refuse a first one as a retry.
 *
 * The stored events count as this command's only when deciding it again on the state before
 * them, at their own time, gives exactly them; otherwise its ids are held by other events, which
 * is refused as `EventIdConflictError`, never answered as success.
 * @returns undefined when the stream holds nothing under the command's first id.
 */
export function recordedAnswer(recorded: RecordedCommand): LicenceCommandResult | undefined {
  const { streamId, events, command, actor, policy, idOf } = recorded;
  const start = events.findIndex((event) => event.id === idOf(0));
  if (start < 0) return undefined;
  const at = new Date((events[start] as RecordedEvent).metadata.occurredAt);
  const before = events.slice(0, start).map(fromRecordedEvent).reduce(evolve, initialLicenceState);
  const refuse = (kind: EventIdConflictKind) => new EventIdConflictError(streamId, idOf(0), streamId, kind);
  let decided: LicenceEvent[];
  try {
    decided = decide(command, before, { now: at, actor }, policy);
  } catch (error) {
    // This command cannot have recorded them: the events under its id are someone else's.
    if (error instanceof DomainError) throw refuse('other-data');
    throw error;
  }
  const mine = events.slice(start, start + decided.length);
  for (const [i, event] of decided.entries()) {
    const stored = mine[i];
    if (!stored || stored.id !== idOf(i)) throw refuse('other-data');
    const proposed = { ...toNewEvent(event, idOf(i), stored.metadata), streamId };
    const conflict = eventIdConflictOf(proposed, stored);
    if (conflict) throw refuse(conflict);
  }
  const state = events
    .slice(0, start + decided.length)
    .map(fromRecordedEvent)
    .reduce(evolve, initialLicenceState) as LicenceCase;
  const last = mine.at(-1) as RecordedEvent;
  return commandResultOf(state, last.revision, last.position, amsterdamDateOf(at));
}
