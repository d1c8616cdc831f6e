import { closeSync, openSync, readSync, writeSync } from 'node:fs';
import Database from 'better-sqlite3';

/**
 * SQLite's own structural check, as start-up runs it: 'ok', its findings, or the error it stopped
 * with (a damaged page in the schema's path throws rather than being listed).
 */
export function quickCheck(file: string): string {
  const db = new Database(file, { fileMustExist: true, readonly: true });
  try {
    return (db.pragma('quick_check') as { quick_check: string }[]).map((row) => row.quick_check).join('; ');
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  } finally {
    db.close();
  }
}

/**
 * Overwrites one page in the middle of a closed SQLite file (no WAL beside it) with garbage, as a
 * failing disk or a stray write would: the first page, from the middle on, whose damage
 * `quick_check` detects (a page of free space would go unnoticed). Returns its number.
 */
export function corruptMiddlePage(file: string): number {
  const db = new Database(file, { fileMustExist: true, readonly: true });
  const pageSize = Number(db.pragma('page_size', { simple: true }));
  const pageCount = Number(db.pragma('page_count', { simple: true }));
  db.close();
  const fd = openSync(file, 'r+');
  try {
    for (let page = Math.max(2, Math.floor(pageCount / 2)); page <= pageCount; page += 1) {
      const offset = (page - 1) * pageSize;
      const original = Buffer.alloc(pageSize);
      readSync(fd, original, 0, pageSize, offset);
      // Not random: a test that fails must fail the same way again.
      const garbage = Buffer.alloc(pageSize, (page * 37) % 251 || 0x5a);
      writeSync(fd, garbage, 0, pageSize, offset);
      if (quickCheck(file) !== 'ok') return page;
      writeSync(fd, original, 0, pageSize, offset);
    }
  } finally {
    closeSync(fd);
  }
  throw new Error(`No page from the middle of ${file} on is detected when damaged`);
}
