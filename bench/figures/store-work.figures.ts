import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Figure } from '../harness/figure';
import { runNodeCli, tsScript } from '../harness/node-cli';
import { projectorCatchUp } from '../harness/projector-run';
import { oneShotFigure, profileDirOf, WORK_COLUMNS, workSample } from './figure-context';
import type { FigureContext } from './figure-context';

/*
 * Work over the whole generated history, each beside the same rows read and written directly
 * with better-sqlite3 (bench/direct/sqlite-direct.ts):
 *   catch-up  every projection from an empty read store (`npm run projector` until no lag);
 *   rebuild   one projection (`npm run rebuild -- licence-validity`) on a caught-up folder;
 *   verify    `npm run verify` against recomputing both hash chains of every row.
 */

const COLUMNS = WORK_COLUMNS;

/** The projection the rebuild figure rebuilds, and the prefix of the tables it writes. */
const REBUILT = { projection: 'licence-validity', tables: 'licence_validity' } as const;

/** A scratch folder for one run, removed whatever happens. */
async function inScratch<T>(prefix: string, work: (dir: string) => Promise<T>): Promise<T> {
  const dir = mkdtempSync(join(tmpdir(), `licences-bench-${prefix}-`));
  try {
    return await work(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The direct side: read and parse every event, then write the reference rows of `tables` prefixes. */
function readWriteSide(context: FigureContext, size: number, label: string, prefixes: readonly string[]) {
  return {
    label,
    columns: COLUMNS,
    run: async () => {
      const history = await context.history(size);
      return inScratch('direct', async (dir) => {
        const run = await runNodeCli(
          tsScript(
            'bench/direct/sqlite-direct.ts',
            'read-write',
            join(history.eventsDir, 'licences.sqlite'),
            join(history.caughtUpDir, 'read-models.sqlite'),
            join(dir, 'read-models.sqlite'),
            ...prefixes,
          ),
        );
        const done = JSON.parse(run.stdout) as { events: number; rows: number; tables: number };
        return {
          sample: workSample(done.events, run),
          note: `${done.events} events read, ${done.rows} rows written into ${done.tables} tables`,
        };
      });
    },
  };
}

export function catchUpFigures(context: FigureContext): Figure[] {
  return context.sizes.map((size) =>
    oneShotFigure({
      name: 'catch-up',
      title: 'Projection catch-up: all projections from an empty SQLite read store',
      size,
      ratioOf: 'eventsPerSecond',
      project: {
        label: 'npm run projector',
        columns: COLUMNS,
        run: async () => {
          const history = await context.history(size);
          return inScratch('catch-up', async (dir) => {
            cpSync(join(history.eventsDir, 'licences.sqlite'), join(dir, 'licences.sqlite'));
            const run = await projectorCatchUp(
              { LICENCES_DATA_DIR: dir },
              6 * 3600_000,
              profileDirOf(context, 'catch-up'),
            );
            return {
              sample: workSample(history.events, run),
            };
          });
        },
      },
      comparison: readWriteSide(context, size, 'read + write directly', []),
    }),
  );
}

export function rebuildFigures(context: FigureContext): Figure[] {
  return context.sizes.map((size) =>
    oneShotFigure({
      name: 'rebuild',
      title: `Rebuild of one projection (${REBUILT.projection})`,
      size,
      ratioOf: 'eventsPerSecond',
      project: {
        label: `npm run rebuild -- ${REBUILT.projection}`,
        columns: COLUMNS,
        run: async () => {
          const history = await context.history(size);
          return inScratch('rebuild', async (dir) => {
            cpSync(history.caughtUpDir, dir, { recursive: true });
            const run = await runNodeCli(tsScript('apps/api/src/cli/rebuild.cli.ts', REBUILT.projection), {
              env: { LICENCES_DATA_DIR: dir },
              profileDir: profileDirOf(context, 'rebuild'),
            });
            return {
              sample: workSample(history.events, run),
            };
          });
        },
      },
      comparison: readWriteSide(context, size, 'read + write directly', [REBUILT.tables]),
    }),
  );
}

export function verifyFigures(context: FigureContext): Figure[] {
  return context.sizes.map((size) =>
    oneShotFigure({
      name: 'verify',
      title: 'Verification of the hash chains',
      size,
      ratioOf: 'eventsPerSecond',
      project: {
        label: 'npm run verify',
        columns: COLUMNS,
        run: async () => {
          const history = await context.history(size);
          return inScratch('verify', async (dir) => {
            cpSync(history.caughtUpDir, dir, { recursive: true });
            const run = await runNodeCli(tsScript('apps/api/src/cli/verify.cli.ts', '--json'), {
              env: { LICENCES_DATA_DIR: dir },
              profileDir: profileDirOf(context, 'verify'),
            });
            return {
              sample: workSample(history.events, run),
            };
          });
        },
      },
      comparison: {
        label: 'SHA-256 chains directly',
        columns: COLUMNS,
        run: async () => {
          const history = await context.history(size);
          const run = await runNodeCli(
            tsScript('bench/direct/sqlite-direct.ts', 'verify', join(history.eventsDir, 'licences.sqlite')),
          );
          const done = JSON.parse(run.stdout) as { rows: number; mismatches: number };
          return {
            sample: workSample(done.rows, run),
            ...(done.mismatches > 0 && { note: `${done.mismatches} rows whose hashes differ` }),
          };
        },
      },
    }),
  );
}
