import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { SEAL_FILE } from '../../config/store-seal';

/** The event store, with the idempotency records and the access log's anchor in the same file. */
export const EVENTS_FILE = 'licences.sqlite';
export const READ_MODELS_FILE = 'read-models.sqlite';
export const ACCESS_LOG_FILE = 'access-log.sqlite';
/** Uploaded import files, named by their sha256, kept from staging on. */
export const IMPORTS_FOLDER = 'imports';
export const MANIFEST_FILE = 'manifest.json';

export type BackedUpKind = 'read-models' | 'events' | 'access-log' | 'replaced-access-log' | 'staged-import';

export interface BackedUpFile {
  /** Relative to the data folder, `/`-separated. */
  readonly name: string;
  readonly kind: BackedUpKind;
}

export interface DataFolderLayout {
  /** SQLite files in the order they are copied (see SNAPSHOT_ORDER). */
  readonly databases: readonly BackedUpFile[];
  readonly stagedImports: readonly BackedUpFile[];
  /** What is left out, and why. */
  readonly skipped: readonly { readonly name: string; readonly why: string }[];
}

/**
 * The order the databases are copied in, each as one snapshot. Read models first: their
 * checkpoints are then at or before the events' head, so a restored projection catches up rather
 * than skipping the events appended after the restore. Events next, the access log after them: the
 * anchor kept with the events is then at or behind the log's head, as it is in a running system,
 * and the log may hold records of requests whose events came after the events' snapshot.
 */
export const SNAPSHOT_ORDER: readonly BackedUpKind[] = [
  'read-models',
  'events',
  'access-log',
  'replaced-access-log',
];

const STAGED_IMPORT = /^[0-9a-f]{64}\.ndjson$/;
/** An old log kept as evidence by `npm run access-log -- acknowledge-new`. */
const REPLACED_ACCESS_LOG = /^access-log\.replaced-[\w-]+\.sqlite$/;
const SQLITE_SIDE_FILE = /\.sqlite-(wal|shm|journal)$/;

type TopLevelEntry = { readonly kind: BackedUpKind } | { readonly why: string };

function topLevelEntry(name: string): TopLevelEntry {
  if (name === EVENTS_FILE) return { kind: 'events' };
  if (name === READ_MODELS_FILE) return { kind: 'read-models' };
  if (name === ACCESS_LOG_FILE) return { kind: 'access-log' };
  if (REPLACED_ACCESS_LOG.test(name)) return { kind: 'replaced-access-log' };
  if (SQLITE_SIDE_FILE.test(name)) return { why: 'its committed pages are in the copy of its database' };
  if (name.endsWith('.lease')) return { why: 'a lease says who runs now, not what was recorded' };
  if (name.startsWith('.write-test-')) return { why: 'a start-up probe' };
  if (name.startsWith(SEAL_FILE)) {
    return { why: 'the state of the files at the last clean stop; a restored file is checked in full' };
  }
  if (name.startsWith('migrate-events.')) {
    return { why: 'the progress of a migration to EventStoreDB, restarted from its target' };
  }
  return { why: 'not a file of the store' };
}

/**
 * Sorts the names found in a data folder (and in its imports folder) into what a backup copies
 * and what it leaves out. Pure, so that the choice can be tested without files.
 */
export function classifyDataFolder(
  topLevel: readonly string[],
  imports: readonly string[],
): DataFolderLayout {
  const databases: BackedUpFile[] = [];
  const skipped: { name: string; why: string }[] = [];
  for (const name of [...topLevel].sort()) {
    if (name === IMPORTS_FOLDER) continue;
    const entry = topLevelEntry(name);
    if ('kind' in entry) databases.push({ name, kind: entry.kind });
    else skipped.push({ name, why: entry.why });
  }
  databases.sort((a, b) => SNAPSHOT_ORDER.indexOf(a.kind) - SNAPSHOT_ORDER.indexOf(b.kind));
  const stagedImports: BackedUpFile[] = [];
  for (const name of [...imports].sort()) {
    const path = `${IMPORTS_FOLDER}/${name}`;
    if (STAGED_IMPORT.test(name)) stagedImports.push({ name: path, kind: 'staged-import' });
    else
      skipped.push({
        name: path,
        why: name.endsWith('.part') ? 'an upload still arriving' : 'not a staged import',
      });
  }
  return { databases, stagedImports, skipped };
}

/** The layout of the data folder on disk. */
export function readDataFolderLayout(dataDir: string): DataFolderLayout {
  const importsDir = join(dataDir, IMPORTS_FOLDER);
  const imports =
    existsSync(importsDir) && statSync(importsDir).isDirectory()
      ? readdirSync(importsDir, { withFileTypes: true })
          .filter((entry) => entry.isFile())
          .map((entry) => entry.name)
      : [];
  return classifyDataFolder(readdirSync(dataDir), imports);
}
