import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type Database from 'better-sqlite3';
import { SCRIPT_MS } from './support/child-processes';
import { tamperedCopy as copyTampered, verifyScript as verify } from './support/tampering';
import { TestApp } from './support/test-app';
import { timeoutAbove } from './support/waiting';

/** Each verify is a process of its own, bounded by SCRIPT_MS; a test (or the setup) runs two. */
const TEST_MS = timeoutAbove(SCRIPT_MS, SCRIPT_MS);

describe('npm run verify --expect-head on a tampered store', () => {
  let app: TestApp;
  let workDir: string;
  let head: number;
  let published: string;

  const tamperedCopy = (name: string, tamper: (db: Database.Database) => void) =>
    copyTampered(app.dataDir, join(workDir, name), tamper);

  beforeAll(async () => {
    workDir = mkdtempSync(join(tmpdir(), 'licences-published-head-'));
    app = await new TestApp().start();
    const first = await app.registerCase();
    await app.registerCase({ destination: { country: 'FR', endUser: 'DGA' } });
    expect((await app.issueLicence(first)).status).toBe(200);
    await app.stop();
    const { report } = verify(
      tamperedCopy('untouched', () => undefined),
      '--json',
    );
    expect(report).toMatchObject({ intact: true, headPosition: 3 });
    head = report.headPosition;
    published = report.headHash;
  }, TEST_MS);

  afterAll(async () => {
    await app.dispose();
    rmSync(workDir, { recursive: true, force: true });
  });

  it(
    'says the event at the published position still carries the hash when the chain breaks before it',
    () => {
      const changed = tamperedCopy('changed-before-head', (db) => {
        db.prepare(
          "UPDATE events SET data = json_set(data, '$.details.afterSales', 1) WHERE position = 1",
        ).run();
      });

      const printed = verify(changed, '--expect-head', published, '--at', String(head));

      expect(printed.status).toBe(2);
      expect(printed.stdout).toContain(`published hash:   ${published} at position ${head}: DOES NOT MATCH`);
      expect(printed.stdout).toContain(
        `found:          the event at position ${head} still carries the expected hash, but the chain ` +
          `breaks before it reaches it (at position 1): the store was changed at or before ${head}`,
      );
      expect(printed.stdout).not.toContain('no such event');
    },
    TEST_MS,
  );

  it(
    'says which hash the event at the head has when it is not the published one',
    () => {
      const resealed = tamperedCopy('resealed-head', (db) => {
        db.prepare('UPDATE events SET chain_hash = ? WHERE position = ?').run('ab'.repeat(32), head);
      });

      // Without --at the published hash is the head's: the last event stored, verified or not.
      const json = verify(resealed, '--expect-head', published, '--json');
      const printed = verify(resealed, '--expect-head', published);

      expect(json.status).toBe(2);
      expect(json.report.checkpoint).toEqual({
        position: head,
        expectedHash: published,
        actualHash: null,
        storedHash: 'ab'.repeat(32),
        matches: false,
        finding:
          `the event at position ${head} has hash ${'ab'.repeat(32)}, not the expected ${published}: ` +
          `the store was changed at or before ${head}`,
      });
      expect(printed.stdout).toContain(`has hash ${'ab'.repeat(32)}, not the expected ${published}`);
    },
    TEST_MS,
  );

  it(
    'keeps "no event" for a position that really holds none',
    () => {
      const dir = tamperedCopy('newest-removed', (db) => {
        db.prepare('DELETE FROM events WHERE position = ?').run(head);
      });

      const printed = verify(dir, '--expect-head', published, '--at', String(head));

      expect(printed.status).toBe(2);
      expect(printed.stdout).toContain(`found:          no event is stored at position ${head}`);
    },
    TEST_MS,
  );
});
