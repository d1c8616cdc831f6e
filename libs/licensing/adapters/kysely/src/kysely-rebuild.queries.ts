import type { Kysely } from 'kysely';
import type { EventReader, ProjectionName } from '@licences/licensing-read-models';
import { deleteCheckpoint, projectBatch, readCheckpoint, writeCheckpoint } from './kysely-projection.queries';
import {
  createProjectionIndexes,
  createRebuildWriteIndexes,
  dropRebuildWriteIndexes,
} from './read-model.indexes';
import {
  createProjectionTables,
  dropProjectionTables,
  rebuildTableName,
  tablesOf,
} from './read-model.schema';
import type { ReadModelDatabase } from './read-model.records';
import { REBUILD_TABLES } from './rebuild-tables.plugin';

/*
 * Rebuild of a projection into fresh tables next to the live ones, dialect-agnostic. Each function
 * expects to run inside one transaction of the caller; DDL is transactional in SQLite and
 * PostgreSQL alike, so a failed swap leaves the live tables as they were.
 */

type Db = Kysely<ReadModelDatabase>;

/** Drops any earlier rebuild and creates empty rebuild tables (with their write indexes) with a checkpoint of 0. */
export async function startRebuild(db: Db, name: ProjectionName, now: string): Promise<void> {
  const rebuild = db.withPlugin(REBUILD_TABLES);
  await dropProjectionTables(rebuild, name);
  await createProjectionTables(rebuild, name);
  await createRebuildWriteIndexes(rebuild, name);
  await writeCheckpoint(db, name, 'rebuild', 0, now);
}

/**
 * Catches the rebuild up to the live checkpoint, swaps it in and keeps the later checkpoint.
 * Returns the live checkpoint after the swap.
 */
export async function completeRebuild(
  db: Db,
  name: ProjectionName,
  readMissing: EventReader,
  now: string,
): Promise<number> {
  const started = await readCheckpoint(db, name, 'rebuild');
  if (started === undefined) throw new Error(`No rebuild of ${name} was started`);
  const live = (await readCheckpoint(db, name, 'live')) ?? 0;
  let rebuilt = started;
  if (live > rebuilt) {
    rebuilt = await projectBatch(db, name, await readMissing(rebuilt, live), 'rebuild', now);
    // The live checkpoint is the position of an event the live tables hold; swapping in tables
    // without it, and then keeping the live checkpoint, would lose that event for good.
    if (rebuilt < live) {
      throw new Error(
        `The rebuild of ${name} caught up to position ${rebuilt} only; the live tables are at ${live}`,
      );
    }
  }
  await dropProjectionTables(db, name);
  for (const table of tablesOf(name)) {
    await db.schema.alterTable(rebuildTableName(table)).renameTo(table).execute();
  }
  // After the drop, so that the index names are free again.
  await dropRebuildWriteIndexes(db, name);
  await createProjectionIndexes(db, name);
  const position = Math.max(live, rebuilt);
  await writeCheckpoint(db, name, 'live', position, now);
  await deleteCheckpoint(db, name, 'rebuild');
  return position;
}

/** Drops the rebuild tables and checkpoint; the live tables stay as they are. */
export async function abortRebuild(db: Db, name: ProjectionName): Promise<void> {
  await dropProjectionTables(db.withPlugin(REBUILD_TABLES), name);
  await deleteCheckpoint(db, name, 'rebuild');
}
