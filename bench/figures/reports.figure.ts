import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sizeLabel } from '../history/generated-history';
import type { Figure, MetricColumn, Subject } from '../harness/figure';
import { runNodeCli, tsScript } from '../harness/node-cli';
import { profileDirOf } from './figure-context';
import type { FigureContext } from './figure-context';

/*
 * Each report of `npm run report` for one year, built from a caught-up folder (so its own
 * catch-up finds nothing to do): the CLI's wall time, start-up included; against a process that
 * runs the same grouping in SQL on the statistics projection's facts with better-sqlite3 (its
 * wall time, start-up included, and the query's own time).
 */

const REPORTS = ['eu-annual', 'issued', 'large-licences', 'yearly-overview'] as const;
const YEAR = '2025';

const COLUMNS: readonly MetricColumn[] = [
  { metric: 'seconds', heading: 'wall s' },
  { metric: 'peakRssMiB', heading: 'peak RSS MiB' },
];

export function reportsFigures(context: FigureContext): Figure[] {
  return context.sizes.map((size) => {
    let dir: string | undefined;
    const scratch = async (): Promise<string> => {
      if (dir === undefined) {
        const history = await context.history(size);
        dir = mkdtempSync(join(tmpdir(), 'licences-bench-reports-'));
        cpSync(history.caughtUpDir, dir, { recursive: true });
      }
      return dir;
    };
    const cleanUp = () => {
      if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
      dir = undefined;
    };
    const project: Subject = {
      measure: async (level) => {
        const run = await runNodeCli(
          tsScript(
            'apps/api/src/cli/report.cli.ts',
            REPORTS[level] as string,
            '--year',
            YEAR,
            '--format',
            'json',
          ),
          { env: { LICENCES_DATA_DIR: await scratch() }, profileDir: profileDirOf(context, 'reports') },
        );
        return { sample: { seconds: run.wallMs / 1000, peakRssMiB: run.peakRssMiB } };
      },
      stop: () => Promise.resolve(cleanUp()),
    };
    const comparison: Subject = {
      measure: async (level) => {
        const history = await context.history(size);
        const run = await runNodeCli(
          tsScript(
            'bench/direct/sqlite-direct.ts',
            'report-sql',
            join(history.caughtUpDir, 'read-models.sqlite'),
            REPORTS[level] as string,
            YEAR,
          ),
        );
        const { ms } = JSON.parse(run.stdout) as { ms: number };
        return { sample: { seconds: run.wallMs / 1000, queryMs: ms, peakRssMiB: run.peakRssMiB } };
      },
      stop: () => Promise.resolve(),
    };
    return {
      name: `reports@${sizeLabel(size)}`,
      title: `Reports (npm run report -- <report> --year ${YEAR}), ${sizeLabel(size)} licences`,
      levelHeading: 'report',
      levels: REPORTS.map((_, index) => index),
      levelName: (level) => REPORTS[level] ?? String(level),
      project: { label: 'npm run report', columns: COLUMNS, start: () => Promise.resolve(project) },
      comparison: {
        label: 'GROUP BY in SQL',
        columns: [...COLUMNS, { metric: 'queryMs', heading: 'query ms' }],
        start: () => Promise.resolve(comparison),
      },
      ratioOf: 'seconds',
    };
  });
}
