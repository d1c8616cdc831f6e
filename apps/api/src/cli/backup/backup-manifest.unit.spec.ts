import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MANIFEST_FORMAT, readManifest } from './backup-manifest';
import { BackupError } from './backup.errors';

describe("reading a backup's manifest", () => {
  let folder: string;
  const valid = {
    format: MANIFEST_FORMAT,
    events: { headPosition: 3, headHash: 'c'.repeat(64), eventsChecked: 3 },
    files: [{ name: 'licences.sqlite', kind: 'events', bytes: 4096, sha256: 'a'.repeat(64) }],
  };
  const write = (manifest: unknown) =>
    writeFileSync(
      join(folder, 'manifest.json'),
      typeof manifest === 'string' ? manifest : JSON.stringify(manifest),
    );
  const refusal = () => {
    try {
      readManifest(folder);
    } catch (error) {
      if (error instanceof BackupError) return { code: error.code, message: error.message };
      throw error;
    }
    throw new Error('the manifest was accepted');
  };

  beforeEach(() => (folder = mkdtempSync(join(tmpdir(), 'licences-manifest-'))));
  afterEach(() => rmSync(folder, { recursive: true, force: true }));

  it('accepts a manifest of its format with an event store', () => {
    write(valid);
    expect(readManifest(folder).files).toEqual(valid.files);
  });

  it('refuses a folder without a manifest: an unfinished backup', () => {
    expect(refusal()).toEqual({
      code: 'BACKUP_MANIFEST_INVALID',
      message: `${folder} holds no manifest.json: it is not a backup, or one that did not finish`,
    });
  });

  it.each([
    ['not JSON', '{', 'is not JSON'],
    ['another format', { ...valid, format: 'other/1' }, `is not of format ${MANIFEST_FORMAT}`],
    [
      'a path outside the backup',
      { ...valid, files: [{ ...valid.files[0], name: '../x.sqlite' }] },
      'files[0].name',
    ],
    ['an absolute path', { ...valid, files: [{ ...valid.files[0], name: '/etc/passwd' }] }, 'files[0].name'],
    ['an unknown kind', { ...valid, files: [{ ...valid.files[0], kind: 'other' }] }, 'files[0].kind'],
    ['a short hash', { ...valid, files: [{ ...valid.files[0], sha256: 'abc' }] }, 'files[0].sha256'],
    ['a negative size', { ...valid, files: [{ ...valid.files[0], bytes: -1 }] }, 'files[0].bytes'],
    [
      'no event store',
      { ...valid, files: [{ ...valid.files[0], kind: 'read-models' }] },
      'lists no event store',
    ],
    ['a file twice', { ...valid, files: [valid.files[0], valid.files[0]] }, 'lists a file twice'],
    ['no head position', { ...valid, events: { headHash: null } }, 'events.headPosition'],
    ['a bad head hash', { ...valid, events: { headPosition: 1, headHash: 'x' } }, 'events.headHash'],
  ])('refuses %s, naming what is wrong', (_, manifest, named) => {
    write(manifest);
    const { code, message } = refusal();
    expect(code).toBe('BACKUP_MANIFEST_INVALID');
    expect(message).toContain(named);
  });
});
