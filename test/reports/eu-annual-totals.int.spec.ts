import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore } from '@licences/event-store-sqlite';
import { HistoricalImportService, stagingDirIn } from '@licences/licensing-application';
import { DUTCH_VALIDITY_POLICY, policyVersionOn } from '@licences/licensing-domain';
import { PostgresReadModelStore } from '@licences/licensing-postgres';
import type { ReadModelStore } from '@licences/licensing-read-models';
import {
  buildEuAnnualReport,
  buildEuAnnualReportFromTotals,
  parseReportPeriod,
  renderReportJson,
  formatReport,
} from '@licences/licensing-reporting';
import type { ReportLanguage } from '@licences/licensing-reporting';
import { DemoPlan } from '@licences/licensing-sample-data';
import { SqliteReadModelStore } from '@licences/licensing-sqlite';
import { createTestDatabase } from '../../libs/licensing/adapters/postgres/src/testing/postgres-test-database';
import type { TestDatabase } from '../../libs/licensing/adapters/postgres/src/testing/postgres-test-database';

jest.setTimeout(300_000);

/*
 * The EU annual report counted by the store (militaryDecisionTotals) must be the report built from
 * every fact, byte for byte, on SQLite and on PostgreSQL: checked on the demo generator's archive,
 * imported through the real import, for every year it spans, at the head and at a cut position.
 */
describe('EU annual report from grouped counts, against the report from every fact', () => {
  const plan = new DemoPlan({ seed: 11, cases: 4000, today: '2026-06-30' as never });
  const archive = plan.archiveImport()!;
  const dir = mkdtempSync(join(tmpdir(), 'eu-annual-totals-'));
  let events: SqliteEventStore;
  let database: TestDatabase;
  const stores: { label: string; store: ReadModelStore }[] = [];

  beforeAll(async () => {
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
  });

  afterAll(async () => {
    for (const { store } of stores) await store.close();
    await events?.close();
    await database?.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('gives the same report, in every format, for every year and language, at the head and before it', async () => {
    const head = await events.headPosition();
    const years = new Set<number>();
    for (const line of plan.importLines()) years.add(Number((JSON.parse(line) as { occurredAt: string }).occurredAt.slice(0, 4)));
    let compared = 0;
    let rows = 0;
    for (const { label, store } of stores) {
      for (const year of [...years].sort()) {
        const period = parseReportPeriod({ year: String(year) });
        for (const position of [head, Math.floor(head / 2)]) {
          for (const lang of ['en', 'nl'] as ReportLanguage[]) {
            const context = { position, policyVersion: policyVersionOn(DUTCH_VALIDITY_POLICY, period.to), lang };
            const facts = await store.statisticsFacts(period.from, period.to, position);
            const fromFacts = buildEuAnnualReport(facts, year, period, context);
            const totals = await store.militaryDecisionTotals(period.from, period.to, position);
            const fromTotals = buildEuAnnualReportFromTotals(totals, year, context);
            expect({ label, year, position, json: renderReportJson(fromTotals) }).toEqual({
              label,
              year,
              position,
              json: renderReportJson(fromFacts),
            });
            for (const format of ['csv', 'md', 'html'] as const)
              expect(formatReport(fromTotals, format).body).toBe(formatReport(fromFacts, format).body);
            compared += 1;
            rows += fromFacts.rows.length + fromFacts.transit.rows.length + fromFacts.brokering.rows.length;
          }
        }
      }
    }
    // The history is not empty: the comparison saw tables with rows, in several years.
    expect(years.size).toBeGreaterThan(1);
    expect(compared).toBe(stores.length * years.size * 4);
    expect(rows).toBeGreaterThan(0);
  });
});
