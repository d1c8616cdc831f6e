import { createHash, randomUUID } from 'node:crypto';
import type { Hash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, open, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { StringDecoder } from 'node:string_decoder';
import { ImportTooLargeError, ImportTooManyLinesError } from './import.errors';
import { MAX_IMPORT_LINES } from './import.types';
import type { ImportUpload } from './import.types';

/** A line longer than a request body may be (1 MiB) is refused without being held whole. */
export const MAX_LINE_CHARS = 1024 * 1024;
/** What is kept of a line that is too long: enough to find its case id. */
const KEPT_OF_LONG_LINE = 4096;
const READ_CHUNK_BYTES = 256 * 1024;

/** One line of a staged file; `tooLong` lines hold only their first characters. */
export interface SourceLine {
  readonly text: string;
  readonly tooLong: boolean;
}

/** Lines of a file read once, and the sha256 of its bytes once they have all been read. */
export interface FileLines {
  readonly lines: AsyncIterable<SourceLine>;
  sha256(): string;
}

/**
 * Uploaded import files, kept under the data folder as `<importId>.ndjson` from staging until
 * approval and afterwards, so that what was approved can be checked against its hash. Bodies are
 * written as they arrive and never held whole.
 */
export class StagedImportFiles {
  constructor(private readonly dir: string) {}

  fileOf(importId: string): string {
    if (!/^[0-9a-f]{64}$/.test(importId)) throw new Error(`Not an import id: ${importId}`);
    return join(this.dir, `${importId}.ndjson`);
  }

  /**
   * Writes an upload to its file, hashing it on the way; the file is named by the hash once the
   * upload is complete, so that a broken or oversized upload leaves nothing behind. Lines are
   * counted as the import numbers them (a last line without a newline counts), so that a file of
   * too many lines is refused as soon as its bytes show it, before any of it is checked.
   * @throws ImportTooLargeError past `maxBytes`, ImportTooManyLinesError past `maxLines` (the
   * partial file is removed).
   */
  async receive(
    upload: ImportUpload,
    maxBytes: number,
    maxLines: number = MAX_IMPORT_LINES,
  ): Promise<{ importId: string; bytes: number; lines: number }> {
    await mkdir(this.dir, { recursive: true, mode: 0o700 });
    const partial = join(this.dir, `upload-${randomUUID()}.part`);
    const hash = createHash('sha256');
    let bytes = 0;
    let newlines = 0;
    let endsInNewline = true;
    const handle = await open(partial, 'w', 0o600);
    try {
      // A plain iterable is read the same way: for-await takes both.
      for await (const piece of upload as AsyncIterable<Uint8Array | string>) {
        const chunk =
          typeof piece === 'string'
            ? Buffer.from(piece, 'utf8')
            : Buffer.from(piece.buffer, piece.byteOffset, piece.byteLength);
        if (chunk.byteLength === 0) continue;
        bytes += chunk.byteLength;
        if (bytes > maxBytes) throw new ImportTooLargeError(maxBytes);
        newlines += newlinesIn(chunk);
        endsInNewline = chunk[chunk.byteLength - 1] === NEWLINE;
        if (newlines > maxLines) throw new ImportTooManyLinesError(maxLines);
        hash.update(chunk);
        await handle.write(chunk);
      }
      const lines = endsInNewline ? newlines : newlines + 1;
      if (lines > maxLines) throw new ImportTooManyLinesError(maxLines);
      await handle.sync();
      await handle.close();
      const importId = hash.digest('hex');
      await rename(partial, this.fileOf(importId));
      return { importId, bytes, lines };
    } catch (error) {
      await handle.close().catch(() => undefined);
      await rm(partial, { force: true });
      throw error;
    }
  }

  /** Removes a staged file that no record names (a file refused whole). */
  async remove(importId: string): Promise<void> {
    await rm(this.fileOf(importId), { force: true });
  }

  async exists(importId: string): Promise<boolean> {
    return stat(this.fileOf(importId)).then(
      () => true,
      () => false,
    );
  }

  /** The staged file's lines, streamed; its hash is known once every line has been read. */
  read(importId: string): FileLines {
    const hash = createHash('sha256');
    let done = false;
    const file = this.fileOf(importId);
    return {
      lines: (async function* () {
        yield* splitLines(createReadStream(file, { highWaterMark: READ_CHUNK_BYTES }), hash);
        done = true;
      })(),
      sha256: () => {
        if (!done) throw new Error('The file has not been read to its end');
        return hash.digest('hex');
      },
    };
  }
}

const NEWLINE = 0x0a;

function newlinesIn(chunk: Buffer): number {
  let count = 0;
  for (let at = chunk.indexOf(NEWLINE); at !== -1; at = chunk.indexOf(NEWLINE, at + 1)) count += 1;
  return count;
}

/**
 * Splits bytes into lines at `\n` (a `\r` before it is dropped, like readline does), decoding
 * UTF-8 across chunk edges. A line past MAX_LINE_CHARS is cut to its start and marked.
 */
export async function* splitLines(chunks: AsyncIterable<Buffer>, hash: Hash): AsyncGenerator<SourceLine> {
  const decoder = new StringDecoder('utf8');
  let pending = '';
  let tooLong = false;
  const finish = (whole: string): SourceLine => {
    const text = whole.endsWith('\r') ? whole.slice(0, -1) : whole;
    const cut = tooLong || text.length > MAX_LINE_CHARS;
    pending = '';
    tooLong = false;
    return cut ? { text: text.slice(0, KEPT_OF_LONG_LINE), tooLong: true } : { text, tooLong: false };
  };
  for await (const chunk of chunks) {
    hash.update(chunk);
    const text = decoder.write(chunk);
    let start = 0;
    for (let end = text.indexOf('\n'); end !== -1; end = text.indexOf('\n', start)) {
      yield finish(tooLong ? pending : pending + text.slice(start, end));
      start = end + 1;
    }
    if (tooLong) continue;
    pending += text.slice(start);
    if (pending.length > MAX_LINE_CHARS) {
      tooLong = true;
      pending = pending.slice(0, KEPT_OF_LONG_LINE);
    }
  }
  const rest = tooLong ? pending : pending + decoder.end();
  if (rest !== '') yield finish(rest);
}
