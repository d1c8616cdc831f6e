import { chmodSync, closeSync, openSync } from 'node:fs';

/** Data files are readable by the owning account only: they hold licence decisions and who read them. */
export const PRIVATE_FILE_MODE = 0o600;
/** Data folders likewise. */
export const PRIVATE_FOLDER_MODE = 0o700;

/**
 * Makes sure `file` exists with owner-only access before a database opens it: SQLite creates a
 * missing file world-readable (0644 less the umask) and gives its -wal and -shm files the mode of
 * the main file, so creating the main file first settles all three. An existing file is left as
 * it is; narrowing older files is start-up's work, where it can be reported.
 */
export function ensurePrivateFile(file: string): void {
  let fd: number;
  try {
    fd = openSync(file, 'wx', PRIVATE_FILE_MODE);
  } catch {
    // Already there, or a folder that takes no files: the database reports the latter in its own words.
    return;
  }
  try {
    // The process umask may have taken bits away, never added any; this only makes sure.
    chmodSync(file, PRIVATE_FILE_MODE);
  } finally {
    closeSync(fd);
  }
}
