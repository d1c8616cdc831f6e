import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { MANIFEST_FILE } from './backup-layout';
import type { BackedUpKind } from './backup-layout';
import { BackupError } from './backup.errors';

export const MANIFEST_FORMAT = 'licences-backup/1';

export interface ManifestFile {
  /** Relative to the backup (and to the data folder), `/`-separated. */
  readonly name: string;
  readonly kind: BackedUpKind;
  readonly bytes: number;
  readonly sha256: string;
}

/** What `manifest.json` says of a backup; written last, so a backup without one is unfinished. */
export interface BackupManifest {
  readonly format: typeof MANIFEST_FORMAT;
  readonly tool: { readonly name: string; readonly version: string };
  readonly startedAt: string;
  readonly finishedAt: string;
  readonly source: { readonly dataDir: string; readonly host: string };
  /** The order the databases were copied in, and what that order means for a restored copy. */
  readonly consistency: { readonly order: readonly string[]; readonly meaning: string };
  readonly events: {
    readonly headPosition: number;
    /** The chain hash at the head: `npm run verify -- --expect-head <hash> --at <position>` holds on a restore. */
    readonly headHash: string | null;
    readonly eventsChecked: number;
  };
  readonly accessLog: {
    readonly state: string;
    readonly records: number;
    readonly headSeq: number | null;
    readonly headHash: string | null;
  };
  readonly files: readonly ManifestFile[];
  readonly skipped: readonly { readonly name: string; readonly why: string }[];
}

const KINDS: readonly BackedUpKind[] = [
  'read-models',
  'events',
  'access-log',
  'replaced-access-log',
  'staged-import',
];
/** A file name inside the backup: no absolute path, no `..`, at most one folder deep. */
const SAFE_NAME = /^(?:imports\/)?[\w][\w.-]*$/;

function invalid(folder: string, why: string): BackupError {
  return new BackupError(
    'BACKUP_MANIFEST_INVALID',
    `${join(folder, MANIFEST_FILE)} ${why}; it is not a backup this tool can restore`,
  );
}

function checkFile(folder: string, value: unknown, index: number): ManifestFile {
  const file = (value ?? {}) as Partial<Record<keyof ManifestFile, unknown>>;
  const where = `files[${index}]`;
  if (typeof file.name !== 'string' || !SAFE_NAME.test(file.name))
    throw invalid(folder, `names no safe file in ${where}.name`);
  if (!KINDS.includes(file.kind as BackedUpKind)) throw invalid(folder, `has an unknown ${where}.kind`);
  if (typeof file.bytes !== 'number' || !Number.isSafeInteger(file.bytes) || file.bytes < 0) {
    throw invalid(folder, `has no size in ${where}.bytes`);
  }
  if (typeof file.sha256 !== 'string' || !/^[0-9a-f]{64}$/.test(file.sha256)) {
    throw invalid(folder, `has no sha256 in ${where}.sha256`);
  }
  return { name: file.name, kind: file.kind as BackedUpKind, bytes: file.bytes, sha256: file.sha256 };
}

/**
 * Reads and checks a backup's manifest: its format, and for every file a safe name, a kind, a size
 * and a sha256. What the files hold is checked by the caller against these.
 */
export function readManifest(folder: string): BackupManifest {
  const path = join(folder, MANIFEST_FILE);
  if (!existsSync(path)) {
    throw new BackupError(
      'BACKUP_MANIFEST_INVALID',
      `${folder} holds no ${MANIFEST_FILE}: it is not a backup, or one that did not finish`,
    );
  }
  let parsed: Partial<BackupManifest>;
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8')) as Partial<BackupManifest>;
  } catch (error) {
    throw invalid(folder, `is not JSON (${error instanceof Error ? error.message : String(error)})`);
  }
  if (parsed?.format !== MANIFEST_FORMAT) throw invalid(folder, `is not of format ${MANIFEST_FORMAT}`);
  if (!Array.isArray(parsed.files)) throw invalid(folder, 'lists no files');
  const files = parsed.files.map((file, index) => checkFile(folder, file, index));
  if (!files.some((file) => file.kind === 'events')) throw invalid(folder, 'lists no event store');
  const names = new Set(files.map((file) => file.name));
  if (names.size !== files.length) throw invalid(folder, 'lists a file twice');
  const head = parsed.events?.headPosition;
  if (typeof head !== 'number' || !Number.isSafeInteger(head) || head < 0) {
    throw invalid(folder, 'has no events.headPosition');
  }
  const hash = parsed.events?.headHash;
  if (hash !== null && (typeof hash !== 'string' || !/^[0-9a-f]{64}$/.test(hash))) {
    throw invalid(folder, 'has no events.headHash');
  }
  return { ...(parsed as BackupManifest), files };
}
