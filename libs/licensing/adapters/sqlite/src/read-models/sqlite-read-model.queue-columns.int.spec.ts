import type { Actor } from '@licences/event-store';
import { localDate } from '@licences/licensing-domain';
import { PROJECTION_NAMES } from '@licences/licensing-read-models';
import type { LicenceFilter } from '@licences/licensing-read-models';
import type { SqliteReadModelStore } from './sqlite-read-model.store';
import { SQLITE_READ_MODELS } from './testing/sqlite-read-model.setup';
import {
  details,
  issue,
  OFFICER,
  proposeRevocation,
  register,
  SUPERVISOR,
} from '@licences/licensing-kysely/testing';
import { ReadModelHarness } from '@licences/licensing-kysely/testing';
import { execute, schemaObjects } from './testing/read-model-tables.fixture';

/*
 * A read-model database written before the work-queue columns: its validity rows cannot say who
 * registered a case, so opening it adds the columns and projects the validity model again.
 */

const INTAKE: Actor = { sub: 'intake-2', role: 'intake' };
const TODAY = localDate('2024-07-01');
const QUEUE_COLUMNS = [
  'registered_by_sub',
  'registered_by_role',
  'reassessment_requested',
  'revocation_proposed',
];
const QUEUE_INDEXES = [
  'licence_validity_registered_by_idx',
  'licence_validity_reassessment_idx',
  'licence_validity_revocation_proposed_idx',
];

describe('SqliteReadModelStore on a database from before the work-queue columns', () => {
  let h: ReadModelHarness<SqliteReadModelStore>;

  beforeEach(async () => {
    h = await ReadModelHarness.create(SQLITE_READ_MODELS.openEventStore, SQLITE_READ_MODELS.backend);
  });

  afterEach(() => h.dispose());

  async function writeCases(): Promise<void> {
    const at = (date: string) => `${date}T12:00:00Z`;
    const toSaudiArabia = details({ destinations: [{ country: 'SA', endUser: 'MoD' }] });
    await h.writer.decide('o-1', register('o-1'), at('2024-02-01'), OFFICER);
    await h.writer.decide('o-2', register('o-2', toSaudiArabia), at('2024-02-02'), INTAKE);
    await h.writer.decide('o-3', register('o-3'), at('2024-02-03'), INTAKE);
    await h.writer.decide('o-1', issue(), at('2024-03-01'), SUPERVISOR);
    await h.writer.decide('o-2', issue(), at('2024-03-05'), SUPERVISOR);
    await h.writer.decide('o-2', proposeRevocation('2024-04-28'), at('2024-05-01'), SUPERVISOR);
  }

  const ids = async (store: SqliteReadModelStore, filter: LicenceFilter) =>
    (await store.listValidity(filter, TODAY, { offset: 0, limit: 10 }, 'expiry')).rows.map((r) => r.caseId);

  /** Takes the file back to the schema before the work-queue columns, keeping its rows. */
  function toOldSchema(file: string): void {
    execute(
      file,
      [
        ...QUEUE_INDEXES.map((index) => `DROP INDEX ${index};`),
        ...QUEUE_COLUMNS.map((column) => `ALTER TABLE licence_validity DROP COLUMN ${column};`),
      ].join('\n'),
    );
  }

  it('adds the columns and indexes, projects the validity model again, and then answers the new filters', async () => {
    await writeCases();
    const all = await h.events.readAll();
    const head = all.at(-1)!.position;
    const { store, db: file } = await h.openStore();
    await h.projectAll(store, all);
    await store.close();
    toOldSchema(file);
    expect(schemaObjects(file).map((o) => o.name)).not.toContain('licence_validity_registered_by_idx');

    const reopened = (await h.openStore()).store;
    expect(schemaObjects(file).map((o) => o.name)).toEqual(expect.arrayContaining(QUEUE_INDEXES));
    // Only the validity model starts again; the others keep their place.
    expect(await reopened.checkpoint('licence-validity')).toBe(0);
    expect(await reopened.listValidity({}, TODAY, { offset: 0, limit: 10 })).toEqual({ rows: [], total: 0 });
    for (const name of PROJECTION_NAMES.filter((n) => n !== 'licence-validity')) {
      expect(await reopened.checkpoint(name)).toBe(head);
    }

    // What the projection runner does on start: catch up from the cleared checkpoint.
    expect(await reopened.project('licence-validity', all)).toBe(head);
    expect(await ids(reopened, { registeredBy: INTAKE.sub })).toEqual(['o-2', 'o-3']);
    expect(await ids(reopened, { revocationProposed: true })).toEqual(['o-2']);
    expect(await ids(reopened, { reassessmentRequested: false })).toEqual(['o-2', 'o-1', 'o-3']);
    expect(await ids(reopened, { expiresTo: localDate('2025-12-31') })).toEqual(['o-2']);
    expect(await reopened.findValidity('o-1')).toMatchObject({
      registeredAt: '2024-02-01T12:00:00.000Z',
      registeredBy: OFFICER,
    });
  });

  it('leaves a database that has the columns as it is: opening it again projects nothing again', async () => {
    await writeCases();
    const all = await h.events.readAll();
    const { store } = await h.openStore();
    await h.projectAll(store, all);
    await store.close();

    const reopened = (await h.openStore()).store;
    expect(await reopened.checkpoint('licence-validity')).toBe(all.at(-1)!.position);
    expect(await ids(reopened, { registeredBy: OFFICER.sub })).toEqual(['o-1']);
  });
});
