import { join } from 'node:path';
import { Command, InvalidArgumentError } from 'commander';
import { httpCommandsFigure } from './figures/http-commands.figure';
import type { LoadSettings } from './figures/http-commands.figure';
import { runFigure } from './harness/alternating-runner';
import type { FigureResult } from './harness/alternating-runner';
import type { Figure } from './harness/figure';
import { markdownOf, writeResults } from './harness/results-writer';

/*
 * The benchmarks of issue 16: every figure beside its comparison, alternating, several runs,
 * written to bench/results/ as JSON and markdown. Never part of `npm test`.
 *
 *   npm run bench -- --quick                  # within three minutes
 *   npm run bench                             # three runs of 20 s per level
 *   npm run bench -- --only http-commands --runs 5 --seconds 10
 */

const RESULTS_DIR = join(__dirname, 'results');

/** Every figure built so far, by name. */
const FIGURES: Readonly<Record<string, (settings: LoadSettings) => Figure>> = {
  'http-commands': httpCommandsFigure,
};

interface Options {
  readonly quick: boolean;
  readonly runs?: number;
  readonly seconds?: number;
  readonly only?: string;
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

async function bench(options: Options): Promise<void> {
  const startedAt = new Date();
  const runs = options.runs ?? 3;
  const durationMs = (options.seconds ?? (options.quick ? 3 : 20)) * 1000;
  const settings: LoadSettings = { durationMs, warmUpMs: options.quick ? 500 : 2000 };
  const names = options.only === undefined ? Object.keys(FIGURES) : [options.only];
  const results: { figure: Figure; result: FigureResult }[] = [];
  for (const name of names) {
    const make = FIGURES[name];
    if (!make) throw new Error(`Unknown figure ${name}; the figures are: ${Object.keys(FIGURES).join(', ')}`);
    const figure = make(settings);
    process.stderr.write(`${figure.title}: ${runs} run(s), ${durationMs / 1000} s per level\n`);
    const result = await runFigure(figure, runs, (line) => process.stderr.write(`  ${line}\n`));
    results.push({ figure, result });
    process.stdout.write(`\n${markdownOf(figure, result)}\n`);
  }
  const written = writeResults(RESULTS_DIR, { startedAt, quick: options.quick, runs, durationMs }, results);
  process.stderr.write(`written: ${written.json}\n         ${written.markdown}\n`);
}

new Command('bench')
  .description('Run the benchmarks of issue 16, each beside its comparison, into bench/results/')
  .option('--quick', 'three short runs (3 s per level): within three minutes', false)
  .option('--runs <n>', 'runs of every figure and its comparison (default 3)', positiveInteger)
  .option('--seconds <s>', 'measured seconds per level (default 20, quick 3)', positiveNumber)
  .option('--only <figure>', `one figure: ${Object.keys(FIGURES).join(', ')}`)
  .action(bench)
  .parseAsync()
  .catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exitCode = 1;
  });
