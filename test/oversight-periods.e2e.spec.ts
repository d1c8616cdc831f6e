import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  compareDates,
  DUTCH_VALIDITY_POLICY,
  POLICY_VARIANTS,
  whatIfComparison,
  whatIfForCase,
} from '@licences/licensing-domain';
import type { LocalDate, OversightFinding, WhatIfLicence } from '@licences/licensing-domain';
import {
  allCaseHistories,
  caseReplayView,
  replayInputOf,
  PROJECTION_NAMES,
  ReplayDecisionsHandler,
  ReplayDecisionsQuery,
  selectDecisions,
  StreamDecisionsHandler,
  StreamDecisionsQuery,
  WhatIfHandler,
  WhatIfQuery,
} from '@licences/licensing-read-models';
import type {
  DecisionInPeriod,
  DecisionsInPeriodView,
  DecisionsSelection,
  ReadModelStore,
} from '@licences/licensing-read-models';
import type { RecordedEvent } from '@licences/event-store';
import { SqliteEventStore } from '@licences/event-store-sqlite';
import { SqliteReadModelStore } from '@licences/licensing-sqlite';
import { decisionsJson } from '../apps/api/src/oversight/decisions-json.stream';
import { runScriptAsync } from './support/app-process';
import { SCRIPT_MS } from './support/child-processes';
import { timeoutAbove } from './support/waiting';

/** A demo of 150 cases over five years and this one: many seconds with both cores taken. */
const DEMO_MS = 3 * SCRIPT_MS;
const TODAY = '2026-11-30';

/*
 * The oracle: the period queries read through the index of decision dates give exactly what the
 * computation that walked every case's history gave, on a generated history.
 */

const within = (date: LocalDate, from: LocalDate, to: LocalDate) =>
  compareDates(from, date) <= 0 && compareDates(date, to) <= 0;

const byDateCaseRevision = (
  a: { decisionDate: LocalDate; caseId: string; revision: number },
  b: { decisionDate: LocalDate; caseId: string; revision: number },
) =>
  compareDates(a.decisionDate, b.decisionDate) || a.caseId.localeCompare(b.caseId) || a.revision - b.revision;

/** The decisions of a period as they were computed before the index: every case replayed. */
async function walkEverything(
  readModels: ReadModelStore,
  from: LocalDate,
  to: LocalDate,
  selection: DecisionsSelection,
): Promise<DecisionsInPeriodView> {
  const decisions: DecisionInPeriod[] = [];
  const findings: OversightFinding[] = [];
  for await (const [caseId, entries] of allCaseHistories(readModels)) {
    if (!entries.some((e) => within(e.decisionDate, from, to))) continue;
    const replay = caseReplayView(caseId, entries, DUTCH_VALIDITY_POLICY);
    for (const { stateBefore: _before, stateAfter: _after, ...step } of replay.steps) {
      if (within(step.decisionDate, from, to)) decisions.push({ caseId, ...step });
    }
    findings.push(...replay.findings.filter((f) => within(f.decisionDate, from, to)));
  }
  decisions.sort(byDateCaseRevision);
  findings.sort(byDateCaseRevision);
  const totals = {
    decisions: decisions.length,
    rechecked: decisions.filter((d) => d.recheck !== undefined).length,
    deviations: findings.filter((f) => f.severity === 'deviation').length,
    notes: findings.filter((f) => f.severity === 'note').length,
  };
  return selectDecisions({ from, to, decisions, findings, totals }, selection);
}

/** The what-if of a period as it was computed before: every case replayed. */
async function whatIfWalkingEverything(readModels: ReadModelStore, from: LocalDate, to: LocalDate) {
  const variant = POLICY_VARIANTS['contract-duration'];
  const licences: WhatIfLicence[] = [];
  for await (const [, entries] of allCaseHistories(readModels)) {
    const events = [...entries].sort((a, b) => a.revision - b.revision).map((e) => replayInputOf(e).event);
    const licence = whatIfForCase(events, variant, { from, to }, DUTCH_VALIDITY_POLICY);
    if (licence) licences.push(licence);
  }
  licences.sort((a, b) => a.issuedOn.localeCompare(b.issuedOn) || a.caseId.localeCompare(b.caseId));
  return whatIfComparison(variant, { from, to }, licences);
}

const PERIODS: readonly [string, LocalDate, LocalDate][] = [
  ['a day', '2025-03-04', '2025-03-04'],
  ['a month', '2024-06-01', '2024-06-30'],
  ['a year', '2025-01-01', '2025-12-31'],
  ['everything', '1990-01-01', '2099-12-31'],
  ['nothing', '2099-01-01', '2099-12-31'],
] as [string, LocalDate, LocalDate][];

describe('oversight periods through the index of decision dates, against walking every case', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'licences-periods-'));
  let store: SqliteReadModelStore | undefined;
  let decisions: ReplayDecisionsHandler;
  let whatIf: WhatIfHandler;
  let streamed: StreamDecisionsHandler;
  let all: RecordedEvent[] = [];

  beforeAll(async () => {
    const cli = ['-r', './tools/register.cjs', 'apps/api/src/cli/demo.cli.ts'];
    const loaded = await runScriptAsync(
      [...cli, '--cases', '150', '--today', TODAY, '--json'],
      { LICENCES_DATA_DIR: dataDir },
      DEMO_MS,
    );
    if (loaded.status !== 0) throw new Error(`npm run demo exited ${loaded.status}:\n${loaded.stderr}`);
    // The demo leaves the read models to the server's catch-up: the history is projected here.
    const events = SqliteEventStore.open({ file: join(dataDir, 'licences.sqlite') });
    store = await SqliteReadModelStore.open(join(dataDir, 'read-models.sqlite'));
    try {
      all = await events.readAll();
      for (const name of PROJECTION_NAMES) await store.project(name, all);
    } finally {
      await events.close();
    }
    decisions = new ReplayDecisionsHandler(store, DUTCH_VALIDITY_POLICY);
    whatIf = new WhatIfHandler(store, DUTCH_VALIDITY_POLICY);
    streamed = new StreamDecisionsHandler(store, DUTCH_VALIDITY_POLICY);
  }, timeoutAbove(DEMO_MS));

  afterAll(async () => {
    try {
      await store?.close();
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  const readModels = () => store!;

  it('has a history with decisions and findings to compare', async () => {
    const [from, to] = PERIODS[3]!.slice(1) as [LocalDate, LocalDate];
    const all = await walkEverything(readModels(), from, to, {});
    expect(all.totals.decisions).toBeGreaterThan(300);
    expect(all.totals.deviations + all.totals.notes).toBeGreaterThan(0);
    for (const [, from, to] of PERIODS.slice(1, 3)) {
      expect((await walkEverything(readModels(), from, to, {})).totals.decisions).toBeGreaterThan(0);
    }
  });

  it.each(PERIODS)('gives %s the decisions, findings and totals of the walk', async (_label, from, to) => {
    const expected = await walkEverything(readModels(), from, to, {});
    expect(await decisions.execute(new ReplayDecisionsQuery(from, to))).toEqual(expected);
  });

  it.each(PERIODS)('streams %s as the same JSON text the walk gives', async (_label, from, to) => {
    const stream = await streamed.execute(new StreamDecisionsQuery(from, to));
    let text = '';
    for await (const part of decisionsJson(stream, stream.chunks)) text += part;
    expect(text).toBe(JSON.stringify(await walkEverything(readModels(), from, to, {})));
  });

  it.each(PERIODS)('pages %s as the walk pages it', async (_label, from, to) => {
    for (const pageSize of [1, 7, 50]) {
      for (const page of [1, 2, 3, 40]) {
        const selection = { paging: { page, pageSize } };
        expect(await decisions.execute(new ReplayDecisionsQuery(from, to, selection))).toEqual(
          await walkEverything(readModels(), from, to, selection),
        );
      }
    }
  });

  it.each(PERIODS)('filters %s by finding as the walk filters it', async (_label, from, to) => {
    const selections: DecisionsSelection[] = [
      { severity: 'any' },
      { severity: 'deviation', paging: { page: 1, pageSize: 3 } },
      { severity: 'note', paging: { page: 2, pageSize: 2 } },
      { code: 'VALIDITY_SHORTER_THAN_RULE' },
    ];
    for (const selection of selections) {
      expect(await decisions.execute(new ReplayDecisionsQuery(from, to, selection))).toEqual(
        await walkEverything(readModels(), from, to, selection),
      );
    }
  });

  it.each(PERIODS)('compares %s under another policy as the walk did', async (_label, from, to) => {
    expect(await whatIf.execute(new WhatIfQuery('contract-duration', from, to))).toEqual(
      await whatIfWalkingEverything(readModels(), from, to),
    );
  });

  it('pages with the totals of the period as it is now, after decisions were added to it', async () => {
    const growing = await SqliteReadModelStore.open(join(dataDir, 'growing.sqlite'));
    try {
      const handler = new ReplayDecisionsHandler(growing, DUTCH_VALIDITY_POLICY);
      const [from, to] = PERIODS[3]!.slice(1) as [LocalDate, LocalDate];
      const paging = { paging: { page: 2, pageSize: 10 } };
      const half = all.slice(0, Math.floor(all.length / 2));
      for (const name of PROJECTION_NAMES) await growing.project(name, half);
      const before = await handler.execute(new ReplayDecisionsQuery(from, to, paging));
      expect(before).toEqual(await walkEverything(growing, from, to, paging));
      for (const name of PROJECTION_NAMES) await growing.project(name, all);
      const after = await handler.execute(new ReplayDecisionsQuery(from, to, paging));
      expect(after).toEqual(await walkEverything(growing, from, to, paging));
      expect(after.totals.decisions).toBeGreaterThan(before.totals.decisions);
    } finally {
      await growing.close();
    }
  });
});
