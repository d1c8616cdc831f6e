import { existsSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import type { BigIntStats } from 'node:fs';
import { join } from 'node:path';

/**
 * The file in the data folder that remembers, per store file, the file exactly as the last
 * process of this product left it when it exited cleanly with every connection closed.
 */
export const SEAL_FILE = 'stores-sealed.json';

/** Which file on disk, and its state down to the nanosecond of its last change. */
export interface SealedState {
  readonly dev: string;
  readonly ino: string;
  readonly size: string;
  readonly mtimeNs: string;
  readonly ctimeNs: string;
  /** When the seal was written (ISO instant), for the operator reading the file. */
  readonly sealedAt: string;
}

interface SealDocument {
  readonly version: 1;
  readonly files: Readonly<Record<string, SealedState>>;
}

function stateOf(stats: BigIntStats, sealedAt: string): SealedState {
  return {
    dev: String(stats.dev),
    ino: String(stats.ino),
    size: String(stats.size),
    mtimeNs: String(stats.mtimeNs),
    ctimeNs: String(stats.ctimeNs),
    sealedAt,
  };
}

/** The seal's entries, and the seal file's own modification time. */
function readSeal(dataDir: string): { files: Record<string, SealedState>; writtenNs: bigint } {
  const path = join(dataDir, SEAL_FILE);
  try {
    const writtenNs = statSync(path, { bigint: true }).mtimeNs;
    const document = JSON.parse(readFileSync(path, 'utf8')) as Partial<SealDocument>;
    const files =
      document.version === 1 && typeof document.files === 'object' && document.files !== null
        ? { ...document.files }
        : {};
    return { files, writtenNs };
  } catch {
    // No seal, or one that cannot be read: nothing is taken on trust.
    return { files: {}, writtenNs: 0n };
  }
}

/**
 * File times advance in ticks of the kernel's clock (milliseconds), so a write in the same tick
 * as the sealed state would leave the times unchanged. Like git's "racily clean" entries, a state
 * counts only when the seal was written in a later tick than the file's last change.
 */
function sealedInLaterTick(state: SealedState, writtenNs: bigint): boolean {
  return BigInt(state.ctimeNs) < writtenNs && BigInt(state.mtimeNs) < writtenNs;
}

function pause(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/** The size of a file beside the database, 0 when there is none. */
function sizeOf(path: string): number {
  return existsSync(path) ? statSync(path).size : 0;
}

/**
 * Whether the database file alone holds the whole database: no frame waits in its write-ahead
 * log (a crash, or a writer of another process, leaves committed frames there, and writing there
 * changes nothing of the main file's times) and no rollback journal is left to replay. An empty
 * log is what a reader, or a writer whose frames were checkpointed, leaves: the file is complete.
 */
function wholeInItsFile(path: string): boolean {
  return sizeOf(`${path}-wal`) === 0 && sizeOf(`${path}-journal`) === 0;
}

/**
 * Whether `file` in `dataDir` is, to the nanosecond, the file a process of this product left at a
 * clean exit after checking it at its start: same file (device and inode), same size, same
 * modification and change times, nothing waiting in its write-ahead log. Any write since, by anyone, changes its
 * change time (which no tool can set back), so a sealed file needs no structural check again.
 * A copy or a restored file is a new inode, and is checked.
 */
export function isSealed(dataDir: string, file: string): SealedState | undefined {
  const path = join(dataDir, file);
  const { files, writtenNs } = readSeal(dataDir);
  const sealed = files[file];
  if (sealed === undefined || !existsSync(path) || !wholeInItsFile(path)) return undefined;
  if (!sealedInLaterTick(sealed, writtenNs)) return undefined;
  const now = stateOf(statSync(path, { bigint: true }), sealed.sealedAt);
  const same = (['dev', 'ino', 'size', 'mtimeNs', 'ctimeNs'] as const).every(
    (key) => now[key] === sealed[key],
  );
  return same ? sealed : undefined;
}

/**
 * Records the present state of each of `files` that exists and is whole in its file, and forgets
 * the others (a file with frames in its log, from a crash or another process writing, is checked
 * in full at the next start). Written
 * to a temporary file and renamed, so that a crash mid-write leaves the old seal or the new one.
 * Only for files this process checked at its start or created itself.
 * @returns the files sealed.
 */
export function sealStores(dataDir: string, files: readonly string[], now: Date): string[] {
  const seal = readSeal(dataDir).files;
  const sealedAt = now.toISOString();
  const sealed: string[] = [];
  for (const file of files) {
    const path = join(dataDir, file);
    delete seal[file];
    if (!existsSync(path) || !wholeInItsFile(path)) continue;
    seal[file] = stateOf(statSync(path, { bigint: true }), sealedAt);
    sealed.push(file);
  }
  const document: SealDocument = { version: 1, files: seal };
  const temporary = join(dataDir, `${SEAL_FILE}.partial`);
  // A file closed in the seal's own tick would not count (sealedInLaterTick): write again later.
  for (let attempt = 0; attempt < 5; attempt += 1) {
    if (attempt > 0) pause(10);
    writeFileSync(temporary, `${JSON.stringify(document, null, 2)}\n`, { mode: 0o600 });
    renameSync(temporary, join(dataDir, SEAL_FILE));
    const { writtenNs } = readSeal(dataDir);
    if (sealed.every((file) => sealedInLaterTick(seal[file] as SealedState, writtenNs))) break;
  }
  return sealed;
}
