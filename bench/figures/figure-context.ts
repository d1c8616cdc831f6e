import { join } from 'node:path';
import type { GeneratedHistory, ImportFile } from '../history/generated-history';
import { sizeLabel } from '../history/generated-history';
import type { Figure, MetricColumn, Sample } from '../harness/figure';

export type ReadStore = 'sqlite' | 'postgres';

/** What every figure gets from the run: its settings, the generated histories and where profiles go. */
export interface FigureContext {
  readonly durationMs: number;
  readonly warmUpMs: number;
  readonly sizes: readonly number[];
  readonly readStores: readonly ReadStore[];
  /** bench/results/profiles/<stamp>/ when --profile was given. */
  readonly profileRoot: string | undefined;
  history(size: number): Promise<GeneratedHistory>;
  /** The import file alone, without the events (which take hours to make at 1M). */
  importFile(size: number): Promise<ImportFile>;
  log(line: string): void;
}

/** The folder a project-side process of `figure` writes its CPU profile into, when profiling. */
export function profileDirOf(context: FigureContext, figure: string): string | undefined {
  return context.profileRoot === undefined ? undefined : join(context.profileRoot, figure);
}

/** One side of a figure measured once per run: a CLI to its end, or a direct script. */
export interface OneShotSide {
  readonly label: string;
  readonly columns: readonly MetricColumn[];
  run(size: number): Promise<{ sample: Sample; note?: string }>;
  /** Cleans up after the last run (temporary folders, databases). */
  stop?(): Promise<void>;
}

/** A figure with one level, the history's size, whose sides each do their work once per run. */
export function oneShotFigure(spec: {
  readonly name: string;
  readonly title: string;
  readonly size: number;
  readonly project: OneShotSide;
  readonly comparison: OneShotSide;
  readonly ratioOf: string;
}): Figure {
  const side = (s: OneShotSide) => ({
    label: s.label,
    columns: s.columns,
    start: () =>
      Promise.resolve({
        measure: () => s.run(spec.size),
        stop: () => s.stop?.() ?? Promise.resolve(),
      }),
  });
  return {
    name: `${spec.name}@${sizeLabel(spec.size)}`,
    title: `${spec.title}, ${sizeLabel(spec.size)} licences`,
    levelHeading: 'licences',
    levels: [spec.size],
    levelName: sizeLabel,
    project: side(spec.project),
    comparison: side(spec.comparison),
    ratioOf: spec.ratioOf,
  };
}

export const perSecondOf = (count: number, ms: number): number => (count * 1000) / ms;

/** The columns of a figure that does a piece of work over the whole history. */
export const WORK_COLUMNS: readonly MetricColumn[] = [
  { metric: 'eventsPerSecond', heading: 'events/s' },
  { metric: 'seconds', heading: 's' },
  { metric: 'peakRssMiB', heading: 'peak RSS MiB' },
];

/** `count` things done by a process in its wall time, at its peak RSS, as `metric` per second. */
export function workSample(
  count: number,
  run: { readonly wallMs: number; readonly peakRssMiB: number },
  metric = 'eventsPerSecond',
): Sample {
  return { [metric]: perSecondOf(count, run.wallMs), seconds: run.wallMs / 1000, peakRssMiB: run.peakRssMiB };
}
