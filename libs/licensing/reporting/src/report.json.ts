import type { Report } from './report.types';
import { sortedJson } from './sorted-json';

/** Keys sorted at every level, so the bytes depend only on the content, never on build order. */
export function renderReportJson(report: Report): string {
  return `${sortedJson(report)}\n`;
}

/** Text of about this many characters is handed on at once: few writes, little held. */
export const STREAM_CHUNK_CHARS = 64 * 1024;

/**
 * The same bytes as `renderReportJson` of the report `head` would be with each of `lists` filled
 * in, written as the lists' items arrive in batches: the report's size never has to be in memory.
 * `head` holds the other members (an empty list there stands for nothing: `lists` names them).
 */
export async function* streamReportJson(
  head: object,
  lists: Readonly<Record<string, () => AsyncIterable<readonly unknown[]>>>,
): AsyncGenerator<string> {
  // JSON.stringify leaves out members whose value is undefined.
  const members = head as Readonly<Record<string, unknown>>;
  const keys = Object.keys({ ...head, ...lists })
    .filter((key) => key in lists || members[key] !== undefined)
    .sort();
  let out = '{';
  for (const [index, key] of keys.entries()) {
    out += `${index === 0 ? '\n' : ',\n'}  ${JSON.stringify(key)}: `;
    const list = lists[key];
    if (!list) {
      out += sortedJson(members[key], '  ');
      continue;
    }
    let items = 0;
    for await (const batch of list()) {
      for (const item of batch) {
        out += `${items === 0 ? '[\n' : ',\n'}    ${sortedJson(item, '    ')}`;
        items += 1;
      }
      if (out.length >= STREAM_CHUNK_CHARS) {
        yield out;
        out = '';
      }
    }
    out += items === 0 ? '[]' : '\n  ]';
  }
  yield `${out}${keys.length === 0 ? '}' : '\n}'}\n`;
}
