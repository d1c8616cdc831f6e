import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import type { Figure } from '../harness/figure';
import { runNodeCli, tsScript } from '../harness/node-cli';
import { projectorCatchUp } from '../harness/projector-run';
import { oneShotFigure, profileDirOf, WORK_COLUMNS, workSample } from './figure-context';
import type { FigureContext } from './figure-context';

/*
 * The catch-up figure with the PostgreSQL read store: `npm run projector` with
 * LICENCES_READ_STORE=postgres into a database made for the run (and dropped after it), against
 * the same events read and the same rows written with `pg` directly (bench/direct/pg-direct.ts).
 */

const SERVER = 'postgres://postgres@127.0.0.1:5432';

const COLUMNS = WORK_COLUMNS;

let databases = 0;

/** A database of its own on the local server, created now; `drop` removes it. */
export async function benchDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `licences_bench_${process.pid}_${++databases}`;
  const admin = new Client({ connectionString: `${SERVER}/postgres` });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  return {
    url: `${SERVER}/${name}`,
    drop: async () => {
      const client = new Client({ connectionString: `${SERVER}/postgres` });
      await client.connect();
      try {
        await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await client.end();
      }
    },
  };
}

export function postgresCatchUpFigures(context: FigureContext): Figure[] {
  return context.sizes.map((size) => {
    let last: { url: string; drop(): Promise<void> } | undefined;
    const forget = async () => {
      const database = last;
      last = undefined;
      await database?.drop();
    };
    return oneShotFigure({
      name: 'catch-up-postgres',
      title: 'Projection catch-up: all projections into an empty PostgreSQL read store',
      size,
      ratioOf: 'eventsPerSecond',
      project: {
        label: 'npm run projector (PostgreSQL)',
        columns: COLUMNS,
        run: async () => {
          const history = await context.history(size);
          await forget();
          last = await benchDatabase();
          const dir = mkdtempSync(join(tmpdir(), 'licences-bench-catch-up-pg-'));
          try {
            cpSync(join(history.eventsDir, 'licences.sqlite'), join(dir, 'licences.sqlite'));
            const run = await projectorCatchUp(
              { LICENCES_DATA_DIR: dir, LICENCES_READ_STORE: 'postgres', DATABASE_URL: last.url },
              6 * 3600_000,
              profileDirOf(context, 'catch-up-postgres'),
            );
            return {
              sample: workSample(history.events, run),
            };
          } finally {
            rmSync(dir, { recursive: true, force: true });
          }
        },
        stop: forget,
      },
      comparison: {
        label: 'read + write directly (pg)',
        columns: COLUMNS,
        run: async () => {
          const history = await context.history(size);
          if (last === undefined) throw new Error('no PostgreSQL catch-up of this run to take the rows from');
          const run = await runNodeCli(
            tsScript('bench/direct/pg-direct.ts', join(history.eventsDir, 'licences.sqlite'), last.url),
          );
          const done = JSON.parse(run.stdout) as { events: number; rows: number; tables: number; ms: number };
          return {
            sample: workSample(done.events, run),
            note: `${done.events} events read, ${done.rows} rows written into ${done.tables} tables`,
          };
        },
      },
    });
  });
}
