import { createHash } from 'node:crypto';
import {
  chmodSync,
  closeSync,
  copyFileSync,
  createReadStream,
  fsyncSync,
  mkdirSync,
  openSync,
  readdirSync,
  statSync,
  writeSync,
} from 'node:fs';
import { PRIVATE_FILE_MODE, PRIVATE_FOLDER_MODE } from '@licences/event-store';

// Backups and restored stores hold licence data: readable by their owner only, as the stores are.

/** True for a folder with nothing in it; false for a missing path. */
export function isEmptyFolder(path: string): boolean {
  return readdirSync(path).length === 0;
}

/** What is at `path`: nothing, a folder, or something else. */
export function entryAt(path: string): 'missing' | 'folder' | 'other' {
  try {
    return statSync(path).isDirectory() ? 'folder' : 'other';
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 'missing';
    throw error;
  }
}

/** Creates `path` (and missing parents) owner-only, or makes an existing empty folder so. */
export function makePrivateFolder(path: string): void {
  mkdirSync(path, { recursive: true, mode: PRIVATE_FOLDER_MODE });
  // mkdir's mode passes through the umask, and an existing folder keeps its own.
  chmodSync(path, PRIVATE_FOLDER_MODE);
}

/** Creates an empty owner-only file, failing if one is there, so no copy is ever readable by others. */
export function createPrivateFile(path: string): void {
  closeSync(openSync(path, 'wx', PRIVATE_FILE_MODE));
  chmodSync(path, PRIVATE_FILE_MODE);
}

/** Writes `text` to a new owner-only file and syncs it to disk. */
export function writePrivateFile(path: string, text: string): void {
  const fd = openSync(path, 'wx', PRIVATE_FILE_MODE);
  try {
    writeSync(fd, text);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  chmodSync(path, PRIVATE_FILE_MODE);
}

/** Copies a file that nothing writes to any more, owner-only, synced to disk. */
export function copyPrivateFile(from: string, to: string): void {
  createPrivateFile(to);
  copyFileSync(from, to);
  chmodSync(to, PRIVATE_FILE_MODE);
  const fd = openSync(to, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** The sha256 (hex) and size of a file, streamed. */
export async function digestOf(path: string): Promise<{ sha256: string; bytes: number }> {
  const hash = createHash('sha256');
  let bytes = 0;
  for await (const chunk of createReadStream(path) as AsyncIterable<Buffer>) {
    hash.update(chunk);
    bytes += chunk.byteLength;
  }
  return { sha256: hash.digest('hex'), bytes };
}
