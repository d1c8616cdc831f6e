/**
 * Every item of a store read in pages of `pageSize`, each page after the key of the last item, so
 * that memory stays flat whatever the store's size. Between pages it yields to the event loop:
 * callers hash each item synchronously, and an HTTP server must go on answering meanwhile.
 */
export async function* inPages<T>(
  readPage: (after: number, pageSize: number) => Promise<T[]>,
  keyOf: (item: T) => number,
  pageSize: number,
): AsyncGenerator<T> {
  let after = 0;
  for (;;) {
    const page = await readPage(after, pageSize);
    yield* page;
    if (page.length < pageSize) return;
    after = keyOf(page.at(-1) as T);
    await new Promise((resolve) => setImmediate(resolve));
  }
}
