import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { SCRIPT_MS } from './support/child-processes';
import { timeoutAbove } from './support/waiting';
import { assessment, caseBody, revocation } from './support/cases';
import { tamperedCopy as copyTampered, verifyScript as verify } from './support/tampering';
import { TestApp } from './support/test-app';

interface Row {
  position: number;
  event_id: string;
  stream_id: string;
  revision: number;
  type: string;
}

describe('integrity of the event store', () => {
  let app: TestApp;
  let workDir: string;
  let rows: Row[];
  const cases: Record<'a' | 'b' | 'c', string> = { a: '', b: '', c: '' };

  const tamperedCopy = (name: string, tamper: (db: Database.Database) => void) =>
    copyTampered(app.dataDir, join(workDir, name), tamper);
  const rowOf = (caseId: string, revision: number) =>
    rows.find((row) => row.stream_id === `licence-${caseId}` && row.revision === revision)!;
  const rowAfter = (position: number) => rows.find((row) => row.position > position)!;

  beforeAll(async () => {
    app = await new TestApp().start();
    const post = async (path: string, role: 'intake' | 'assessor' | 'senior-assessor', body?: unknown) => {
      const answer = await app.request('POST', path, { role, ...(body !== undefined && { body }) });
      expect(answer.status).toBeLessThan(300);
      return answer.body as { id: string };
    };
    // Three cases whose events interleave in the global order.
    cases.a = (await post('/api/licences', 'intake', caseBody())).id;
    cases.b = (
      await post('/api/licences', 'intake', caseBody({ destination: { country: 'FR', endUser: 'DGA' } }))
    ).id;
    await post(`/api/licences/${cases.a}/issue`, 'assessor', { assessment });
    cases.c = (await post('/api/licences', 'intake', caseBody())).id;
    await post(`/api/licences/${cases.b}/issue`, 'assessor', { assessment });
    app.clock.set('2025-06-01T09:00:00Z');
    // Revoked in two steps (proposal, approval by a second official): two events of case a.
    await post(`/api/licences/${cases.a}/revocation-proposal`, 'assessor', revocation);
    await post(`/api/licences/${cases.a}/revoke`, 'senior-assessor', {});
    await post(`/api/licences/${cases.c}/deny`, 'assessor', { criteria: [1], reasoning: 'Embargo' });
    await app.stop();

    const db = new Database(join(app.dataDir, 'licences.sqlite'), { readonly: true });
    rows = db
      .prepare<[], Row>('SELECT position, event_id, stream_id, revision, type FROM events ORDER BY position')
      .all();
    db.close();
    workDir = mkdtempSync(join(tmpdir(), 'licences-integrity-'));
  });

  afterAll(async () => {
    await app.dispose();
    rmSync(workDir, { recursive: true, force: true });
  });

  it(
    'verifies an untouched store, prints the head hash, and checks a published one',
    () => {
      const dir = tamperedCopy('untouched', () => undefined);

      const printed = verify(dir);
      const { report } = verify(dir, '--json');

      expect(printed.status).toBe(0);
      expect(report).toMatchObject({ intact: true, sealed: true, eventsChecked: 8, headPosition: 8 });
      expect(report.headHash).toMatch(/^[0-9a-f]{64}$/);
      expect(printed.stdout).toContain('INTACT');
      expect(printed.stdout).toContain(`head hash:        ${report.headHash}`);
      expect(verify(dir, '--expect-head', report.headHash).status).toBe(0);
      expect(verify(dir, '--expect-head', report.headHash, '--at', '8').status).toBe(0);
      const wrong = verify(dir, '--expect-head', 'ab'.repeat(32));
      expect(wrong.status).toBe(2);
      expect(wrong.stdout).toContain('DOES NOT MATCH');
      const earlier = verify(dir, '--expect-head', report.headHash, '--at', '7', '--json');
      expect(earlier.status).toBe(2);
      expect(earlier.report.checkpoint).toMatchObject({ position: 7, matches: false });
    },
    timeoutAbove(6 * SCRIPT_MS),
  );

  it(
    'names a changed event',
    () => {
      const target = rowOf(cases.b, 1);
      const dir = tamperedCopy('changed', (db) => {
        db.prepare(
          "UPDATE events SET data = json_set(data, '$.validUntil', '2099-12-31') WHERE position = ?",
        ).run(target.position);
      });

      const { status, report } = verify(dir, '--json');

      expect(status).toBe(2);
      expect(report).toMatchObject({
        intact: false,
        eventsChecked: target.position - 1,
        firstProblem: { kind: 'changed', position: target.position, eventId: target.event_id, revision: 1 },
      });
      expect(verify(dir).stdout).toContain(`changed at position ${target.position}`);
    },
    timeoutAbove(2 * SCRIPT_MS),
  );

  it(
    'names the first event after a removed one',
    () => {
      const removed = rowOf(cases.c, 0);
      const dir = tamperedCopy('removed', (db) => {
        db.prepare('DELETE FROM events WHERE position = ?').run(removed.position);
      });

      const { status, report } = verify(dir, '--json');

      const next = rowAfter(removed.position);
      expect(status).toBe(2);
      expect(report.firstProblem).toMatchObject({
        kind: 'removed',
        position: next.position,
        eventId: next.event_id,
      });
      expect(report.firstProblem.detail).toContain(
        `between positions ${removed.position - 1} and ${next.position}`,
      );
    },
    timeoutAbove(SCRIPT_MS),
  );

  it(
    'names a forged event inserted with copied columns',
    () => {
      const copied = rowOf(cases.b, 1);
      const forgedId = randomUUID();
      const dir = tamperedCopy('inserted', (db) => {
        db.prepare(
          `INSERT INTO events (event_id, stream_id, revision, type, schema_version, data, metadata, occurred_at,
           recorded_at, stream_hash, chain_hash)
         SELECT ?, stream_id, revision + 1, type, schema_version, json_set(data, '$.validUntil', '2099-12-31'),
           metadata, occurred_at, recorded_at, stream_hash, chain_hash
         FROM events WHERE position = ?`,
        ).run(forgedId, copied.position);
      });

      const { status, report } = verify(dir, '--json');

      expect(status).toBe(2);
      expect(report).toMatchObject({
        eventsChecked: rows.length,
        firstProblem: { kind: 'inserted', position: rows.length + 1, eventId: forgedId, revision: 2 },
      });
    },
    timeoutAbove(SCRIPT_MS),
  );

  it(
    'names reordered events of one stream',
    () => {
      const [first, second] = [rowOf(cases.a, 1), rowOf(cases.a, 2)];
      const dir = tamperedCopy('reordered', (db) => {
        // Swap what the two rows say (ids, types, schema versions, payloads), leaving their places
        // and seals.
        const content = db.prepare<[number], Record<string, unknown>>(
          'SELECT event_id, type, schema_version, data, metadata, occurred_at FROM events WHERE position = ?',
        );
        const [a, b] = [content.get(first.position)!, content.get(second.position)!];
        const write = db.prepare(
          `UPDATE events SET event_id = @event_id, type = @type, schema_version = @schema_version,
           data = @data, metadata = @metadata, occurred_at = @occurred_at WHERE position = @position`,
        );
        write.run({ ...a, event_id: randomUUID(), position: second.position });
        write.run({ ...b, position: first.position });
        write.run({ ...a, position: second.position });
      });

      const { status, report } = verify(dir, '--json');

      expect(status).toBe(2);
      expect(report.firstProblem).toMatchObject({
        kind: 'reordered',
        position: first.position,
        eventId: second.event_id,
        streamId: `licence-${cases.a}`,
        revision: 1,
      });
      expect(report.firstProblem.detail).toContain(first.event_id);
    },
    timeoutAbove(SCRIPT_MS),
  );

  it(
    'answers GET /api/oversight/integrity with the head hash verify prints, to oversight only',
    async () => {
      const { report } = verify(
        tamperedCopy('http', () => undefined),
        '--json',
      );
      await app.start();
      try {
        const answer = await app.request('GET', '/api/oversight/integrity', { role: 'oversight' });
        expect(answer.status).toBe(200);
        expect(answer.body).toMatchObject({
          intact: true,
          sealed: true,
          eventsChecked: 8,
          headHash: report.headHash,
        });
        expect((await app.request('GET', '/api/oversight/integrity', { role: 'admin' })).status).toBe(200);
        expect((await app.request('GET', '/api/oversight/integrity', { role: 'assessor' })).status).toBe(403);
      } finally {
        await app.stop();
      }
    },
    timeoutAbove(SCRIPT_MS),
  );
});
