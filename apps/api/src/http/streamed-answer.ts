import { Readable } from 'node:stream';
import { StreamableFile } from '@nestjs/common';

/**
 * An answer written as its source is read, never whole in memory. The source's first piece is read
 * before the answer starts, so that a store that cannot be read at all is the usual error answer.
 * A failure after that is told to `failed` and cuts the connection: a truncated answer can never
 * pass for a complete one.
 * @param render turns the source's pieces, the first one included, into the answer's text.
 */
export async function streamedAnswer<T>(
  source: AsyncIterable<T>,
  render: (pieces: AsyncIterable<T>) => AsyncIterable<string>,
  type: string,
  failed: (error: unknown) => void,
): Promise<StreamableFile> {
  const iterator = source[Symbol.asyncIterator]();
  const first = await iterator.next();
  async function* pieces(): AsyncGenerator<T> {
    if (first.done === true) return;
    yield first.value;
    for (let next = await iterator.next(); next.done !== true; next = await iterator.next()) yield next.value;
  }
  return new StreamableFile(Readable.from(render(pieces())), { type }).setErrorHandler((error, response) => {
    failed(error);
    if (!response.destroyed) response.destroy?.();
  });
}
