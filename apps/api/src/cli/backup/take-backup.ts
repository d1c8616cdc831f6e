import { existsSync } from 'node:fs';
import { hostname } from 'node:os';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';
import {
  EVENTS_FILE,
  IMPORTS_FOLDER,
  MANIFEST_FILE,
  readDataFolderLayout,
  SNAPSHOT_ORDER,
} from './backup-layout';
import type { BackedUpFile } from './backup-layout';
import { MANIFEST_FORMAT } from './backup-manifest';
import type { BackupManifest, ManifestFile } from './backup-manifest';
import { BackupError } from './backup.errors';
import {
  copyPrivateFile,
  digestOf,
  entryAt,
  isEmptyFolder,
  makePrivateFolder,
  writePrivateFile,
} from './private-files';
import { snapshotDatabase } from './sqlite-snapshot';
import { verifyStoreCopy } from './store-copy-verification';
import { toolVersion } from './tool-version';

export interface BackupOptions {
  readonly dataDir: string;
  readonly target: string;
  readonly now?: () => Date;
  /** Called before each file is copied, and once more at the end with `done === total`. */
  readonly onProgress?: (done: number, total: number, name: string) => void;
}

export const CONSISTENCY_MEANING =
  'Each database is one consistent snapshot of its own, copied in this order. The read models ' +
  'are at or before the events (a restored API catches them up from the events). The access log ' +
  'was copied after the events: it may hold records of requests answered after the events ' +
  'snapshot, by a server that had events this backup does not hold. Staged import files were ' +
  'copied last, so every import the events name is there.';

/** Where a backup may go: a new or empty folder, outside the data folder. */
function prepareTarget(dataDir: string, target: string): void {
  const inside = relative(dataDir, target);
  const outside = inside === '..' || inside.startsWith(`..${sep}`) || isAbsolute(inside);
  if (!outside) {
    throw new BackupError(
      'BACKUP_TARGET_NOT_EMPTY',
      `--to ${target} is inside the data folder ${dataDir}; choose a folder outside it`,
    );
  }
  const entry = entryAt(target);
  if (entry === 'other')
    throw new BackupError('BACKUP_TARGET_NOT_EMPTY', `--to ${target} is a file, not a folder`);
  if (entry === 'folder' && !isEmptyFolder(target)) {
    throw new BackupError(
      'BACKUP_TARGET_NOT_EMPTY',
      `--to ${target} is not empty; a backup goes into a new or empty folder`,
    );
  }
  makePrivateFolder(target);
}

/**
 * Backs up the embedded stores of `dataDir` into `target` while servers may be writing to them:
 * each database by SQLite's online backup (SNAPSHOT_ORDER), the staged import files, then checks
 * the copy as `npm run verify` would and writes `manifest.json` last, so that a backup that failed
 * anywhere has no manifest and is refused by `npm run restore`.
 */
export async function takeBackup(options: BackupOptions): Promise<BackupManifest> {
  const now = options.now ?? (() => new Date());
  const dataDir = resolve(options.dataDir);
  const target = resolve(options.target);
  if (entryAt(dataDir) !== 'folder' || !existsSync(join(dataDir, EVENTS_FILE))) {
    throw new BackupError(
      'BACKUP_SOURCE_MISSING',
      `No event store at ${join(dataDir, EVENTS_FILE)} (set LICENCES_DATA_DIR)`,
    );
  }
  prepareTarget(dataDir, target);
  const startedAt = now().toISOString();
  const layout = readDataFolderLayout(dataDir);
  const files: BackedUpFile[] = [...layout.databases, ...layout.stagedImports];
  let done = 0;
  const step = (name: string) => options.onProgress?.(done++, files.length, name);
  for (const file of layout.databases) {
    step(file.name);
    await snapshotDatabase(join(dataDir, file.name), join(target, file.name));
  }
  if (layout.stagedImports.length > 0) makePrivateFolder(join(target, IMPORTS_FOLDER));
  for (const file of layout.stagedImports) {
    step(file.name);
    // Named by the sha256 of their content and never rewritten: a plain copy is consistent.
    copyPrivateFile(join(dataDir, file.name), join(target, file.name));
  }
  options.onProgress?.(files.length, files.length, '');

  const verification = await verifyStoreCopy(target, files).catch((error: unknown) => ({
    problems: [error instanceof Error ? error.message : String(error)],
  }));
  if (!('events' in verification) || verification.problems.length > 0) {
    throw new BackupError(
      'BACKUP_NOT_VERIFIED',
      `The copy in ${target} does not verify (left there without a manifest, for inspection): ${verification.problems.join('; ')}`,
    );
  }
  const manifestFiles: ManifestFile[] = [];
  for (const file of files) manifestFiles.push({ ...file, ...(await digestOf(join(target, file.name))) });
  const { events, accessLog } = verification;
  const manifest: BackupManifest = {
    format: MANIFEST_FORMAT,
    tool: toolVersion(),
    startedAt,
    finishedAt: now().toISOString(),
    source: { dataDir, host: hostname() },
    consistency: { order: [...SNAPSHOT_ORDER, 'staged-import'], meaning: CONSISTENCY_MEANING },
    events: {
      headPosition: events.headPosition,
      headHash: events.headHash,
      eventsChecked: events.eventsChecked,
    },
    accessLog: {
      state: accessLog.state,
      records: accessLog.report?.recordsChecked ?? 0,
      headSeq: accessLog.report?.head?.seq ?? null,
      headHash: accessLog.report?.head?.hash ?? null,
    },
    files: manifestFiles,
    skipped: layout.skipped,
  };
  writePrivateFile(join(target, MANIFEST_FILE), `${JSON.stringify(manifest, null, 2)}\n`);
  return manifest;
}
