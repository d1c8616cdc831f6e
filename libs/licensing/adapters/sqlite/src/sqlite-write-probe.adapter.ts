import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { StorageFaultError, withStorageFaults } from '@licences/event-store';
import type { WriteProbe } from '@licences/event-store';
import { isLockError } from './sqlite-lock-retry';

/** A probe never waits long for a writer holding the file: readiness must answer promptly. */
const PROBE_BUSY_TIMEOUT_MS = 1000;

/**
 * Shows that an SQLite file of a store accepts writes now, on a connection of its own: it commits
 * (synchronously, as the store's own writes do) one row in a table of its own, which nothing
 * else reads. A full disk refuses it as it refuses a command, because the WAL must grow by a frame.
 * The file must exist: a probe never creates the store it checks.
 */
export class SqliteWriteProbe implements WriteProbe {
  private db: Database.Database | undefined;

  constructor(
    private readonly file: string,
    /** How faults name the store ("event store", "read models", "access log"). */
    private readonly store: string,
  ) {}

  probeWrites(): Promise<void> {
    return new Promise<void>((resolve) => {
      withStorageFaults(this.store, dirname(this.file), () => {
        const db = this.open();
        db.transaction(() => {
          db.exec(`CREATE TABLE IF NOT EXISTS storage_probe (
            id INTEGER PRIMARY KEY CHECK (id = 1),
            probed_at TEXT NOT NULL
          )`);
          db.prepare(
            `INSERT INTO storage_probe (id, probed_at) VALUES (1, ?)
             ON CONFLICT (id) DO UPDATE SET probed_at = excluded.probed_at`,
          ).run(new Date().toISOString());
        }).immediate();
      });
      resolve();
    }).catch((error: unknown) => {
      // Another connection writing (a projection batch, a rebuild's swap) is the store at work,
      // not a fault: readiness must not flap while the projector is busy.
      if (isLockError(error)) return;
      // A connection that met a fault is dropped: the next probe opens afresh, as after a repair.
      this.close();
      throw error instanceof StorageFaultError
        ? error
        : new StorageFaultError('unavailable', this.store, `${this.store}: ${String(error)}`, {
            cause: error,
          });
    });
  }

  close(): void {
    this.db?.close();
    this.db = undefined;
  }

  private open(): Database.Database {
    if (this.db) return this.db;
    const db = new Database(this.file, { fileMustExist: true, timeout: PROBE_BUSY_TIMEOUT_MS });
    try {
      db.pragma('synchronous = FULL');
      this.db = db;
      return db;
    } catch (error) {
      db.close();
      throw error;
    }
  }
}
