import Database from 'better-sqlite3';
import { ensurePrivateFile } from '@licences/event-store';
import { migrate } from './sqlite-event-store.schema';

/** How long a writer waits for another process holding the write lock before failing with SQLITE_BUSY. */
export const BUSY_TIMEOUT_MS = 5000;

/**
 * Opens (creating if needed) an event store file with the settings its guarantees depend on,
 * and migrates its schema. The parent folder must exist; a new file is readable by its owner only.
 */
export function openEventStoreDatabase(file: string): Database.Database {
  ensurePrivateFile(file);
  const db = new Database(file, { timeout: BUSY_TIMEOUT_MS });
  try {
    db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
    // WAL lets readers (subscriptions, other processes) run while one process writes.
    const journalMode = db.pragma('journal_mode = WAL', { simple: true });
    if (journalMode !== 'wal') {
      throw new Error(`Event store ${file} cannot use WAL journaling (got ${String(journalMode)})`);
    }
    // FULL syncs the WAL on every commit: an acknowledged append survives a power cut, not just a crash.
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    migrate(db);
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}
