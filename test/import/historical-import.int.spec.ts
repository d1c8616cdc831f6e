import { createHash, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore } from '@licences/event-store-sqlite';
import {
  HistoricalImportService,
  LicenceRepository,
  licenceStreamId,
  toNewEvent,
} from '@licences/licensing-application';
import type { ImportProgress, ImportReport } from '@licences/licensing-application';
import { decide, DUTCH_VALIDITY_POLICY } from '@licences/licensing-domain';
import type { LicenceCommand, LicenceState } from '@licences/licensing-domain';
import { assessment } from '../support/cases';
import { TestApp } from '../support/test-app';
import { caseData, generateHistory, idOf } from './historical-history';
import type { HistoryLine } from './historical-history';

const IMPORT_TIME = '2026-01-15T09:00:00.000Z';
const clock = { now: () => new Date(IMPORT_TIME) };

const openStore = (dataDir: string) =>
  SqliteEventStore.open({ file: join(dataDir, 'licences.sqlite'), clock: () => new Date(IMPORT_TIME) });
const linesOf = (text: string) => text.split('\n').slice(0, text.endsWith('\n') ? -1 : undefined);

describe('historical import of a multi-year history', () => {
  const history = generateHistory(300);
  const fileLines = linesOf(history.text);
  // The API owns the data folder; the import writes into it before the API starts.
  const app = new TestApp();
  let store: SqliteEventStore;
  let service: HistoricalImportService;
  let first: ImportReport;
  const progress: ImportProgress[] = [];

  beforeAll(async () => {
    store = openStore(app.dataDir);
    service = new HistoricalImportService(store, clock, DUTCH_VALIDITY_POLICY);
    first = await service.run(() => fileLines, { onProgress: (p) => progress.push(p) });
  });

  afterAll(async () => {
    await store.close();
    await app.dispose();
  });

  it('takes every case that keeps the rules and refuses the others whole, naming lines and reasons', () => {
    expect(first.importId).toBe(createHash('sha256').update(history.text).digest('hex'));
    expect(first.lines).toBe(fileLines.length);
    expect(first.accepted).toBe(300);
    expect(first.alreadyImported).toBe(0);
    const goodLines = [...history.linesByCase.values()].reduce((n, lines) => n + lines.length, 0);
    expect(first.eventsAppended).toBe(goodLines);
    expect(first.refused.map((r) => [r.caseId, r.code, r.lines.length]).sort()).toEqual(
      history.refusals.map((r) => [r.caseId, r.code, r.lineCount]).sort(),
    );
    // Every refused line belongs to its case in the file.
    for (const refusal of first.refused.filter((r) => r.caseId !== null)) {
      for (const n of refusal.lines) expect(fileLines[n - 1]).toContain(refusal.caseId);
      expect(refusal.lines).toContain(refusal.line);
      expect(refusal.reason).toMatch(new RegExp(`^line ${refusal.line}\\b.*${refusal.code}`));
    }
    const byCase = (label: string) => first.refused.find((r) => r.caseId === idOf(label));
    // The broken last line refuses the case whose first line opens the file.
    expect(byCase('bad/broken-json')).toMatchObject({ lines: [1, fileLines.length], line: fileLines.length });
    expect(byCase('bad/issue-first')?.reason).toContain('no SondageRequested or Applied before this line');
    expect(byCase('bad/extend-expired')?.reason).toContain('expired');
    expect(byCase('bad/not-a-date')?.reason).toContain('data.validUntil must be a calendar date');
    expect(byCase('bad/revoke-without-evidence')?.line).toBe(byCase('bad/revoke-without-evidence')!.lines[2]);
    const orphan = first.refused.find((r) => r.caseId === null);
    expect(fileLines[orphan!.line - 1]).toBe('this is not JSON');
  });

  it('reports progress through both passes', () => {
    expect(progress.some((p) => p.phase === 'check')).toBe(true);
    expect(progress.at(-1)).toEqual({
      phase: 'import',
      linesRead: fileLines.length,
      casesDone: 300,
      casesTotal: 300,
    });
  });

  it('keeps business time, marks events as imported and records them at the import time', async () => {
    const events = await store.readAll();
    expect(events).toHaveLength(first.eventsAppended);
    for (const event of events) {
      const { line } = event.metadata.imported!;
      const source = JSON.parse(fileLines[line - 1]!) as HistoryLine;
      expect(event.streamId).toBe(licenceStreamId(source.caseId));
      expect(event.type).toBe(source.type);
      expect(event.metadata).toEqual({
        occurredAt: new Date(source.occurredAt).toISOString(),
        actor: source.actor,
        correlationId: first.importId,
        causationId: `import:${first.importId}:${line}`,
        imported: { importId: first.importId, line },
      });
      expect(event.recordedAt).toBe(IMPORT_TIME);
    }
    for (const refusal of first.refused) {
      if (refusal.caseId) expect(await store.streamRevision(licenceStreamId(refusal.caseId))).toBeUndefined();
    }
  });

  it('keeps the validity decided then, beside the rule the policy of that day gave', async () => {
    const deviating = history.issued.filter((l) => l.validUntil !== l.policyValidUntil && !l.revoked);
    expect(deviating.length).toBeGreaterThan(0);
    for (const licence of history.issued) {
      const [issued] = (await store.readStream(licenceStreamId(licence.caseId))).filter(
        (e) => e.type === 'Issued',
      );
      expect(issued?.data).toMatchObject({ validFrom: licence.validFrom, rule: { ruleId: licence.ruleId } });
    }
    const [deviant] = deviating;
    const [issued] = (await store.readStream(licenceStreamId(deviant!.caseId))).filter(
      (e) => e.type === 'Issued',
    );
    expect(issued?.data).toMatchObject({ validUntil: deviant!.validUntil });
  });

  it('appends nothing when the same history is imported again, however its lines are spelled', async () => {
    const head = await store.headPosition();
    const again = await service.run(() => fileLines);
    expect(again).toMatchObject({
      importId: first.importId,
      accepted: 0,
      alreadyImported: 300,
      eventsAppended: 0,
    });
    expect(again.refused).toEqual(first.refused);
    // Keys in another order and other spacing: another import id, the same events.
    const respelled = fileLines.map((text) => {
      try {
        const parsed = JSON.parse(text) as Record<string, unknown>;
        return JSON.stringify(Object.fromEntries(Object.entries(parsed).reverse()), null, 1).replace(
          /\n/g,
          ' ',
        );
      } catch {
        return text;
      }
    });
    const third = await service.run(() => respelled);
    expect(third.importId).not.toBe(first.importId);
    expect(third).toMatchObject({ accepted: 0, alreadyImported: 300, eventsAppended: 0 });
    expect(await store.headPosition()).toBe(head);
  });

  it('shows the imported licences in the read models with the imported validity', async () => {
    await app.start();
    app.clock.set(IMPORT_TIME);
    const head = await store.headPosition();
    const get = async (id: string, query: string) =>
      (await app.request('GET', `/api/licences/${id}?minPosition=${head}&${query}`, { role: 'oversight' }))
        .body;

    const deviant = history.issued.find((l) => l.validUntil !== l.policyValidUntil && !l.revoked)!;
    const afterPolicyEnd = addOneMonth(deviant.policyValidUntil);
    expect(await get(deviant.caseId, `validOn=${afterPolicyEnd}`)).toMatchObject({
      status: 'issued',
      valid: true,
      validFrom: deviant.validFrom,
      validUntil: deviant.validUntil,
    });
    const revoked = history.issued.find((l) => l.revoked)!;
    expect(await get(revoked.caseId, `validOn=${revoked.validFrom}`)).toMatchObject({
      status: 'issued',
      valid: true,
    });
    expect(await get(revoked.caseId, '')).toMatchObject({ status: 'revoked', valid: false });

    const decisions = (
      await app.request('GET', `/api/licences/${deviant.caseId}/history?minPosition=${head}`, {
        role: 'oversight',
      })
    ).body.decisions as { occurredAt: string; recordedAt: string; actor: unknown }[];
    const lines = history.linesByCase.get(deviant.caseId)!;
    expect(decisions.map((d) => d.occurredAt)).toEqual(
      lines.map((l) => new Date(l.occurredAt).toISOString()),
    );
    expect(decisions.map((d) => d.recordedAt)).toEqual(lines.map(() => IMPORT_TIME));
  });
});

function addOneMonth(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCMonth(d.getUTCMonth() + 1);
  return d.toISOString().slice(0, 10);
}

describe('historical import into a store that already holds cases', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'licences-import-'));
  let store: SqliteEventStore;
  let service: HistoricalImportService;
  const appliedOn = '2021-03-01T10:00:00Z';
  const line = (caseId: string, type: string, occurredAt: string, data: Record<string, unknown>) =>
    JSON.stringify({ caseId, type, occurredAt, actor: { sub: 'archive', role: 'assessor' }, data });

  beforeAll(() => {
    store = openStore(dataDir);
    service = new HistoricalImportService(store, clock, DUTCH_VALIDITY_POLICY);
  });

  afterAll(async () => {
    await store.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const BOB = { sub: 'bob', role: 'assessor' };
  const liveAppend = async (caseId: string, command: LicenceCommand, at: string, state?: LicenceState) => {
    const [event] = decide(command, state, { now: new Date(at), actor: BOB }, DUTCH_VALIDITY_POLICY);
    const metadata = {
      occurredAt: at,
      actor: BOB,
      correlationId: 'c',
      causationId: 'c',
    };
    const expected = (await store.streamRevision(licenceStreamId(caseId))) ?? 'no-stream';
    await store.append(licenceStreamId(caseId), [toNewEvent(event!, randomUUID(), metadata)], expected);
  };

  it('refuses a case the store holds with other events instead of merging into it', async () => {
    const caseId = idOf('live/existing');
    const details = caseData(4, 'DE');
    await liveAppend(
      caseId,
      { type: 'RegisterCase', caseId, procedure: 'application', details } as LicenceCommand,
      appliedOn,
    );
    const report = await service.run(() => [line(caseId, 'Applied', appliedOn, details)]);
    expect(report.refused).toEqual([
      expect.objectContaining({
        caseId,
        lines: [1],
        code: 'CASE_EXISTS',
        reason: expect.stringContaining('never merges'),
      }),
    ]);
    expect(await store.streamRevision(licenceStreamId(caseId))).toBe(0);
  });

  it('completes a case imported before from a shorter history, and leaves later live decisions alone', async () => {
    const caseId = idOf('import/growing');
    const details = caseData(5, 'DE');
    const applied = line(caseId, 'Applied', appliedOn, details);
    const issued = line(caseId, 'Issued', '2021-03-20T10:00:00Z', {
      assessment,
      validFrom: '2021-03-20',
      validUntil: '2024-03-19',
    });
    expect(await service.run(() => [applied])).toMatchObject({ accepted: 1, eventsAppended: 1 });
    expect(await service.run(() => [applied, issued])).toMatchObject({
      accepted: 1,
      eventsAppended: 1,
      refused: [],
    });
    const stored = await store.readStream(licenceStreamId(caseId));
    expect(stored.map((e) => e.metadata.imported?.line)).toEqual([1, 2]);

    // A live decision after the import: the shorter history is still a prefix of the case.
    const { state } = await new LicenceRepository(store).load(caseId);
    await liveAppend(
      caseId,
      { type: 'ExtendLicence', reassessment: assessment } as LicenceCommand,
      '2024-01-10T10:00:00Z',
      state,
    );
    expect(await service.run(() => [applied, issued])).toMatchObject({
      accepted: 0,
      alreadyImported: 1,
      refused: [],
    });
    expect(await store.streamRevision(licenceStreamId(caseId))).toBe(2);
  });
});
