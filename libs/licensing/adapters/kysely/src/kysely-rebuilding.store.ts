import type { RecordedEvent } from '@licences/event-store';
import { eventLoopTurn } from '@licences/licensing-read-models';
import type { EventReader, ProjectionName } from '@licences/licensing-read-models';
import * as projections from './kysely-projection.queries';
import * as rebuilds from './kysely-rebuild.queries';
import { KyselyStoreBase, now } from './kysely-store.base';
import type { Db } from './kysely-store.base';
import { nameSwappedIndex, projectionIndexes } from './read-model.indexes';
import { dropProjectionTables } from './read-model.schema';
import { checkProjectionName as checkName } from './store-arguments';

/**
 * How a Kysely read-model store rebuilds a projection beside its live tables: the pass that fills
 * the rebuild's tables stream by stream, then the swap with the steps before and after it. An
 * engine adds, through the hooks, what is its own: who owns a rebuild, what a swap leaves to mend.
 */
export abstract class KyselyRebuildingStore extends KyselyStoreBase {
  /**
   * Inside each transaction that writes a rebuild's tables (its batches and its swap), before the
   * write: where several processes share the store, shows that this process still owns the rebuild.
   */
  protected assertOwnsRebuild(_trx: Db, _name: ProjectionName): Promise<void> {
    return Promise.resolve();
  }

  /** Inside the transaction that starts a rebuild, after its tables and checkpoint exist. */
  protected afterStartRebuild(_trx: Db, _name: ProjectionName): Promise<void> {
    return Promise.resolve();
  }

  /** Inside a rebuild's swap, after the new tables took the live names: what the engine must mend. */
  protected afterSwap(_trx: Db, _name: ProjectionName): Promise<void> {
    return Promise.resolve();
  }

  /** Inside a rebuild's swap: takes the live tables out of the way of the new ones (drops them). */
  protected retireLiveTables(trx: Db, name: ProjectionName): Promise<void> {
    return dropProjectionTables(trx, name);
  }

  /**
   * After a rebuild's swap committed, before the swapped-in indexes take their live names: clears
   * what retireLiveTables left (nothing, by default). Each step in a transaction and a turn of its own.
   */
  protected clearRetiredTables(_name: ProjectionName): Promise<void> {
    return Promise.resolve();
  }

  async projectStreams(name: ProjectionName, events: readonly RecordedEvent[], upTo?: number): Promise<void> {
    checkName(name);
    if (upTo !== undefined && !(Number.isSafeInteger(upTo) && upTo >= 0)) {
      throw new RangeError(`upTo must be a whole number of at least 0, got ${String(upTo)}`);
    }
    await this.write(name, async (trx) => {
      await this.assertOwnsRebuild(trx, name);
      await projections.projectStreamBatch(trx, name, events, now(), upTo);
    });
  }

  async startRebuild(name: ProjectionName): Promise<void> {
    checkName(name);
    // Old tables an earlier swap failed to clear away still hold the live index names.
    await this.clearRetiredTables(name);
    return await this.write(name, async (trx) => {
      await rebuilds.startRebuild(trx, name, now());
      await this.afterStartRebuild(trx, name);
    });
  }

  /**
   * The indexes are made one at a time, a turn of the event loop between them, before and after
   * the swap: made inside it (as they were), they held an embedded store's thread, so that no
   * request, probe or metric was answered, for 10.9 s at 100k licences. Before the swap each is
   * made on the rebuild's tables (indexRebuildTable); after it, each takes its live name.
   */
  async completeRebuild(name: ProjectionName, readMissing: EventReader): Promise<number> {
    checkName(name);
    // Without a rebuild there are no tables to index: the swap then says why it cannot run.
    if ((await this.query((db) => projections.readCheckpoint(db, name, 'rebuild'))) !== undefined) {
      for (const index of projectionIndexes(name).filter((i) => !i.forWrites)) {
        await this.write(name, async (trx) => {
          await this.assertOwnsRebuild(trx, name);
          await rebuilds.indexRebuildTable(trx, index);
        });
        await eventLoopTurn();
      }
    }
    // The projection's writes wait while readMissing reads the event store: the live tables
    // cannot move past what it returns until the swap commits.
    const position = await this.write(name, async (trx) => {
      await this.assertOwnsRebuild(trx, name);
      const swapped = await rebuilds.completeRebuild(trx, name, readMissing, now(), (db, n) =>
        this.retireLiveTables(db, n),
      );
      await this.afterSwap(trx, name);
      return swapped;
    });
    await this.clearRetiredTables(name);
    for (const index of projectionIndexes(name)) {
      if (await this.write(name, (trx) => nameSwappedIndex(trx, index))) await eventLoopTurn();
    }
    return position;
  }

  async abortRebuild(name: ProjectionName): Promise<void> {
    checkName(name);
    return await this.write(name, (trx) => rebuilds.abortRebuild(trx, name));
  }
}
