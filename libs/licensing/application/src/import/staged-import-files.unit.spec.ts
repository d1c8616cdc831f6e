import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { MAX_LINE_CHARS, splitLines } from './staged-import-files';

async function linesOf(chunks: readonly Buffer[]) {
  const hash = createHash('sha256');
  const lines = [];
  for await (const line of splitLines(Readable.from(chunks), hash)) {
    lines.push(line);
  }
  return { lines, sha256: hash.digest('hex') };
}

/** The same bytes cut into pieces of `size`, so that lines and characters straddle the cuts. */
function cut(bytes: Buffer, size: number): Buffer[] {
  const out: Buffer[] = [];
  for (let at = 0; at < bytes.length; at += size) out.push(bytes.subarray(at, at + size));
  return out;
}

describe('splitLines', () => {
  it('numbers lines as readline does: LF or CRLF, a last line without a newline, blank lines kept', async () => {
    const { lines } = await linesOf([Buffer.from('a\r\n\nb\nc')]);
    expect(lines).toEqual([
      { text: 'a', tooLong: false },
      { text: '', tooLong: false },
      { text: 'b', tooLong: false },
      { text: 'c', tooLong: false },
    ]);
    expect((await linesOf([Buffer.from('a\n')])).lines).toEqual([{ text: 'a', tooLong: false }]);
    expect((await linesOf([])).lines).toEqual([]);
  });

  it('decodes characters and lines cut across chunks, and hashes the bytes as they were', async () => {
    const text = '{"name":"Bürkert Ærø 東京"}\r\n{"x":"€"}\nlast';
    const bytes = Buffer.from(text, 'utf8');
    for (const size of [1, 2, 3, 5, 7, bytes.length]) {
      const { lines, sha256 } = await linesOf(cut(bytes, size));
      expect(lines.map((l) => l.text)).toEqual(['{"name":"Bürkert Ærø 東京"}', '{"x":"€"}', 'last']);
      expect(sha256).toBe(createHash('sha256').update(bytes).digest('hex'));
    }
  });

  it('marks a line longer than a request body and keeps only its start, however it arrives', async () => {
    const long = `{"caseId":"x","pad":"${'p'.repeat(MAX_LINE_CHARS)}"}`;
    const bytes = Buffer.from(`short\n${long}\nafter\n`);
    for (const size of [64 * 1024, bytes.length]) {
      const { lines } = await linesOf(cut(bytes, size));
      expect(lines.map((l) => l.tooLong)).toEqual([false, true, false]);
      expect(lines[1]!.text.startsWith('{"caseId":"x"')).toBe(true);
      expect(lines[1]!.text.length).toBeLessThan(10_000);
      expect(lines[2]!.text).toBe('after');
    }
    const exactly = 'q'.repeat(MAX_LINE_CHARS);
    expect((await linesOf([Buffer.from(`${exactly}\n`)])).lines).toEqual([{ text: exactly, tooLong: false }]);
  });
});
