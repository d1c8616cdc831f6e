import { join } from 'node:path';
import { Command, InvalidArgumentError } from 'commander';
import { DEFAULT_SEED, generatedHistory, generatedImportFile, SIZES } from './history/generated-history';
import type { GeneratedHistory, ImportFile } from './history/generated-history';
import { appendsFigures, peerFigures } from './figures/appends.figure';
import { profileDirOf } from './figures/figure-context';
import type { FigureContext, ReadStore } from './figures/figure-context';
import { httpCommandsFigure } from './figures/http-commands.figure';
import { importFigures } from './figures/import.figure';
import { memorySummary } from './figures/memory.summary';
import { postgresCatchUpFigures } from './figures/postgres-catch-up.figure';
import { queriesFigures } from './figures/queries.figure';
import { reportsFigures } from './figures/reports.figure';
import { catchUpFigures, rebuildFigures, verifyFigures } from './figures/store-work.figures';
import { runFigure } from './harness/alternating-runner';
import type { FigureResult } from './harness/alternating-runner';
import type { Figure } from './harness/figure';
import { printTopFunctions } from './harness/cpu-profile';
import { markdownOf, writeResults } from './harness/results-writer';

/*
 * The benchmarks of issue 16: every figure beside its comparison, alternating, several runs,
 * written to bench/results/ as JSON and markdown. Never part of `npm test`.
 *
 *   npm run bench -- --quick                  # 10k licences, one short run of each figure
 *   npm run bench                             # 10k and 100k, three runs of 20 s per level
 *   npm run bench -- --only queries --size 100k --read-store both
 *   npm run bench -- --only catch-up --profile
 */

const RESULTS_DIR = join(__dirname, 'results');

/** Every figure, by name, in the order a full run measures them. */
const FIGURES: Readonly<Record<string, (context: FigureContext) => Figure[]>> = {
  'http-commands': (context) => [
    httpCommandsFigure({ ...context, profileDir: profileDirOf(context, 'http-commands') }),
  ],
  appends: appendsFigures,
  peer: peerFigures,
  import: importFigures,
  'catch-up': (context) => [
    ...(context.readStores.includes('sqlite') ? catchUpFigures(context) : []),
    ...(context.readStores.includes('postgres') ? postgresCatchUpFigures(context) : []),
  ],
  rebuild: rebuildFigures,
  verify: verifyFigures,
  queries: queriesFigures,
  reports: reportsFigures,
};

interface Options {
  readonly quick: boolean;
  readonly runs?: number;
  readonly seconds?: number;
  readonly only?: string[];
  readonly size?: string[];
  readonly readStore: 'sqlite' | 'postgres' | 'both';
  readonly seed: number;
  readonly profile: boolean;
  readonly anyCaughtUp: boolean;
}

function positiveNumber(raw: string): number {
  const value = Number(raw);
  if (!Number.isFinite(value) || value <= 0) throw new InvalidArgumentError('must be a positive number');
  return value;
}

function positiveInteger(raw: string): number {
  const value = positiveNumber(raw);
  if (!Number.isInteger(value)) throw new InvalidArgumentError('must be a whole number');
  return value;
}

function listOf(known: readonly string[]) {
  return (raw: string, previous: string[] | undefined): string[] => {
    const values = raw.split(',').map((value) => value.trim());
    const unknown = values.filter((value) => !known.includes(value));
    if (unknown.length > 0)
      throw new InvalidArgumentError(`unknown: ${unknown.join(', ')}; use ${known.join(', ')}`);
    return [...(previous ?? []), ...values];
  };
}

function stampOf(date: Date): string {
  return date
    .toISOString()
    .replace(/:/g, '-')
    .replace(/\.\d+Z$/, 'Z');
}

async function bench(options: Options): Promise<void> {
  const startedAt = new Date();
  // Quick: one run of each figure (a catch-up of 10k licences is a run in itself), 3 s per level.
  const runs = options.runs ?? (options.quick ? 1 : 3);
  const durationMs = (options.seconds ?? (options.quick ? 3 : 20)) * 1000;
  const sizes = (options.size ?? (options.quick ? ['10k'] : ['10k', '100k'])).map(
    (label) => SIZES[label] as number,
  );
  const readStores: ReadStore[] = options.readStore === 'both' ? ['sqlite', 'postgres'] : [options.readStore];
  const log = (line: string) => process.stderr.write(`  ${line}\n`);
  const histories = new Map<number, Promise<GeneratedHistory>>();
  const importFiles = new Map<number, Promise<ImportFile>>();
  const context: FigureContext = {
    durationMs,
    warmUpMs: options.quick ? 500 : 2000,
    sizes,
    readStores,
    profileRoot: options.profile ? join(RESULTS_DIR, 'profiles', stampOf(startedAt)) : undefined,
    history: (size) => {
      const made =
        histories.get(size) ??
        generatedHistory(size, options.seed, log, { anyCaughtUp: options.anyCaughtUp });
      histories.set(size, made);
      return made;
    },
    importFile: (size) => {
      const made = importFiles.get(size) ?? generatedImportFile(size, options.seed, log);
      importFiles.set(size, made);
      return made;
    },
    log,
  };
  const names = options.only ?? Object.keys(FIGURES);
  const results: { figure: Figure; result: FigureResult }[] = [];
  for (const name of names) {
    const make = FIGURES[name];
    if (!make) throw new Error(`Unknown figure ${name}; the figures are: ${Object.keys(FIGURES).join(', ')}`);
    for (const figure of make(context)) {
      process.stderr.write(`${figure.title}: ${runs} run(s)\n`);
      const result = await runFigure(figure, runs, log);
      results.push({ figure, result });
      process.stdout.write(`\n${markdownOf(figure, result)}\n`);
    }
  }
  const memory = memorySummary(results);
  if (memory) process.stdout.write(`\n${memory}\n`);
  const written = writeResults(
    RESULTS_DIR,
    { startedAt, quick: options.quick, runs, durationMs, sizes, readStores, seed: options.seed },
    results,
    memory,
  );
  process.stderr.write(`written: ${written.json}\n         ${written.markdown}\n`);
  if (context.profileRoot !== undefined)
    printTopFunctions(context.profileRoot, (line) => process.stdout.write(`${line}\n`));
}

new Command('bench')
  .description('Run the benchmarks of issue 16, each beside its comparison, into bench/results/')
  .option('--quick', '10k licences, one run of each figure, 3 s per level: a few minutes', false)
  .option('--runs <n>', 'runs of every figure and its comparison (default 3, quick 1)', positiveInteger)
  .option('--seconds <s>', 'measured seconds per load level (default 20, quick 3)', positiveNumber)
  .option(
    '--only <figures>',
    `comma-separated: ${Object.keys(FIGURES).join(', ')}`,
    listOf(Object.keys(FIGURES)),
  )
  .option(
    '--size <sizes>',
    `comma-separated: ${Object.keys(SIZES).join(', ')} (default 10k,100k; quick 10k)`,
    listOf(Object.keys(SIZES)),
  )
  .option('--read-store <store>', 'sqlite, postgres or both (catch-up and queries)', 'sqlite')
  .option('--seed <n>', 'seed of the generated history', positiveInteger, DEFAULT_SEED)
  .option('--profile', 'write node --cpu-prof profiles of the project side to bench/results/profiles/', false)
  .option(
    '--any-caught-up',
    'reuse the newest caught-up read models of the history even if made by older code (for iterating, not for reported figures)',
    false,
  )
  .action((options: Options) => {
    if (!['sqlite', 'postgres', 'both'].includes(options.readStore)) {
      throw new InvalidArgumentError('--read-store must be sqlite, postgres or both');
    }
    return bench(options);
  })
  .parseAsync()
  .catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exitCode = 1;
  });
