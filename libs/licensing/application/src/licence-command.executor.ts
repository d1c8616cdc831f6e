import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { EVENT_STORE, WrongExpectedRevisionError } from '@licences/event-store';
import type { Actor, EventStore } from '@licences/event-store';
import { amsterdamDateOf, decide, evolve } from '@licences/licensing-domain';
import type { LicenceCase, LicenceCommand, ValidityPolicy } from '@licences/licensing-domain';
import { ConcurrentModificationError, RevisionMismatchError } from './application.errors';
import { derivedId } from './derived-id';
import { licenceStreamId, toNewEvent } from './events/licence-event.codec';
import { LicenceRepository } from './licence.repository';
import { commandResultOf } from './licence.view';
import type { LicenceCommandResult } from './licence.view';
import { CLOCK } from './ports/clock.port';
import type { Clock } from './ports/clock.port';
import { recordedAnswer } from './recorded-answer';

export const VALIDITY_POLICY = Symbol.for('licences.ValidityPolicy');

/** Who asks and in which request; becomes the metadata of every event the command records. */
export interface CommandMeta {
  readonly actor: Actor;
  readonly correlationId: string;
  readonly causationId: string;
  /** The revision the client decided on (If-Match); without it a lost race is retried. */
  readonly expectedRevision?: number;
  /**
   * The client's Idempotency-Key, as sent. When set, event ids derive from the actor's `sub`, the
   * key, the case, the command type and the event's index, so that a replayed request cannot
   * record its events twice and no other request can take its ids.
   */
  readonly idempotencyKey?: string;
}

const MAX_ATTEMPTS = 5;

/**
 * Runs one command against one case: load the stream, decide, append with the expected revision.
 * A concurrent writer makes the append fail; the command is then decided again on the new state,
 * unless the client pinned the revision it decided on. A command under an idempotency key whose
 * events are already in the stream answers as it did then (`recordedAnswer`).
 */
@Injectable()
export class LicenceCommandExecutor {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(VALIDITY_POLICY) private readonly policy: ValidityPolicy,
    private readonly repository: LicenceRepository,
  ) {}

  async execute(caseId: string, command: LicenceCommand, meta: CommandMeta): Promise<LicenceCommandResult> {
    const streamId = licenceStreamId(caseId);
    const key = meta.idempotencyKey;
    const idOf = (index: number): string =>
      key === undefined
        ? randomUUID()
        : derivedId(['licence-command-event/v1', meta.actor.sub, key, caseId, command.type, index]);
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      const { state, revision, events: recorded } = await this.repository.load(caseId);
      // Before If-Match: the repeat of a recorded request gets its first answer, not a 412.
      const answered =
        key === undefined
          ? undefined
          : recordedAnswer({
              streamId,
              events: recorded,
              command,
              actor: meta.actor,
              policy: this.policy,
              idOf,
            });
      if (answered) return answered;
      if (meta.expectedRevision !== undefined && meta.expectedRevision !== revision) {
        throw new RevisionMismatchError(meta.expectedRevision, revision);
      }
      const now = this.clock.now();
      const events = decide(command, state, { now, actor: meta.actor }, this.policy);
      const metadata = {
        occurredAt: now.toISOString(),
        actor: meta.actor,
        correlationId: meta.correlationId,
        causationId: meta.causationId,
      };
      const stored = events.map((event, i) => toNewEvent(event, idOf(i), metadata));
      try {
        const result = await this.store.append(streamId, stored, revision ?? 'no-stream');
        const next = events.reduce(evolve, state) as LicenceCase;
        return commandResultOf(next, result.nextRevision, result.position, amsterdamDateOf(now));
      } catch (error) {
        if (!(error instanceof WrongExpectedRevisionError)) throw error;
        if (meta.expectedRevision !== undefined)
          throw new RevisionMismatchError(meta.expectedRevision, error.actual);
      }
    }
    throw new ConcurrentModificationError(MAX_ATTEMPTS);
  }
}
