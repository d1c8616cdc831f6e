import { randomUUID } from 'node:crypto';
import Database from 'better-sqlite3';
import type { Actor } from '@licences/event-store';
import { SqliteEventStore } from '@licences/event-store-sqlite';
import { licenceStreamId, toNewEvent } from '@licences/licensing-application';
import { PROJECTION_NAMES } from '@licences/licensing-read-models';
import { currentCaseDetails, decide, DUTCH_VALIDITY_POLICY, evolve } from '@licences/licensing-domain';
import type { CaseDetails, LicenceCommand, LicenceState } from '@licences/licensing-domain';
import { assessment, caseBody, revocation } from './cases';

const COUNTRIES = ['DE', 'TR', 'SA', 'JP', 'FR', 'IN', 'US', 'BR'];
const LOADER: Actor = { sub: 'loader', role: 'assessor' };
const SENIOR_LOADER: Actor = { sub: 'senior-loader', role: 'senior-assessor' };

/** Writes `cases` realistic case histories straight into an event store file; returns the head position. */
export async function writeBacklog(eventsFile: string, cases: number): Promise<number> {
  const store = SqliteEventStore.open({ file: eventsFile });
  try {
    for (let i = 0; i < cases; i++) {
      const caseId = randomUUID();
      const { procedure: _procedure, ...body } = caseBody({
        destination: { country: COUNTRIES[i % COUNTRIES.length], endUser: `End user ${i}` },
      });
      const commands: [LicenceCommand, string, Actor?][] = [
        [
          {
            type: 'RegisterCase',
            caseId,
            procedure: 'application',
            // The HTTP body names one destination; the domain takes the list it stands for.
            details: currentCaseDetails(body as unknown as CaseDetails),
          },
          '2024-03-01T10:00:00Z',
        ],
      ];
      if (i % 5 !== 4)
        commands.push([
          { type: 'IssueLicence', assessment } as unknown as LicenceCommand,
          '2024-03-05T10:00:00Z',
        ]);
      else commands.push([{ type: 'DenyLicence', criteria: [2], reasoning: 'Risk' }, '2024-03-05T10:00:00Z']);
      if (i % 7 === 0 && i % 5 !== 4)
        commands.push(
          [
            {
              type: 'ProposeRevocation',
              ...revocation,
              evidence: revocation.evidence.map((e) => ({ ...e, date: '2024-06-01' })),
            } as unknown as LicenceCommand,
            '2024-06-02T10:00:00Z',
          ],
          // The second official of the revocation: neither its proposer nor the issuer.
          [{ type: 'ApproveRevocation', additionalEvidence: [] }, '2024-06-02T10:00:00Z', SENIOR_LOADER],
        );
      let state: LicenceState = undefined;
      const batch = commands.flatMap(([command, at, actor = LOADER]) => {
        const events = decide(command, state, { now: new Date(at), actor }, DUTCH_VALIDITY_POLICY);
        state = events.reduce(evolve, state);
        return events.map((event) =>
          toNewEvent(event, randomUUID(), {
            occurredAt: at,
            actor,
            correlationId: caseId,
            causationId: caseId,
          }),
        );
      });
      await store.append(licenceStreamId(caseId), batch, 'no-stream');
    }
    return await store.headPosition();
  } finally {
    await store.close();
  }
}

/** Every read-model table of a file, rows in a stable order; checkpoints as bare positions. */
export function dumpReadModels(file: string): Record<string, unknown[]> {
  const db = new Database(file, { readonly: true });
  try {
    const tables = db
      .prepare<[], { name: string }>(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name",
      )
      .all()
      .map((t) => t.name);
    return Object.fromEntries(
      tables.map((table) => {
        if (table === 'projection_checkpoints') {
          return [
            table,
            db.prepare(`SELECT name, target, position FROM ${table} ORDER BY name, target`).all(),
          ];
        }
        const columns = (db.prepare(`SELECT * FROM ${table} LIMIT 0`).columns() as { name: string }[]).map(
          (_, i) => i + 1,
        );
        return [table, db.prepare(`SELECT * FROM ${table} ORDER BY ${columns.join(', ')}`).all()];
      }),
    );
  } finally {
    db.close();
  }
}

/** The lowest live checkpoint over the projections (0 until every projection has one). */
export function lowestCheckpoint(file: string): number {
  try {
    const db = new Database(file, { readonly: true, fileMustExist: true });
    try {
      const rows = db
        .prepare<[], { position: number }>(
          "SELECT position FROM projection_checkpoints WHERE target = 'live'",
        )
        .all();
      return rows.length < PROJECTION_NAMES.length ? 0 : Math.min(...rows.map((r) => r.position));
    } finally {
      db.close();
    }
  } catch {
    return 0;
  }
}
