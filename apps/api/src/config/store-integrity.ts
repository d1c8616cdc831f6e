import { existsSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { ConfigError } from './app-config';
import { narrowDataFolderModes } from './data-folder';
import { quickCheckOffThread } from './quick-check.worker';
import type { QuickCheckOutcome } from './quick-check.worker';
import { isSealed, sealStores } from './store-seal';

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

function findingOf(outcome: QuickCheckOutcome): string | undefined {
  if ('findings' in outcome) {
    const { findings } = outcome;
    return findings.length === 1 && findings[0] === 'ok' ? undefined : findings.slice(0, 3).join('; ');
  }
  // A lock held past the bound is no damage: start-up reports it in its own words later.
  if (outcome.code !== undefined && /^SQLITE_(BUSY|LOCKED)/.test(outcome.code)) return undefined;
  return `${outcome.message}${outcome.code !== undefined ? ` (${outcome.code})` : ''}`;
}

function openedFinding(path: string, check: (db: Database.Database) => string[]): string | undefined {
  let db: Database.Database | undefined;
  try {
    db = new Database(path, { fileMustExist: true, timeout: OPEN_TIMEOUT_MS });
    return findingOf({ findings: check(db) });
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    return findingOf({
      message: error instanceof Error ? error.message : String(error),
      ...(typeof code === 'string' && { code }),
    });
  } finally {
    db?.close();
  }
}

/**
 * SQLite's structural check of one file: undefined when `quick_check` says ok. A file that is no
 * database at all (a damaged header) fails to open, and is reported the same way. Start-up and
 * the backup's check of its copies both use it. It reads every page: time grows with the file.
 */
export function structuralFinding(path: string): string | undefined {
  return openedFinding(path, (db) =>
    (db.pragma('quick_check') as { quick_check: string }[]).map((row) => row.quick_check),
  );
}

/**
 * The check of a sealed file (unchanged since a clean exit that followed a full check): its
 * header and its schema still read, which takes milliseconds whatever the file's size.
 */
function headerAndSchemaFinding(path: string): string | undefined {
  return openedFinding(path, (db) => {
    db.prepare('SELECT count(*) FROM sqlite_schema').get();
    return ['ok'];
  });
}

/** What start-up did with one store file of the data folder. */
export interface StoreCheck {
  readonly file: string;
  readonly holds: string;
  /** `full`: SQLite's quick_check; `sealed`: header and schema of a file unchanged since its seal. */
  readonly depth: 'full' | 'sealed';
  /** When the seal trusted was written (depth `sealed`). */
  readonly sealedAt?: string;
  /** SQLite's first finding, or why the file could not be opened; absent when intact. */
  readonly finding?: string;
}

/**
 * While some file is checked in full: called with those files before the check; what it returns
 * is called once the check ended, whatever its outcome (the API answers its probes meanwhile).
 */
export type WhileCheckingInFull = (files: readonly string[]) => Promise<() => Promise<void>>;

/**
 * Checks every store file present in `dataDir`: in full (in a worker thread, one file after
 * another), unless the file is exactly as a clean exit of this product sealed it, in which case
 * its header and schema are read.
 */
export async function checkStores(
  dataDir: string,
  whileCheckingInFull?: WhileCheckingInFull,
): Promise<StoreCheck[]> {
  const present = STORE_FILES.filter(({ file }) => existsSync(join(dataDir, file))).map((store) => ({
    ...store,
    sealed: isSealed(dataDir, store.file),
  }));
  const inFull = present.filter(({ sealed }) => sealed === undefined).map(({ file }) => file);
  const done = inFull.length > 0 && whileCheckingInFull ? await whileCheckingInFull(inFull) : undefined;
  try {
    const checks: StoreCheck[] = [];
    for (const { file, holds, sealed } of present) {
      const path = join(dataDir, file);
      const finding = sealed
        ? headerAndSchemaFinding(path)
        : findingOf(await quickCheckOffThread(path, OPEN_TIMEOUT_MS));
      checks.push({
        file,
        holds,
        depth: sealed ? 'sealed' : 'full',
        ...(sealed && { sealedAt: sealed.sealedAt }),
        ...(finding !== undefined && { finding }),
      });
    }
    return checks;
  } finally {
    await done?.();
  }
}

/**
 * Refuses to start on a damaged store, before anything opens it for serving: a server on a
 * damaged file answers some requests and fails others, and may write on top of the damage.
 * @throws ConfigError with one line: which file, what SQLite found, and how an operator goes on.
 */
export async function assertStoresIntact(
  dataDir: string,
  whileCheckingInFull?: WhileCheckingInFull,
): Promise<StoreCheck[]> {
  const checks = await checkStores(dataDir, whileCheckingInFull);
  const damaged = checks.flatMap(({ file, holds, finding }) =>
    finding === undefined ? [] : [{ file, holds, finding }],
  );
  if (damaged.length === 0) return checks;
  const what = damaged
    .map(({ file, holds, finding }) => `${file} (${holds}) is damaged: ${finding}`)
    .join('; ');
  throw new ConfigError(
    `in LICENCES_DATA_DIR ${dataDir}, ${what}. Run npm run verify to see what the stores still hold, ` +
      'then restore the last good backup with npm run restore (deploy/README.md, "Backup and restore")',
  );
}

/** Where checkDataFolderAtStart tells what it did. */
export interface DataFolderReporter {
  warn(warning: string): void;
  log(line: string): void;
}

function describeChecks(checks: readonly StoreCheck[]): string | undefined {
  if (checks.length === 0) return undefined;
  const sealed = checks.filter((check) => check.depth === 'sealed');
  const full = checks.filter((check) => check.depth === 'full');
  return [
    ...(full.length > 0
      ? [`checked in full (SQLite quick_check): ${full.map(({ file }) => file).join(', ')}`]
      : []),
    ...sealed.map(
      ({ file, sealedAt }) =>
        `${file} unchanged since this product closed it cleanly at ${sealedAt ?? '?'}: header and schema read`,
    ),
  ].join('; ');
}

/**
 * What start-up does with the data folder once it exists (after prepareDataFolder), before
 * anything opens a store: narrows modes wider than owner-only, telling `report` about each, and
 * refuses a damaged store. A file that is exactly as a clean exit of this product left it is not
 * read through again (the check reads every page: minutes for a large history); every other file
 * is, whatever happened to it (a crash, a copy, a restore, a write by anything else).
 * Once the check passed, the stores are sealed when this process exits with code 0 (by then it
 * closed them): the next start trusts only files that no one changed in between.
 * @throws ConfigError for a damaged store.
 */
export async function checkDataFolderAtStart(
  dataDir: string,
  report: DataFolderReporter,
  whileCheckingInFull?: WhileCheckingInFull,
): Promise<void> {
  for (const narrowed of narrowDataFolderModes(dataDir)) report.warn(narrowed);
  const described = describeChecks(await assertStoresIntact(dataDir, whileCheckingInFull));
  if (described !== undefined) report.log(`Stores ${described}`);
  process.once('exit', (code) => {
    if (code !== 0) return;
    try {
      sealStores(
        dataDir,
        STORE_FILES.map(({ file }) => file),
        new Date(),
      );
    } catch {
      // A folder that no longer takes the seal costs the next start a full check, nothing more.
    }
  });
}
