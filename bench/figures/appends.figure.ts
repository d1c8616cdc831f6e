import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Figure, MetricColumn, Sample, Subject } from '../harness/figure';
import { REPO_ROOT, runNodeCli, tsScript } from '../harness/node-cli';
import { profileDirOf } from './figure-context';
import type { FigureContext } from './figure-context';

/*
 * Durable appends per second at 1, 8 and 32 concurrent appenders (bench/direct/appends.ts), each
 * level a fresh file in its own process:
 *   appends  the SqliteEventStore library against raw better-sqlite3 on the same schema and
 *            pragmas, one transaction per append (and, as a second column, 100 per transaction);
 *   peer     the same library against Emmett-SQLite 0.38.5 as shipped (bench/peers/emmett-sqlite,
 *            its own package), skipped with a note when that package is not installed.
 */

const LEVELS = [1, 8, 32];
const PEER_DIR = join(REPO_ROOT, 'bench', 'peers', 'emmett-sqlite');
const PEER_INSTALLED = join(PEER_DIR, 'node_modules', '@event-driven-io', 'emmett-sqlite');

const COLUMN: MetricColumn = { metric: 'perSecond', heading: 'appends/s' };

function productSubject(context: FigureContext): Subject {
  return {
    measure: async (clients) => {
      const run = await runNodeCli(
        tsScript('bench/direct/appends.ts', 'product', String(clients), String(context.durationMs / 1000)),
        { profileDir: profileDirOf(context, 'appends') },
      );
      return { sample: JSON.parse(run.stdout) as { perSecond: number } };
    },
    stop: () => Promise.resolve(),
  };
}

/** The product's side of both figures. */
function productSide(context: FigureContext): Figure['project'] {
  return {
    label: 'SqliteEventStore',
    columns: [COLUMN],
    start: () => Promise.resolve(productSubject(context)),
  };
}

export function appendsFigures(context: FigureContext): Figure[] {
  return [
    {
      name: 'appends',
      title: 'Durable appends to the event store (SQLite), one event per append',
      levelHeading: 'appenders',
      levels: LEVELS,
      project: productSide(context),
      comparison: {
        label: 'raw better-sqlite3',
        columns: [
          { metric: 'perSecond', heading: '1 per transaction/s' },
          { metric: 'batchedPerSecond', heading: '100 per transaction/s' },
        ],
        start: () =>
          Promise.resolve({
            measure: async () => {
              // Synchronous: appenders would only take turns, so the level does not change it.
              const run = await runNodeCli(
                tsScript('bench/direct/appends.ts', 'raw', '1', String(context.durationMs / 1000)),
              );
              return { sample: JSON.parse(run.stdout) as { perSecond: number; batchedPerSecond: number } };
            },
            stop: () => Promise.resolve(),
          }),
      },
      ratioOf: 'perSecond',
    },
  ];
}

export function peerFigures(context: FigureContext): Figure[] {
  const installed = existsSync(PEER_INSTALLED);
  return [
    {
      name: 'peer',
      title: 'Durable appends: the product beside Emmett-SQLite 0.38.5 (a peer event store)',
      levelHeading: 'appenders',
      levels: LEVELS,
      project: productSide(context),
      comparison: {
        label: 'Emmett-SQLite',
        columns: [COLUMN, { metric: 'failed', heading: 'failed appends' }],
        start: () =>
          Promise.resolve({
            measure: async (clients): Promise<{ sample: Sample; note?: string }> => {
              if (!installed) {
                return {
                  sample: {},
                  note: 'skipped: the peer is not installed (cd bench/peers/emmett-sqlite && npm install --legacy-peer-deps)',
                };
              }
              const run = await runNodeCli([
                join(PEER_DIR, 'appends.mjs'),
                String(clients),
                String(context.durationMs / 1000),
              ]);
              const { perSecond, failed, firstError } = JSON.parse(run.stdout) as {
                perSecond: number;
                failed: number;
                firstError?: string;
              };
              return {
                sample: { perSecond, failed },
                ...(firstError !== undefined && { note: `${failed} failed; first: ${firstError}` }),
              };
            },
            stop: () => Promise.resolve(),
          }),
      },
      ratioOf: 'perSecond',
    },
  ];
}
