import Database from 'better-sqlite3';
import { createPrivateFile } from './private-files';

/** How long opening a live database may wait for a writer's lock (a migration at start-up). */
const OPEN_TIMEOUT_MS = 5000;
/** Pages per step: all of them, so the copy is one read transaction (see snapshotDatabase). */
const ALL_PAGES = 0x7fffffff;

/**
 * Copies a live SQLite database with SQLite's online backup API into a new owner-only file. The
 * copy is taken in one step, inside one read transaction: a consistent snapshot of the last
 * committed state (the WAL included) that writers in other processes do not wait for. A copy in
 * several steps would be restarted by every write from another process, and under steady load
 * might never finish.
 * @returns the number of pages copied.
 */
export async function snapshotDatabase(source: string, target: string): Promise<number> {
  createPrivateFile(target);
  const db = new Database(source, { fileMustExist: true, timeout: OPEN_TIMEOUT_MS });
  try {
    const { totalPages } = await db.backup(target, { progress: () => ALL_PAGES });
    return totalPages;
  } finally {
    db.close();
  }
}

/**
 * Opens and closes a copy once, so that the WAL and shared-memory files a read-only reader (the
 * verification) left beside it are folded in and removed: the backup then holds only the files its
 * manifest names.
 */
export function settleDatabase(file: string): void {
  const db = new Database(file, { fileMustExist: true });
  try {
    db.prepare('SELECT COUNT(*) FROM sqlite_master').get();
  } finally {
    db.close();
  }
}
