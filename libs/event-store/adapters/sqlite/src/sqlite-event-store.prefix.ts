/**
 * The least string above every string that starts with `prefix`, in SQLite's BINARY order (the
 * bytes of UTF-8, which order as code points do): the prefix with its last code point raised by
 * one. `stream_id >= prefix AND stream_id < bound` is then an index range holding exactly the
 * streams of the prefix. Undefined when no such string exists (a prefix of U+10FFFF only).
 */
export function prefixUpperBound(prefix: string): string | undefined {
  const codePoints = Array.from(prefix, (char) => char.codePointAt(0)!);
  while (codePoints.length > 0) {
    const last = codePoints.pop()!;
    if (last === 0x10ffff) continue;
    // The surrogates are no code points of their own: after U+D7FF comes U+E000.
    const next = last === 0xd7ff ? 0xe000 : last + 1;
    return String.fromCodePoint(...codePoints, next);
  }
  return undefined;
}
