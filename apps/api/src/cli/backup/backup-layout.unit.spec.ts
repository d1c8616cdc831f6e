import { classifyDataFolder } from './backup-layout';

describe('what a backup copies from a data folder', () => {
  const hash = 'ab'.repeat(32);

  it('copies the read models first, then the events, then the access log and the logs kept as evidence', () => {
    const layout = classifyDataFolder(
      [
        'access-log.sqlite',
        'access-log.replaced-2025-01-02T03-04-05-678Z.sqlite',
        'licences.sqlite',
        'read-models.sqlite',
        'imports',
      ],
      [],
    );
    expect(layout.databases).toEqual([
      { name: 'read-models.sqlite', kind: 'read-models' },
      { name: 'licences.sqlite', kind: 'events' },
      { name: 'access-log.sqlite', kind: 'access-log' },
      { name: 'access-log.replaced-2025-01-02T03-04-05-678Z.sqlite', kind: 'replaced-access-log' },
    ]);
    expect(layout.skipped).toEqual([]);
  });

  it('copies staged imports named by their sha256, and leaves out uploads still arriving', () => {
    const layout = classifyDataFolder(
      ['licences.sqlite', 'imports'],
      [`${hash}.ndjson`, 'upload-1.part', 'x.txt'],
    );
    expect(layout.stagedImports).toEqual([{ name: `imports/${hash}.ndjson`, kind: 'staged-import' }]);
    expect(layout.skipped.map((entry) => entry.name)).toEqual(['imports/upload-1.part', 'imports/x.txt']);
  });

  it('leaves out leases, WAL and shared-memory files, probes, the seal and migration progress, saying why', () => {
    const layout = classifyDataFolder(
      [
        'licences.sqlite',
        'licences.sqlite-wal',
        'licences.sqlite-shm',
        'inline-projections.lease',
        '.write-test-42',
        'migrate-events.sqlite-to-esdb.json',
        'stores-sealed.json',
        'notes.txt',
      ],
      [],
    );
    expect(layout.databases.map((file) => file.name)).toEqual(['licences.sqlite']);
    expect(Object.fromEntries(layout.skipped.map(({ name, why }) => [name, why]))).toEqual({
      '.write-test-42': 'a start-up probe',
      'inline-projections.lease': 'a lease says who runs now, not what was recorded',
      'licences.sqlite-shm': 'its committed pages are in the copy of its database',
      'licences.sqlite-wal': 'its committed pages are in the copy of its database',
      'migrate-events.sqlite-to-esdb.json':
        'the progress of a migration to EventStoreDB, restarted from its target',
      'notes.txt': 'not a file of the store',
      'stores-sealed.json':
        'the state of the files at the last clean stop; a restored file is checked in full',
    });
  });
});
