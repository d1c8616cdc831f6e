import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { inlineProjectionsHolder } from '../../config/inline-projections.lease';

/**
 * Whether another connection has `file` open. A connection to a WAL database keeps a shared lock
 * on it for as long as it is open, so an exclusive lock (tried without waiting, and given back at
 * once) is refused exactly while an API, a projector or a CLI holds the file, idle or not.
 */
function openElsewhere(file: string): boolean {
  let db: Database.Database | undefined;
  try {
    db = new Database(file, { fileMustExist: true, timeout: 0 });
    db.pragma('locking_mode = EXCLUSIVE');
    db.exec('BEGIN EXCLUSIVE');
    db.exec('ROLLBACK');
    return false;
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    // Any other failure (a damaged file, the case a restore is for) says nothing of other processes.
    return code === 'SQLITE_BUSY' || code === 'SQLITE_LOCKED';
  } finally {
    db?.close();
  }
}

/**
 * Why nothing may be written into `dataDir` now, or `undefined` when no process uses it: the lease
 * an API projecting inline holds (see inline-projections.lease.ts), then a lock on any of its
 * databases (an API with external projections, a projector, a CLI at work).
 */
export function whyFolderInUse(dataDir: string): string | undefined {
  const holder = inlineProjectionsHolder(dataDir);
  if (holder) {
    return `the API (pid ${holder.pid} on ${holder.host}, since ${holder.startedAt}) serves from ${dataDir}`;
  }
  const databases = readdirSync(dataDir).filter((name) => name.endsWith('.sqlite'));
  const open = databases.find((name) => openElsewhere(join(dataDir, name)));
  return open && `${join(dataDir, open)} is open in another process (an API, a projector or a CLI)`;
}
