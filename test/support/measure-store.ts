import { randomUUID } from 'node:crypto';
import Database from 'better-sqlite3';
import type { Actor } from '@licences/event-store';
import { SqliteEventStore } from '@licences/event-store-sqlite';
import { licenceStreamId, toNewEvent } from '@licences/licensing-application';
import { currentCaseDetails, decide, DUTCH_VALIDITY_POLICY, evolve } from '@licences/licensing-domain';
import type { CaseDetails, LicenceCommand, LicenceState } from '@licences/licensing-domain';
import { assessment, caseBody } from './cases';

const LOADER: Actor = { sub: 'loader', role: 'assessor' };

export interface MeasureBacklog {
  /** Applications pending to the destination: the measure holds them. */
  readonly pending: string[];
  /** Licences issued to the destination and valid now: the measure asks for their reassessment. */
  readonly licences: string[];
}

/**
 * Writes `cases` cases to `destination` straight into an event store file, through the real
 * decider: every other one a pending application, the rest issued licences.
 */
export async function writeMeasureBacklog(
  eventsFile: string,
  cases: number,
  destination: string,
): Promise<MeasureBacklog> {
  const backlog: MeasureBacklog = { pending: [], licences: [] };
  // Relative to the machine's clock, which the API process reads: the licences are valid today.
  const daysAgo = (days: number) => new Date(Date.now() - days * 86_400_000).toISOString();
  const [registeredAt, issuedAt] = [daysAgo(3), daysAgo(2)];
  const store = SqliteEventStore.open({ file: eventsFile });
  try {
    for (let i = 0; i < cases; i++) {
      const caseId = randomUUID();
      const { procedure: _procedure, ...body } = caseBody({
        destination: { country: destination, endUser: `End user ${i}` },
      });
      const details = currentCaseDetails(body as unknown as CaseDetails);
      const commands: [LicenceCommand, string][] = [
        [{ type: 'RegisterCase', caseId, procedure: 'application', details }, registeredAt],
      ];
      if (i % 2 === 1) commands.push([{ type: 'IssueLicence', assessment } as LicenceCommand, issuedAt]);
      let state: LicenceState = undefined;
      const batch = commands.flatMap(([command, at]) => {
        const events = decide(command, state, { now: new Date(at), actor: LOADER }, DUTCH_VALIDITY_POLICY);
        state = events.reduce(evolve, state);
        return events.map((event) =>
          toNewEvent(event, randomUUID(), {
            occurredAt: at,
            actor: LOADER,
            correlationId: caseId,
            causationId: caseId,
          }),
        );
      });
      await store.append(licenceStreamId(caseId), batch, 'no-stream');
      (i % 2 === 1 ? backlog.licences : backlog.pending).push(caseId);
    }
    return backlog;
  } finally {
    await store.close();
  }
}

/** How many events of `type` naming the measure each case stream holds, read from the store file. */
export function measureEventsPerCase(
  eventsFile: string,
  type: string,
  measureId: string,
): Map<string, number> {
  const db = new Database(eventsFile, { readonly: true, fileMustExist: true });
  try {
    const rows = db
      .prepare<[string, string], { streamId: string; n: number }>(
        `SELECT stream_id AS streamId, COUNT(*) AS n FROM events
         WHERE type = ? AND json_extract(data, '$.measureId') = ? GROUP BY stream_id`,
      )
      .all(type, measureId);
    return new Map(rows.map((row) => [row.streamId.replace(/^licence-/, ''), row.n]));
  } finally {
    db.close();
  }
}

/** The types of the events on a measure's own stream, in order. */
export function measureStreamTypes(eventsFile: string, measureId: string): string[] {
  return streamTypes(eventsFile, `measure-${measureId}`);
}

/** The types of the events on a case's stream, in order, from the store itself. */
export function caseEventTypes(eventsFile: string, caseId: string): string[] {
  return streamTypes(eventsFile, `licence-${caseId}`);
}

function streamTypes(eventsFile: string, streamId: string): string[] {
  const db = new Database(eventsFile, { readonly: true, fileMustExist: true });
  try {
    return db
      .prepare<[string], { type: string }>('SELECT type FROM events WHERE stream_id = ? ORDER BY revision')
      .all(streamId)
      .map((row) => row.type);
  } finally {
    db.close();
  }
}
