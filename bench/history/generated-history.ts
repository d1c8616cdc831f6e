import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  cpSync,
  createWriteStream,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { once } from 'node:events';
import Database from 'better-sqlite3';
import type { LocalDate } from '@licences/licensing-domain';
import { DemoPlan, importedShare } from '@licences/licensing-sample-data';
import { REPO_ROOT, runNodeCli, tsScript } from '../harness/node-cli';
import { projectorCatchUp } from '../harness/projector-run';

/*
 * Generated history for the figures, made once per size, seed and version of the code that writes
 * events, and cached under bench/.data/<key>/ (ignored by git), so that a second run reuses it:
 *   events/      `npm run demo -- --cases <size>`: the event store only, no read models;
 *   caught-up-<code>/  the same folder after `npm run projector` caught every projection up, once
 *                per version of apps/ and libs/ (the read models' code);
 *   import.ndjson  a historical import file of <size> archived licences (imported-history.ts).
 * Every step is written into a temporary name and renamed when complete, so that an interrupted
 * run never leaves a half-made store that a later run would take for whole.
 */

export const DEFAULT_SEED = 20241125;
/** A fixed today, so that the same size and seed give the same history whatever the date. */
export const PLAN_TODAY = '2026-11-30' as LocalDate;

export const SIZES: Readonly<Record<string, number>> = { '10k': 10_000, '100k': 100_000, '1M': 1_000_000 };

export function sizeLabel(size: number): string {
  return Object.entries(SIZES).find(([, n]) => n === size)?.[0] ?? String(size);
}

/** The historical import file of `size` archived licences, which needs no event store. */
export interface ImportFile {
  readonly size: number;
  readonly importFile: string;
  readonly importLines: number;
  readonly importBytes: number;
  /** LICENCES_IMPORT_CUTOVER for the import file: its history lies before it. */
  readonly importCutover: string;
}

export interface GeneratedHistory extends ImportFile {
  readonly dir: string;
  /** A data folder holding the event store of `size` licences (licences.sqlite) and no read models. */
  readonly eventsDir: string;
  /** The same with every projection caught up (read-models.sqlite). */
  readonly caughtUpDir: string;
  /** Events in the store (its head position). */
  readonly events: number;
}

const DATA_ROOT = join(REPO_ROOT, 'bench', '.data');

/** A hash of the committed trees at `paths` (uncommitted edits are not seen). */
function treesVersion(paths: readonly string[]): string {
  const tree = (path: string) =>
    execFileSync('git', ['rev-parse', `HEAD:${path}`], { cwd: REPO_ROOT, encoding: 'utf8' }).trim();
  return createHash('sha256').update(paths.map(tree).join(' ')).digest('hex').slice(0, 10);
}

/**
 * What decides the events `npm run demo` writes: the plan, the domain, the command handlers, the
 * event store and the CLI. A change elsewhere (read models, queries, HTTP) keeps the events, which
 * take the longest to make (hours at 1M), and only catches the read models up again.
 */
const EVENT_MAKERS = [
  'libs/licensing/sample-data',
  'libs/licensing/domain',
  'libs/licensing/application',
  'libs/event-store',
  'apps/api/src/cli',
] as const;

/** The plan whose archive holds `size` licences: importedShare(cases) is 8 % of its cases. */
function importPlan(size: number, seed: number): DemoPlan {
  let cases = Math.round(size / 0.08);
  while (importedShare(cases) < size) cases += 1;
  while (importedShare(cases) > size) cases -= 1;
  return new DemoPlan({ seed, cases, today: PLAN_TODAY });
}

async function writeImportFile(file: string, plan: DemoPlan): Promise<{ lines: number; bytes: number }> {
  const out = createWriteStream(file);
  let lines = 0;
  let bytes = 0;
  for (const line of plan.importLines()) {
    const text = `${line}\n`;
    lines += 1;
    bytes += Buffer.byteLength(text);
    if (!out.write(text)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
  return { lines, bytes };
}

function eventCountOf(dir: string): number {
  const db = new Database(join(dir, 'licences.sqlite'), { readonly: true });
  try {
    return (db.prepare('SELECT MAX(position) AS n FROM events').get() as { n: number }).n;
  } finally {
    db.close();
  }
}

/** Makes `target` by `make(tmp)` unless it exists, renaming the finished work into place. */
async function step(target: string, make: (tmp: string) => Promise<void>): Promise<void> {
  if (existsSync(target)) return;
  const tmp = `${target}.partial`;
  rmSync(tmp, { recursive: true, force: true });
  try {
    await make(tmp);
    renameSync(tmp, target);
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

/**
 * The most recently made caught-up folder of a history, whatever code made it. The product brings
 * an older read store up to date when it opens it, but the figures measured on it are not those of
 * the current code's catch-up: for iterating only.
 */
function newestCaughtUp(dir: string): string | undefined {
  return readdirSync(dir)
    .filter((name) => name.startsWith('caught-up-') && !name.endsWith('.partial'))
    .map((name) => join(dir, name))
    .sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs)[0];
}

function historyDir(size: number, seed: number): string {
  const dir = join(DATA_ROOT, `${sizeLabel(size)}-seed${seed}-${treesVersion(EVENT_MAKERS)}`);
  mkdirSync(dir, { recursive: true });
  return dir;
}

/**
 * The import file of `size` archived licences, written now unless cached. Apart from the events,
 * so that the import figure alone (the 1M memory target) does not wait hours for a demo history.
 */
export async function generatedImportFile(
  size: number,
  seed: number,
  log: (line: string) => void,
): Promise<ImportFile> {
  const dir = historyDir(size, seed);
  const importFile = join(dir, 'import.ndjson');
  const plan = importPlan(size, seed);
  const about = join(dir, 'import.json');
  await step(importFile, async (tmp) => {
    log(`writing the import file of ${sizeLabel(size)} archived licences`);
    const written = await writeImportFile(tmp, plan);
    writeFileSync(about, JSON.stringify(written));
  });
  const { lines, bytes } = JSON.parse(readFileSync(about, 'utf8')) as { lines: number; bytes: number };
  const archive = plan.archiveImport();
  if (!archive) throw new Error(`The plan of ${size} archived licences has no archive`);
  return { size, importFile, importLines: lines, importBytes: bytes, importCutover: archive.cutover };
}

/** The generated history of `size` licences, made now unless cached. */
export async function generatedHistory(
  size: number,
  seed: number,
  log: (line: string) => void,
  { anyCaughtUp = false }: { anyCaughtUp?: boolean } = {},
): Promise<GeneratedHistory> {
  const dir = historyDir(size, seed);
  const eventsDir = join(dir, 'events');
  const newest = anyCaughtUp ? newestCaughtUp(dir) : undefined;
  if (newest !== undefined) log(`reusing read models caught up by other code: ${newest}`);
  const caughtUpDir = newest ?? join(dir, `caught-up-${treesVersion(['apps', 'libs'])}`);
  await step(eventsDir, async (tmp) => {
    log(`generating ${sizeLabel(size)} licences with npm run demo into ${eventsDir} (cached for later runs)`);
    mkdirSync(tmp, { recursive: true });
    const run = await runNodeCli(
      tsScript(
        'apps/api/src/cli/demo.cli.ts',
        '--cases',
        String(size),
        '--seed',
        String(seed),
        '--today',
        PLAN_TODAY,
        '--json',
      ),
      { env: { LICENCES_DATA_DIR: tmp } },
    );
    log(`  demo: ${Math.round(run.wallMs / 1000)} s`);
  });
  await step(caughtUpDir, async (tmp) => {
    log(`catching the read models up with npm run projector into ${caughtUpDir}`);
    cpSync(eventsDir, tmp, { recursive: true });
    const run = await projectorCatchUp({ LICENCES_DATA_DIR: tmp }, 6 * 3600_000);
    log(`  projector: ${Math.round(run.wallMs / 1000)} s`);
  });
  return {
    ...(await generatedImportFile(size, seed, log)),
    dir,
    eventsDir,
    caughtUpDir,
    events: eventCountOf(eventsDir),
  };
}

/** A scratch copy of a cached data folder for a figure that writes into it. */
export function copyOf(source: string, target: string): void {
  cpSync(source, target, { recursive: true });
}
