import { existsSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { ConfigError } from './app-config';
import { narrowDataFolderModes } from './data-folder';

/** The SQLite files the API opens in its data folder, and what each holds. */
export const STORE_FILES: readonly { readonly file: string; readonly holds: string }[] = [
  {
    file: 'licences.sqlite',
    holds: 'the event store: events, idempotency records and the access-log anchor',
  },
  { file: 'read-models.sqlite', holds: 'the read models' },
  { file: 'access-log.sqlite', holds: 'the access log' },
];

/** How long the check may wait for a writer of another process (the projector) to let go. */
const OPEN_TIMEOUT_MS = 5000;

export interface DamagedStore {
  readonly file: string;
  readonly holds: string;
  /** SQLite's first finding, or why the file could not be opened as a database. */
  readonly finding: string;
}

/**
 * SQLite's structural check of one file: undefined when `quick_check` says ok. A file that is no
 * database at all (a damaged header) fails to open, and is reported the same way. Start-up and
 * the backup's check of its copies both use it.
 */
export function structuralFinding(path: string): string | undefined {
  let db: Database.Database | undefined;
  try {
    db = new Database(path, { fileMustExist: true, timeout: OPEN_TIMEOUT_MS });
    const rows = db.pragma('quick_check') as { quick_check: string }[];
    const findings = rows.map((row) => row.quick_check);
    return findings.length === 1 && findings[0] === 'ok' ? undefined : findings.slice(0, 3).join('; ');
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    // A lock held past the bound is no damage: start-up reports it in its own words later.
    if (typeof code === 'string' && /^SQLITE_(BUSY|LOCKED)/.test(code)) return undefined;
    return `${error instanceof Error ? error.message : String(error)}${typeof code === 'string' ? ` (${code})` : ''}`;
  } finally {
    db?.close();
  }
}

/** Every store file present in `dataDir` that SQLite finds damaged. */
export function damagedStores(dataDir: string): DamagedStore[] {
  return STORE_FILES.flatMap(({ file, holds }) => {
    const path = join(dataDir, file);
    if (!existsSync(path)) return [];
    const finding = structuralFinding(path);
    return finding === undefined ? [] : [{ file, holds, finding }];
  });
}

/**
 * Refuses to start on a damaged store, before anything opens it for serving: a server on a
 * damaged file answers some requests and fails others, and may write on top of the damage.
 * @throws ConfigError with one line: which file, what SQLite found, and how an operator goes on.
 */
export function assertStoresIntact(dataDir: string): void {
  const damaged = damagedStores(dataDir);
  if (damaged.length === 0) return;
  const what = damaged
    .map(({ file, holds, finding }) => `${file} (${holds}) is damaged: ${finding}`)
    .join('; ');
  throw new ConfigError(
    `in LICENCES_DATA_DIR ${dataDir}, ${what}. Run npm run verify to see what the stores still hold, ` +
      'then restore the last good backup with npm run restore (deploy/README.md, "Backup and restore")',
  );
}

/**
 * What start-up does with the data folder once it exists (after prepareDataFolder), before
 * anything opens a store: narrows modes wider than owner-only, telling `warn` about each, and
 * refuses a damaged store.
 * @throws ConfigError for a damaged store.
 */
export function checkDataFolderAtStart(dataDir: string, warn: (warning: string) => void): void {
  for (const narrowed of narrowDataFolderModes(dataDir)) warn(narrowed);
  assertStoresIntact(dataDir);
}
