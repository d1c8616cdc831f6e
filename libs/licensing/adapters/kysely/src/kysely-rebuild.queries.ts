import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import type { EventReader, ProjectionName } from '@licences/licensing-read-models';
import { deleteCheckpoint, projectBatch, readCheckpoint, writeCheckpoint } from './kysely-projection.queries';
import {
  createIndex,
  createProjectionIndexes,
  createRebuildWriteIndexes,
  nameSwappedIndexes,
  projectionIndexes,
  rebuildIndexOf,
  tableOfIndex,
} from './read-model.indexes';
import type { IndexDefinition } from './read-model.indexes';
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
  // An earlier swap cut short before its indexes took the live names holds the rebuild names.
  await nameSwappedIndexes(db, name);
  const rebuild = db.withPlugin(REBUILD_TABLES);
  await dropProjectionTables(rebuild, name);
  // A first build cut short may have taken indexes of the empty live tables along (indexRebuildTable).
  await createProjectionIndexes(db, name);
  await createProjectionTables(rebuild, name);
  await createRebuildWriteIndexes(rebuild, name);
  await writeCheckpoint(db, name, 'rebuild', 0, now);
}

/**
 * Catches the rebuild up to the live checkpoint, swaps it in and keeps the later checkpoint.
 * Returns the live checkpoint after the swap. The swapped-in indexes keep their rebuild names
 * until the store gives them the live ones (nameSwappedIndex).
 */
export async function completeRebuild(
  db: Db,
  name: ProjectionName,
  readMissing: EventReader,
  now: string,
  /** Takes the live tables out of the way of the swapped-in ones: by default drops them. */
  retire: (db: Db, name: ProjectionName) => Promise<void> = dropProjectionTables,
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
  // Every index comes in with the tables. The store makes them before the swap, one at a time
  // (indexRebuildTable); here only what is missing is made, so that the swapped-in tables are
  // whole however the swap was reached.
  for (const index of projectionIndexes(name)) {
    if (!(await rebuildTableHasIndex(db, index))) {
      await createIndex(db.withPlugin(REBUILD_TABLES), rebuildIndexOf(index));
    }
  }
  await retire(db, name);
  for (const table of tablesOf(name)) {
    await db.schema.alterTable(rebuildTableName(table)).renameTo(table).execute();
  }
  const position = Math.max(live, rebuilt);
  await writeCheckpoint(db, name, 'live', position, now);
  await deleteCheckpoint(db, name, 'rebuild');
  return position;
}

/** Whether the rebuild's table has the index, under its live or its rebuild name. */
async function rebuildTableHasIndex(db: Db, index: IndexDefinition): Promise<boolean> {
  const table = rebuildTableName(index.table);
  for (const indexName of [index.name, rebuildIndexOf(index).name]) {
    if ((await tableOfIndex(db, indexName)) === table) return true;
  }
  return false;
}

/**
 * Before the swap, in a transaction of its own: makes one index on the rebuild's table. While the
 * live table is empty (a first build), the live table's index is dropped and the index made on
 * the rebuild's table under the live name, so that it is made once; otherwise under the rebuild
 * name, for nameSwappedIndex to name after the swap (made again: SQLite cannot rename an index),
 * so that queries of the live table keep it until then. Not for an index `forWrites`: the live
 * projection's writes need it on the live table until the swap.
 */
export async function indexRebuildTable(db: Db, index: IndexDefinition): Promise<void> {
  if (index.forWrites) throw new Error(`${index.name} serves the writes of the live table until the swap`);
  if (await rebuildTableHasIndex(db, index)) return;
  const liveRows = await db
    .selectFrom(index.table)
    .select(sql<number>`1`.as('one'))
    .limit(1)
    .execute();
  if (liveRows.length > 0) {
    await createIndex(db.withPlugin(REBUILD_TABLES), rebuildIndexOf(index));
    return;
  }
  if ((await tableOfIndex(db, index.name)) === index.table) await db.schema.dropIndex(index.name).execute();
  await createIndex(db.withPlugin(REBUILD_TABLES), index);
}

/** Drops the rebuild tables and checkpoint; the live tables stay as they are. */
export async function abortRebuild(db: Db, name: ProjectionName): Promise<void> {
  await dropProjectionTables(db.withPlugin(REBUILD_TABLES), name);
  // The indexes a first build took from the empty live tables (indexRebuildTable) went with it.
  await createProjectionIndexes(db, name);
  await deleteCheckpoint(db, name, 'rebuild');
}
