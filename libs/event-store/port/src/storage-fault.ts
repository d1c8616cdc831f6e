import { closeSync, fsyncSync, openSync, unlinkSync, writeSync } from 'node:fs';
import { join } from 'node:path';

/**
 * What is wrong with the storage under a store, as far as a caller can act on it:
 * - `full`: no space left (SQLITE_FULL, ENOSPC, EDQUOT); freeing space heals it;
 * - `read-only`: the file or its file system refuses writes (SQLITE_READONLY*, EROFS);
 * - `corrupted`: the file is not (or no longer) a sound database (SQLITE_CORRUPT, SQLITE_NOTADB);
 *   only a restore heals it;
 * - `unavailable`: any other input/output failure (SQLITE_IOERR*, SQLITE_CANTOPEN, EIO).
 */
export type StorageFaultKind = 'full' | 'read-only' | 'corrupted' | 'unavailable';

/** The stable code each kind is answered with. */
export const STORAGE_FAULT_CODES = {
  full: 'STORAGE_FULL',
  'read-only': 'STORAGE_READ_ONLY',
  corrupted: 'STORAGE_CORRUPTED',
  unavailable: 'STORAGE_UNAVAILABLE',
} as const satisfies Record<StorageFaultKind, string>;

export type StorageFaultCode = (typeof STORAGE_FAULT_CODES)[StorageFaultKind];

/**
 * A store could not read or write because of its storage, not because of the request. Adapters
 * throw it in place of their driver's error, so that callers never match on driver codes. A
 * write that failed this way stored nothing (each write is one transaction); trying it again
 * once the fault is mended is safe.
 */
export class StorageFaultError extends Error {
  readonly code: StorageFaultCode;

  constructor(
    readonly kind: StorageFaultKind,
    /** Which store failed, in words an operator recognises ("event store", "read models"...). */
    readonly store: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'StorageFaultError';
    this.code = STORAGE_FAULT_CODES[kind];
  }
}

/**
 * A store that can show, with a real but harmless write, that it accepts writes right now: what
 * readiness asks of it.
 */
export interface WriteProbe {
  /**
   * Commits a tiny write that changes nothing the store serves.
   * @throws StorageFaultError when the storage refuses it.
   */
  probeWrites(): Promise<void>;
}

function codeOf(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

/** The kind a driver (SQLite) or system (errno) error code stands for, if it is a storage fault. */
export function storageFaultKindOf(code: string): StorageFaultKind | undefined {
  if (code === 'SQLITE_FULL' || code === 'ENOSPC' || code === 'EDQUOT') return 'full';
  if (code.startsWith('SQLITE_READONLY') || code === 'EROFS') return 'read-only';
  if (code.startsWith('SQLITE_CORRUPT') || code === 'SQLITE_NOTADB') return 'corrupted';
  if (code.startsWith('SQLITE_IOERR') || code.startsWith('SQLITE_CANTOPEN') || code === 'EIO') {
    return 'unavailable';
  }
  return undefined;
}

/**
 * Why the folder refuses a small durable write, as an errno code (EROFS, ENOSPC...), or undefined
 * when it takes one. SQLite reports a write refused by a file system turned read-only as a plain
 * I/O error; asking the file system itself tells the two apart.
 */
export function folderWriteRefusal(folder: string): string | undefined {
  const probe = join(folder, `.storage-probe-${process.pid}`);
  let fd: number | undefined;
  try {
    fd = openSync(probe, 'wx', 0o600);
    writeSync(fd, 'probe');
    fsyncSync(fd);
    return undefined;
  } catch (error) {
    return codeOf(error) ?? 'EIO';
  } finally {
    if (fd !== undefined) {
      closeSync(fd);
      try {
        unlinkSync(probe);
      } catch {
        // Left behind on a file system that just turned read-only; the next probe uses another pid.
      }
    }
  }
}

/**
 * The storage fault `error` stands for, or undefined when it is something else (a constraint, a
 * lock, a bug). An I/O error is refined by asking the folder of the file whether it still takes
 * writes, so that a file system turned read-only or full reads as such.
 */
export function storageFaultOf(
  error: unknown,
  store: string,
  folder?: string,
): StorageFaultError | undefined {
  if (error instanceof StorageFaultError) return error;
  const code = codeOf(error);
  const found = code === undefined ? undefined : storageFaultKindOf(code);
  if (found === undefined) return undefined;
  let kind: StorageFaultKind = found;
  if (kind === 'unavailable' && folder !== undefined) {
    const refusal = folderWriteRefusal(folder);
    kind = (refusal === undefined ? undefined : storageFaultKindOf(refusal)) ?? kind;
  }
  const reason = error instanceof Error ? error.message : String(error);
  return new StorageFaultError(kind, store, `${store}: ${DESCRIPTION[kind]} (${code}: ${reason})`, {
    cause: error,
  });
}

const DESCRIPTION: Record<StorageFaultKind, string> = {
  full: 'the storage is full',
  'read-only': 'the storage is read-only',
  corrupted: 'the stored file is damaged',
  unavailable: 'the storage failed to read or write',
};

/** Runs `work`, turning a storage fault into a StorageFaultError; anything else passes unchanged. */
export function withStorageFaults<T>(store: string, folder: string | undefined, work: () => T): T {
  try {
    return work();
  } catch (error) {
    throw storageFaultOf(error, store, folder) ?? error;
  }
}

/** As withStorageFaults, for asynchronous work. */
export async function withStorageFaultsAsync<T>(
  store: string,
  folder: string | undefined,
  work: () => Promise<T>,
): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw storageFaultOf(error, store, folder) ?? error;
  }
}
