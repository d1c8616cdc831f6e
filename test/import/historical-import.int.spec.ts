import { createHash, randomUUID } from 'node:crypto';
import { appendFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RecordedEvent } from '@licences/event-store';
import { SqliteEventStore } from '@licences/event-store-sqlite';
import {
  HistoricalImportService,
  IMPORT_INDEX_STREAM,
  importStreamId,
  LICENCE_STREAM_PREFIX,
  LicenceRepository,
  licenceStreamId,
  recordEvent,
  stagingDirIn,
  toNewEvent,
  verifyIntegrity,
} from '@licences/licensing-application';
import type { ImportProgress, ImportRecord, ImportReport } from '@licences/licensing-application';
import { currentCaseDetails, decide, DUTCH_VALIDITY_POLICY } from '@licences/licensing-domain';
import type { CaseDetails, LicenceCommand, LicenceState } from '@licences/licensing-domain';
import { assessment } from '../support/cases';
import { TestApp } from '../support/test-app';
import { caseData, CUTOVER, generateHistory, idOf } from './historical-history';
import type { HistoryLine } from './historical-history';

const IMPORT_TIME = '2026-01-15T09:00:00.000Z';
const clock = { now: () => new Date(IMPORT_TIME) };
const alice = { sub: 'alice', role: 'admin' };
const bob = { sub: 'bob', role: 'admin' };

const openStore = (dataDir: string) =>
  SqliteEventStore.open({ file: join(dataDir, 'licences.sqlite'), clock: () => new Date(IMPORT_TIME) });
const serviceOn = (store: SqliteEventStore, dataDir: string) =>
  new HistoricalImportService(store, clock, DUTCH_VALIDITY_POLICY, {
    cutover: new Date(CUTOVER),
    stagingDir: stagingDirIn(dataDir),
  });
const linesOf = (text: string) => text.split('\n').slice(0, text.endsWith('\n') ? -1 : undefined);
const licenceEvents = async (store: SqliteEventStore) =>
  (await store.readAll()).filter((e) => e.streamId.startsWith(LICENCE_STREAM_PREFIX));

describe('historical import of a multi-year history, staged by one admin and approved by another', () => {
  const history = generateHistory(300);
  const fileLines = linesOf(history.text);
  // The API owns the data folder; the import writes into it before the API starts.
  const app = new TestApp();
  let store: SqliteEventStore;
  let service: HistoricalImportService;
  let staged: ImportRecord;
  let licenceEventsWhileStaged: RecordedEvent[];
  let first: ImportReport;
  const progress: ImportProgress[] = [];

  beforeAll(async () => {
    // The API has run on this data folder before (its access log exists), as in any installation.
    await app.start();
    await app.stop();
    store = openStore(app.dataDir);
    service = serviceOn(store, app.dataDir);
    const onProgress = (p: ImportProgress) => progress.push(p);
    ({ record: staged } = await service.stage([history.text], alice, { onProgress }));
    licenceEventsWhileStaged = await licenceEvents(store);
    first = await service.approve(staged.importId, bob, { onProgress });
  });

  afterAll(async () => {
    await store.close();
    await app.dispose();
  });

  it('stages without appending anything to a case, and says what approval would append', () => {
    expect(licenceEventsWhileStaged).toEqual([]);
    const goodLines = [...history.linesByCase.values()].reduce((n, lines) => n + lines.length, 0);
    expect(staged.staging).toMatchObject({ accepted: 300, alreadyImported: 0, eventsToAppend: goodLines });
    expect(staged.staging.refused).toEqual(first.refused);
  });

  it('takes every case that keeps the rules and refuses the others whole, naming lines and reasons', () => {
    expect(first.importId).toBe(createHash('sha256').update(history.text).digest('hex'));
    expect(first.lines).toBe(fileLines.length);
    expect(first.accepted).toBe(300);
    expect(first.alreadyImported).toBe(0);
    const goodLines = [...history.linesByCase.values()].reduce((n, lines) => n + lines.length, 0);
    expect(first.eventsAppended).toBe(goodLines);
    expect(first.refusedTotal).toBe(history.refusals.length);
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
    expect(byCase('bad/from-the-future')?.reason).toContain(`not before the import cut-over ${CUTOVER}`);
    expect(byCase('bad/revoke-without-evidence')?.line).toBe(byCase('bad/revoke-without-evidence')!.lines[2]);
    const orphan = first.refused.find((r) => r.caseId === null);
    expect(fileLines[orphan!.line - 1]).toBe('this is not JSON');
  });

  it('reports progress through every pass', () => {
    expect(new Set(progress.map((p) => p.phase))).toEqual(new Set(['check', 'review', 'import']));
    expect(progress.at(-1)).toEqual({
      phase: 'import',
      linesRead: fileLines.length,
      casesDone: 300,
      casesTotal: 300,
    });
  });

  it('keeps business time, marks events as imported by both officials and records them at the import time', async () => {
    const events = await licenceEvents(store);
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
        imported: { importId: first.importId, line, uploadedBy: alice, approvedBy: bob },
      });
      expect(event.recordedAt).toBe(IMPORT_TIME);
    }
    for (const refusal of first.refused) {
      if (refusal.caseId) expect(await store.streamRevision(licenceStreamId(refusal.caseId))).toBeUndefined();
    }
  });

  it('keeps who staged and who approved in the sealed event log', async () => {
    const record = await store.readStream(importStreamId(first.importId));
    expect(record.map((e) => [e.type, e.metadata.actor])).toEqual([
      ['ImportStaged', alice],
      ['ImportApproved', bob],
      ['ImportCommitted', bob],
    ]);
    expect(await service.get(first.importId)).toMatchObject({
      status: 'committed',
      uploadedBy: alice,
      approvedBy: bob,
      commit: first,
    });
    const index = await store.readStream(IMPORT_INDEX_STREAM);
    expect(index.map((e) => e.data)).toEqual([{ importId: first.importId }]);
    expect(await verifyIntegrity(store)).toMatchObject({ intact: true, sealed: true });
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
    // Staging showed the deviation to the approver.
    expect(staged.staging.findings.listed).toContainEqual(
      expect.objectContaining({
        caseId: deviant!.caseId,
        code: 'VALIDITY_LONGER_THAN_RULE',
        severity: 'deviation',
      }),
    );
  });

  it('appends nothing when the same history is imported again, however its lines are spelled', async () => {
    const before = (await licenceEvents(store)).length;
    expect(await service.stage([history.text], alice)).toMatchObject({
      created: false,
      record: { importId: first.importId, status: 'committed' },
    });
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
    const { record } = await service.stage([respelled.join('\r\n')], alice);
    expect(record.importId).not.toBe(first.importId);
    expect(record.staging).toMatchObject({ accepted: 0, alreadyImported: 300, eventsToAppend: 0 });
    const again = await service.approve(record.importId, bob);
    expect(again).toMatchObject({ accepted: 0, alreadyImported: 300, eventsAppended: 0 });
    expect(again.refused).toEqual(first.refused);
    expect((await licenceEvents(store)).length).toBe(before);
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
    ).body.decisions as { occurredAt: string; recordedAt: string; imported: unknown }[];
    const lines = history.linesByCase.get(deviant.caseId)!;
    expect(decisions.map((d) => d.occurredAt)).toEqual(
      lines.map((l) => new Date(l.occurredAt).toISOString()),
    );
    expect(decisions.map((d) => d.recordedAt)).toEqual(lines.map(() => IMPORT_TIME));
    expect(decisions[0]?.imported).toMatchObject({ uploadedBy: alice, approvedBy: bob });
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
    JSON.stringify({
      caseId,
      type,
      occurredAt,
      actor: type === 'Applied' ? { sub: 'archive', role: 'intake' } : { sub: 'archive', role: 'assessor' },
      data,
    });
  /** Stages the lines as alice and has bob approve them. */
  const importLines = async (lines: string[]) => {
    const { record } = await service.stage([lines.join('\n')], alice);
    return { staging: record.staging, report: await service.approve(record.importId, bob) };
  };

  beforeAll(() => {
    store = openStore(dataDir);
    service = serviceOn(store, dataDir);
  });

  afterAll(async () => {
    await store.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const liveAppend = async (caseId: string, command: LicenceCommand, at: string, state?: LicenceState) => {
    const actor = { sub: 'bob', role: command.type === 'RegisterCase' ? 'intake' : 'assessor' };
    const [event] = decide(command, state, { now: new Date(at), actor }, DUTCH_VALIDITY_POLICY);
    const metadata = { occurredAt: at, actor, correlationId: 'c', causationId: 'c' };
    const expected = (await store.streamRevision(licenceStreamId(caseId))) ?? 'no-stream';
    await store.append(licenceStreamId(caseId), [toNewEvent(event!, randomUUID(), metadata)], expected);
  };

  it('refuses a case the store holds with other events instead of merging into it, already at staging', async () => {
    const caseId = idOf('live/existing');
    const details = caseData(4, 'DE');
    // The file spells the case as an older export does; the live command takes the current shape.
    const live = currentCaseDetails(details as unknown as CaseDetails);
    await liveAppend(
      caseId,
      { type: 'RegisterCase', caseId, procedure: 'application', details: live },
      appliedOn,
    );
    const refusal = expect.objectContaining({
      caseId,
      lines: [1],
      code: 'CASE_EXISTS',
      reason: expect.stringContaining('never merges'),
    });
    const { staging, report } = await importLines([line(caseId, 'Applied', appliedOn, details)]);
    expect(staging).toMatchObject({ accepted: 0, refusedTotal: 1, refused: [refusal] });
    expect(report).toMatchObject({ accepted: 0, refusedTotal: 1, refused: [refusal] });
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
    expect((await importLines([applied])).report).toMatchObject({ accepted: 1, eventsAppended: 1 });
    const grown = await importLines([applied, issued]);
    expect(grown.staging).toMatchObject({ accepted: 1, eventsToAppend: 1 });
    expect(grown.report).toMatchObject({ accepted: 1, eventsAppended: 1, refused: [] });
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
    const third = await importLines([applied, issued, '']);
    expect(third.report).toMatchObject({ accepted: 0, alreadyImported: 1, refused: [] });
    expect(await store.streamRevision(licenceStreamId(caseId))).toBe(2);
  });

  it('refuses to approve a staged file that changed since, and leaves the import staged', async () => {
    const caseId = idOf('import/tampered');
    const { record } = await service.stage([line(caseId, 'Applied', appliedOn, caseData(6, 'FR'))], alice);
    appendFileSync(join(stagingDirIn(dataDir), `${record.importId}.ndjson`), '\n');
    await expect(service.approve(record.importId, bob)).rejects.toMatchObject({
      code: 'IMPORT_FILE_CHANGED',
    });
    expect(await store.streamRevision(licenceStreamId(caseId))).toBeUndefined();
    expect(await service.get(record.importId)).toMatchObject({ status: 'staged' });
  });

  it('lets one of two simultaneous approvals in, and appends the cases once', async () => {
    const caseId = idOf('import/raced');
    const { record } = await service.stage([line(caseId, 'Applied', appliedOn, caseData(7, 'FR'))], alice);
    const carol = { sub: 'carol', role: 'admin' };
    const outcomes = await Promise.allSettled([
      service.approve(record.importId, bob),
      service.approve(record.importId, carol),
    ]);
    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
    const refused = outcomes.find((o): o is PromiseRejectedResult => o.status === 'rejected');
    expect(['IMPORT_COMMIT_IN_PROGRESS', 'IMPORT_ALREADY_DECIDED']).toContain(
      (refused?.reason as { code?: string }).code,
    );
    expect(await store.streamRevision(licenceStreamId(caseId))).toBe(0);
  });

  it('finishes an approval that a crash interrupted, under the approver on record', async () => {
    const caseId = idOf('import/interrupted');
    const { record } = await service.stage([line(caseId, 'Applied', appliedOn, caseData(8, 'FR'))], alice);
    // The approval was recorded, then the process stopped before any case was appended.
    const approved = { round: 1, approvedAt: IMPORT_TIME, approvedBy: bob };
    const stream = importStreamId(record.importId);
    const revision = (await store.streamRevision(stream))!;
    await store.append(
      stream,
      [recordEvent(record.importId, { type: 'ImportApproved', data: approved }, bob, IMPORT_TIME)],
      revision,
    );
    expect(await service.get(record.importId)).toMatchObject({ status: 'approved', approvedBy: bob });
    await expect(service.approve(record.importId, alice)).rejects.toMatchObject({
      code: 'IMPORT_APPROVER_IS_UPLOADER',
    });
    const finished = await service.approve(record.importId, { sub: 'carol', role: 'admin' });
    expect(finished).toMatchObject({ accepted: 1, approvedBy: bob });
    const [event] = await store.readStream(licenceStreamId(caseId));
    expect(event?.metadata.imported).toMatchObject({ uploadedBy: alice, approvedBy: bob });
    expect(await service.get(record.importId)).toMatchObject({ status: 'committed' });
  });
});
