import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { StagedImportFiles } from './staged-import-files';

describe('StagedImportFiles on a real folder', () => {
  const dir = mkdtempSync(join(tmpdir(), 'licences-staged-'));
  const files = new StagedImportFiles(join(dir, 'imports'));

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('writes an upload under the sha256 of its bytes and reads it back line by line', async () => {
    const text = 'één\r\ntwee\ndrie';
    const received = await files.receive(['één\r', Buffer.from('\ntwee\ndrie')], 1024);
    const sha256 = createHash('sha256').update(text).digest('hex');
    expect(received).toEqual({ importId: sha256, bytes: Buffer.byteLength(text), lines: 3 });
    expect(readFileSync(files.fileOf(sha256), 'utf8')).toBe(text);
    expect(await files.exists(sha256)).toBe(true);

    const read = files.read(sha256);
    expect(() => read.sha256()).toThrow('not been read');
    const lines: string[] = [];
    for await (const line of read.lines) lines.push(line.text);
    expect(lines).toEqual(['één', 'twee', 'drie']);
    expect(read.sha256()).toBe(sha256);
  });

  it('refuses an upload past the limit and leaves nothing of it behind', async () => {
    const before = readdirSync(join(dir, 'imports'));
    await expect(files.receive(['x'.repeat(600), 'y'.repeat(600)], 1000)).rejects.toMatchObject({
      code: 'IMPORT_TOO_LARGE',
    });
    expect(readdirSync(join(dir, 'imports'))).toEqual(before);
  });

  it('counts lines as the import numbers them and refuses one past the limit, leaving nothing behind', async () => {
    // Blank lines count, a last line without a newline counts, and chunks may split anywhere.
    expect((await files.receive(['a\n', '\n', 'b'], 1024, 3)).lines).toBe(3);
    expect((await files.receive(['a\n\nb\n'], 1024, 3)).lines).toBe(3);
    expect((await files.receive([new Uint8Array([0x61, 0x0a]), ''], 1024, 1)).lines).toBe(1);
    const before = readdirSync(join(dir, 'imports'));
    for (const upload of [['a\n\nb\nc'], ['a\n', '\n\n\n', 'never read']]) {
      await expect(files.receive(upload, 1024, 3)).rejects.toMatchObject({
        code: 'IMPORT_TOO_MANY_LINES',
        details: { maxLines: 3 },
      });
    }
    expect(readdirSync(join(dir, 'imports'))).toEqual(before);
  });

  it('takes only import ids as file names', () => {
    expect(() => files.fileOf('../licences')).toThrow('Not an import id');
  });
});
