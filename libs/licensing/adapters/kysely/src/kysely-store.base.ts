import type { Kysely } from 'kysely';
import type { ProjectionName } from '@licences/licensing-read-models';
import type { ReadModelDatabase } from './read-model.records';

export type Db = Kysely<ReadModelDatabase>;

/**
 * How a Kysely read-model store reaches its database: every access through `query`, so that a
 * failing storage is a StorageFaultError; writes and snapshots in the engine's own transactions.
 */
export abstract class KyselyStoreBase {
  private closed = false;

  protected constructor(private readonly db: Db) {}

  /** Runs `work`, turning the engine's failures of the storage into StorageFaultErrors. */
  protected abstract withFaults<T>(work: () => Promise<T>): Promise<T>;

  /**
   * One transaction writing the projections `names` (one, or several for `projectAll`): rows and
   * checkpoints commit together or not at all.
   */
  protected abstract inWriteTransaction<T>(
    db: Db,
    names: readonly ProjectionName[],
    work: (trx: Db) => Promise<T>,
  ): Promise<T>;

  /** One read-only transaction on a single snapshot of projection `name`'s tables. */
  protected abstract inSnapshot<T>(db: Db, name: ProjectionName, work: (trx: Db) => Promise<T>): Promise<T>;

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.db.destroy();
  }

  /**
   * Every access goes through here, so that a failing storage is a StorageFaultError. A projection
   * batch that fails this way is rolled back with its checkpoint, and the runner applies it again
   * later: nothing is skipped.
   */
  protected query<T>(work: (db: Db) => Promise<T>): Promise<T> {
    return this.withFaults(() => {
      if (this.closed) throw new Error('The read-model store is closed');
      return work(this.db);
    });
  }

  protected write<T>(name: ProjectionName, work: (trx: Db) => Promise<T>): Promise<T> {
    return this.query((db) => this.inWriteTransaction(db, [name], work));
  }

  protected read<T>(name: ProjectionName, work: (trx: Db) => Promise<T>): Promise<T> {
    return this.query((db) => this.inSnapshot(db, name, work));
  }
}

/** The instant a write is stamped with (checkpoints, rebuild starts). */
export function now(): string {
  return new Date().toISOString();
}
