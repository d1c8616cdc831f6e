import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore } from '@licences/event-store-sqlite';
import { HistoricalImportService, stagingDirIn } from '@licences/licensing-application';
import { DUTCH_VALIDITY_POLICY } from '@licences/licensing-domain';
import { PostgresReadModelStore } from '@licences/licensing-postgres';
import type { ReadModelStore } from '@licences/licensing-read-models';
import { DemoPlan } from '@licences/licensing-sample-data';
import { SqliteReadModelStore } from '@licences/licensing-sqlite';
import { createTestDatabase } from '../../libs/licensing/adapters/postgres/src/testing/postgres-test-database';
import type { TestDatabase } from '../../libs/licensing/adapters/postgres/src/testing/postgres-test-database';

/** The demo generator's archive, imported through the real import and projected into both read stores. */
export interface ImportedArchive {
  readonly events: SqliteEventStore;
  readonly stores: readonly { readonly label: string; readonly store: ReadModelStore }[];
  /** Every year a decision of the archive falls in, in order. */
  readonly years: readonly number[];
  close(): Promise<void>;
}

export async function importArchive(cases: number, seed = 11): Promise<ImportedArchive> {
  const plan = new DemoPlan({ seed, cases, today: '2026-06-30' as never });
  const archive = plan.archiveImport()!;
  const dir = mkdtempSync(join(tmpdir(), 'reports-from-store-'));
  let events: SqliteEventStore | undefined;
  let database: TestDatabase | undefined;
  const stores: { label: string; store: ReadModelStore }[] = [];
  const close = async (): Promise<void> => {
    for (const { store } of stores) await store.close();
    await events?.close();
    await database?.drop();
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    let now = new Date(archive.stagedAt);
    events = SqliteEventStore.open({ file: join(dir, 'licences.sqlite') });
    const imports = new HistoricalImportService(events, { now: () => now }, DUTCH_VALIDITY_POLICY, {
      cutover: new Date(archive.cutover),
      stagingDir: stagingDirIn(dir),
    });
    const { record } = await imports.stage(
      (function* () {
        for (const line of plan.importLines()) yield `${line}\n`;
      })(),
      archive.uploadedBy,
    );
    now = new Date(archive.approvedAt);
    await imports.approve(record.importId, archive.approvedBy);
    database = await createTestDatabase();
    stores.push(
      { label: 'SQLite', store: await SqliteReadModelStore.open(join(dir, 'read-models.sqlite')) },
      { label: 'PostgreSQL', store: await PostgresReadModelStore.open({ connectionString: database.url }) },
    );
    const all = await events.readAll();
    for (const { store } of stores) await store.project('statistics', all);
    const years = new Set<number>();
    for (const line of plan.importLines())
      years.add(Number((JSON.parse(line) as { occurredAt: string }).occurredAt.slice(0, 4)));
    return { events, stores, years: [...years].sort(), close };
  } catch (error) {
    await close();
    throw error;
  }
}
