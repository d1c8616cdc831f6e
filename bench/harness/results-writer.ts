import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import type { FigureResult } from './alternating-runner';
import type { Figure } from './figure';
import { rounded } from './stats';
import type { Spread } from './stats';

export interface RunInfo {
  readonly startedAt: Date;
  readonly quick: boolean;
  readonly runs: number;
  readonly durationMs: number;
  readonly sizes?: readonly number[];
  readonly readStores?: readonly string[];
  readonly seed?: number;
}

function cell(spread: Spread | undefined): string {
  if (!spread) return '—';
  const { median, min, max } = spread;
  return min === max ? `${rounded(median)}` : `${rounded(median)} (${rounded(min)}–${rounded(max)})`;
}

function machine() {
  const cores = cpus();
  return {
    cpu: cores[0]?.model ?? 'unknown',
    cores: cores.length,
    memoryGiB: Math.round(totalmem() / 1024 ** 3),
    node: process.version,
    platform: process.platform,
  };
}

/** One figure as a markdown table: per level, each side's metrics as median (min–max), and the ratio. */
export function markdownOf(figure: Figure, result: FigureResult): string {
  const headings = [
    figure.levelHeading,
    ...figure.project.columns.map((c) => `${figure.project.label}: ${c.heading}`),
    ...figure.comparison.columns.map((c) => `${figure.comparison.label}: ${c.heading}`),
    `ratio (${figure.ratioOf})`,
  ];
  const name = figure.levelName ?? String;
  const rows = result.levels.map((level) => [
    name(level.level),
    ...figure.project.columns.map((c) => cell(level.project.metrics[c.metric])),
    ...figure.comparison.columns.map((c) => cell(level.comparison.metrics[c.metric])),
    `${rounded(level.ratio)}×`,
  ]);
  const notes = result.levels.flatMap((level) => [
    ...level.project.notes.map((n) => `- ${figure.project.label} @${name(level.level)}: ${n}`),
    ...level.comparison.notes.map((n) => `- ${figure.comparison.label} @${name(level.level)}: ${n}`),
  ]);
  return [
    `### ${figure.title}`,
    '',
    `| ${headings.join(' | ')} |`,
    `|${headings.map(() => '---').join('|')}|`,
    ...rows.map((row) => `| ${row.join(' | ')} |`),
    ...(notes.length > 0 ? ['', ...notes] : []),
    '',
  ].join('\n');
}

/**
 * Writes `<dir>/<timestamp>.json` (every run's samples) and `<dir>/<timestamp>.md`, and copies
 * the markdown to `<dir>/latest.md`; answers the markdown file's path.
 */
export function writeResults(
  dir: string,
  info: RunInfo,
  figures: readonly { figure: Figure; result: FigureResult }[],
  summary?: string,
): { json: string; markdown: string } {
  mkdirSync(dir, { recursive: true });
  const stamp = info.startedAt
    .toISOString()
    .replace(/:/g, '-')
    .replace(/\.\d+Z$/, 'Z');
  const about = machine();
  const json = join(dir, `${stamp}.json`);
  writeFileSync(
    json,
    `${JSON.stringify({ ...info, machine: about, figures: figures.map((f) => f.result) }, null, 2)}\n`,
  );
  const markdown = [
    `# Benchmark results, ${info.startedAt.toISOString()}`,
    '',
    `${info.quick ? 'Quick run' : 'Full run'}: ${info.runs} run(s), ${info.durationMs / 1000} s per load level, ` +
      `sides alternating. Cells: median (min–max). Machine: ${about.cores} × ${about.cpu}, ` +
      `${about.memoryGiB} GiB, Node ${about.node}.`,
    '',
    ...figures.map(({ figure, result }) => markdownOf(figure, result)),
    ...(summary === undefined ? [] : [summary]),
  ].join('\n');
  const md = join(dir, `${stamp}.md`);
  writeFileSync(md, markdown);
  writeFileSync(join(dir, 'latest.md'), markdown);
  return { json, markdown: md };
}
