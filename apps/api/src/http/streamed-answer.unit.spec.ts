import type { StreamableFile } from '@nestjs/common';
import { streamedAnswer } from './streamed-answer';

async function* pieces(failAfter: number): AsyncGenerator<string> {
  for (let n = 0; ; n += 1) {
    // A store answers later, as a real one does.
    await Promise.resolve();
    if (n === failAfter) throw new Error('disk I/O error');
    if (n === 3) return;
    yield `piece ${n};`;
  }
}

async function textOf(file: StreamableFile): Promise<string> {
  let text = '';
  for await (const chunk of file.getStream()) text += String(chunk);
  return text;
}

describe('an answer streamed as its source is read', () => {
  it('is every piece, the first one included, as rendered', async () => {
    const file = await streamedAnswer(
      pieces(Infinity),
      async function* (all) {
        yield '[';
        for await (const piece of all) yield piece.toUpperCase();
        yield ']';
      },
      'text/plain',
      () => undefined,
    );
    expect(await textOf(file)).toBe('[PIECE 0;PIECE 1;PIECE 2;]');
    expect(file.getHeaders().type).toBe('text/plain');
  });

  it('fails before the answer starts when the source cannot give its first piece', async () => {
    await expect(
      streamedAnswer(
        pieces(0),
        (all) => all,
        'text/plain',
        () => undefined,
      ),
    ).rejects.toThrow('disk I/O error');
  });

  it('cuts the connection when the source fails later, and says so', async () => {
    const failures: unknown[] = [];
    const file = await streamedAnswer(
      pieces(2),
      (all) => all,
      'text/plain',
      (error) => failures.push(error),
    );
    await expect(textOf(file)).rejects.toThrow('disk I/O error');

    const response = { destroyed: false, destroy: jest.fn() };
    file.errorHandler(new Error('disk I/O error'), response as never);
    expect(response.destroy).toHaveBeenCalledTimes(1);
    expect(failures).toEqual([new Error('disk I/O error')]);
  });
});
