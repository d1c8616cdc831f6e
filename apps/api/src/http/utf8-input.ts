import { isUtf8 } from 'node:buffer';

/** Where a request carried bytes that are not UTF-8: the field (query parameter, `path`, `body`). */
export interface Utf8Defect {
  readonly field: string;
  readonly message: string;
}

const PERCENT_BYTE = /%([0-9a-fA-F]{2})/g;

/**
 * The bytes a percent-encoded URL component stands for. Node's own decoding turns a bad sequence
 * into U+FFFD without a word, and a value silently changed is worse than one refused.
 */
function bytesOf(component: string, plusIsSpace: boolean): Buffer {
  const text = plusIsSpace ? component.replace(/\+/g, ' ') : component;
  const parts: Buffer[] = [];
  let last = 0;
  for (const match of text.matchAll(PERCENT_BYTE)) {
    const at = match.index ?? 0;
    parts.push(Buffer.from(text.slice(last, at), 'utf8'), Buffer.from([parseInt(match[1] as string, 16)]));
    last = at + match[0].length;
  }
  parts.push(Buffer.from(text.slice(last), 'utf8'));
  return Buffer.concat(parts);
}

/**
 * The first part of a request target (`/path?query`, as received) whose percent-encoded bytes are
 * not valid UTF-8, if any: the path, or a query parameter named by its name.
 */
export function urlUtf8Defect(target: string): Utf8Defect | undefined {
  const queryAt = target.indexOf('?');
  const path = queryAt === -1 ? target : target.slice(0, queryAt);
  if (!isUtf8(bytesOf(path, false))) {
    return { field: 'path', message: 'The path holds percent-encoded bytes that are not UTF-8' };
  }
  if (queryAt === -1) return undefined;
  for (const pair of target.slice(queryAt + 1).split('&')) {
    const equals = pair.indexOf('=');
    const name = equals === -1 ? pair : pair.slice(0, equals);
    const value = equals === -1 ? '' : pair.slice(equals + 1);
    if (!isUtf8(bytesOf(name, true))) {
      return {
        field: 'query',
        message: 'A query parameter name holds percent-encoded bytes that are not UTF-8',
      };
    }
    if (!isUtf8(bytesOf(value, true))) {
      const field = bytesOf(name, true).toString('utf8');
      return { field, message: `${field} holds percent-encoded bytes that are not UTF-8` };
    }
  }
  return undefined;
}

/** Marks a body refused for its bytes, so that the JSON middleware can answer it with its own code. */
export class InvalidUtf8BodyError extends Error {
  readonly type = 'body.invalid-utf8';
  readonly status = 400;

  constructor() {
    super('The body is not valid UTF-8');
  }
}

/**
 * The body parser's `verify` hook: refuses a body whose bytes are not UTF-8 before it is decoded,
 * where they would silently become U+FFFD.
 */
export function verifyUtf8Body(_request: unknown, _response: unknown, body: Buffer): void {
  if (!isUtf8(body)) throw new InvalidUtf8BodyError();
}
