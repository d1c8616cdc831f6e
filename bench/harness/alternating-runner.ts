import type { Figure, Sample, Subject } from './figure';
import { spreadOf } from './stats';
import type { Spread } from './stats';

/** The runs of one side at one level, and each metric's median and spread over them. */
export interface SideResult {
  readonly runs: readonly Sample[];
  readonly metrics: Readonly<Record<string, Spread>>;
  readonly notes: readonly string[];
}

export interface LevelResult {
  readonly level: number;
  readonly project: SideResult;
  readonly comparison: SideResult;
  /** Median of the project over median of the comparison, on the figure's ratio metric. */
  readonly ratio: number;
}

export interface FigureResult {
  readonly name: string;
  readonly title: string;
  readonly runs: number;
  readonly levels: readonly LevelResult[];
}

function sideResult(runs: readonly Sample[], notes: readonly string[]): SideResult {
  const names = [...new Set(runs.flatMap((sample) => Object.keys(sample)))];
  return {
    runs,
    metrics: Object.fromEntries(names.map((name) => [name, spreadOf(runs.map((s) => s[name] ?? NaN))])),
    notes,
  };
}

/**
 * Starts both sides, then for each run and each level measures the project and then the
 * comparison, so that whatever else loads the machine meanwhile falls on both alike. Both sides
 * are stopped whatever happens.
 */
export async function runFigure(
  figure: Figure,
  runs: number,
  progress: (line: string) => void,
): Promise<FigureResult> {
  const samples = new Map<string, { runs: Sample[]; notes: string[] }>();
  const record = (side: string, level: number, sample: Sample, note?: string) => {
    const key = `${side}:${level}`;
    const entry = samples.get(key) ?? { runs: [], notes: [] };
    entry.runs.push(sample);
    if (note !== undefined) entry.notes.push(note);
    samples.set(key, entry);
  };
  let project: Subject | undefined;
  let comparison: Subject | undefined;
  try {
    project = await figure.project.start();
    comparison = await figure.comparison.start();
    for (let run = 1; run <= runs; run++) {
      for (const level of figure.levels) {
        for (const [side, subject] of [
          ['project', project],
          ['comparison', comparison],
        ] as const) {
          let measured: { sample: Sample; note?: string };
          try {
            measured = await subject.measure(level);
          } catch (error) {
            // One failed measurement is reported in the notes; the other runs and sides go on.
            const message = error instanceof Error ? error.message : String(error);
            measured = { sample: {}, note: `failed: ${message.slice(0, 500)}` };
          }
          const { sample, note } = measured;
          record(side, level, sample, note);
          progress(`${figure.name} run ${run}/${runs} ${side} @${level}: ${JSON.stringify(sample)}`);
        }
      }
    }
  } finally {
    await Promise.allSettled([project?.stop(), comparison?.stop()]);
  }
  return {
    name: figure.name,
    title: figure.title,
    runs,
    levels: figure.levels.map((level) => {
      const ofSide = (side: string) => {
        const entry = samples.get(`${side}:${level}`) ?? { runs: [], notes: [] };
        return sideResult(entry.runs, entry.notes);
      };
      const projectSide = ofSide('project');
      const comparisonSide = ofSide('comparison');
      const ratio =
        (projectSide.metrics[figure.ratioOf]?.median ?? NaN) /
        (comparisonSide.metrics[figure.ratioOf]?.median ?? NaN);
      return { level, project: projectSide, comparison: comparisonSide, ratio };
    }),
  };
}
