import { request } from 'node:http';
import type { Agent } from 'node:http';
import type { HostileRequest } from './hostile-input.requests';

export interface RawAnswer {
  readonly status: number;
  readonly contentType: string;
  readonly text: string;
}

/**
 * Sends a request exactly as built (raw path, raw body bytes, any method with a body), over a
 * keep-alive agent: fetch would normalise the URL and refuse a GET with a body.
 */
export function sendRaw(agent: Agent, baseUrl: string, hostile: HostileRequest): Promise<RawAnswer> {
  const { hostname, port } = new URL(baseUrl);
  return new Promise((resolve, reject) => {
    const outgoing = request(
      {
        agent,
        host: hostname,
        port,
        method: hostile.method,
        path: hostile.path,
        headers: { ...hostile.headers, 'content-length': String(hostile.body?.length ?? 0) },
      },
      (incoming) => {
        const chunks: Buffer[] = [];
        incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
        incoming.on('error', reject);
        incoming.on('end', () =>
          resolve({
            status: incoming.statusCode ?? 0,
            contentType: String(incoming.headers['content-type'] ?? ''),
            text: Buffer.concat(chunks).toString('utf8'),
          }),
        );
      },
    );
    outgoing.on('error', reject);
    outgoing.end(hostile.body);
  });
}

/** Runs `work` over `items`, at most `concurrency` at a time, answers in the items' order; stops at the first failure. */
export async function inPool<T, R>(
  items: readonly T[],
  concurrency: number,
  work: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      try {
        results[index] = await work(items[index] as T, index);
      } catch (error) {
        // The other workers stop too: nothing is left running once the pool has failed.
        next = items.length;
        throw error;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
  return results;
}
