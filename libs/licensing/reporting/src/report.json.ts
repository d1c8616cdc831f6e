import type { Report } from './report.types';

/** Keys sorted at every level, so the bytes depend only on the content, never on build order. */
function sorted(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sorted);
  if (value !== null && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    return Object.fromEntries(
      Object.keys(record)
        .sort()
        .map((key) => [key, sorted(record[key])]),
    );
  }
  return value;
}

export function renderReportJson(report: Report): string {
  return `${JSON.stringify(sorted(report), null, 2)}\n`;
}

/** Text of about this many characters is handed on at once: few writes, little held. */
export const STREAM_CHUNK_CHARS = 64 * 1024;

const indented = (json: string, pad: string): string => json.replace(/\n/g, `\n${pad}`);

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
      out += indented(JSON.stringify(sorted(members[key]), null, 2), '  ');
      continue;
    }
    let items = 0;
    for await (const batch of list()) {
      for (const item of batch) {
        out += `${items === 0 ? '[\n' : ',\n'}    ${indented(JSON.stringify(sorted(item), null, 2), '    ')}`;
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
