import { Agent, request } from 'node:http';
import { performance } from 'node:perf_hooks';
import { quantileOf } from './stats';

/** One HTTP call a load client makes; `expect` is the status that counts as success. */
export interface HttpCall {
  readonly method: 'GET' | 'POST';
  readonly path: string;
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: string;
  readonly expect: number;
}

/** What one call answered, for the client to pick the next call from. */
export interface HttpAnswer {
  readonly status: number;
  readonly body: string;
}

/** A keep-alive connection pool and a way to make one call through it. */
export interface HttpClient {
  call(call: HttpCall): Promise<HttpAnswer>;
}

/**
 * A client's work: calls `client.call` as often as it likes until `running()` turns false. The
 * load generator counts and times every call made through `client`.
 */
export type ClientScript = (client: HttpClient, clientIndex: number, running: () => boolean) => Promise<void>;

/** What a load level measured: successful calls per second and their latencies. */
export interface LoadResult {
  readonly perSecond: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly calls: number;
  readonly errors: number;
  /** The first failure's status and body, so that a broken run says why. */
  readonly firstError?: string;
}

function send(agent: Agent, baseUrl: string, call: HttpCall): Promise<HttpAnswer> {
  return new Promise((resolve, reject) => {
    const url = new URL(call.path, baseUrl);
    const req = request(
      url,
      {
        agent,
        method: call.method,
        headers: {
          ...(call.body !== undefined && {
            'content-type': 'application/json',
            'content-length': String(Buffer.byteLength(call.body)),
          }),
          ...call.headers,
        },
      },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (body += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(call.body);
  });
}

/**
 * Runs `clients` closed-loop clients (each waits for its answer before its next call) for a
 * warm-up, whose calls are not counted, then for `durationMs`, over keep-alive connections.
 * Calls still in flight at the end are awaited but not counted.
 */
export async function runLoad(
  baseUrl: string,
  clients: number,
  durationMs: number,
  warmUpMs: number,
  script: ClientScript,
): Promise<LoadResult> {
  const agent = new Agent({ keepAlive: true, maxSockets: clients });
  const latencies: number[] = [];
  let errors = 0;
  let firstError: string | undefined;
  let counting = false;
  let running = true;
  const client: HttpClient = {
    async call(call) {
      const started = performance.now();
      const countThis = counting;
      let answer: HttpAnswer;
      try {
        answer = await send(agent, baseUrl, call);
      } catch (error) {
        if (countThis && running) errors++;
        firstError ??= `${call.method} ${call.path}: ${error instanceof Error ? error.message : String(error)}`;
        throw error;
      }
      if (countThis && running) {
        if (answer.status === call.expect) latencies.push(performance.now() - started);
        else errors++;
      }
      if (answer.status !== call.expect) {
        firstError ??= `${call.method} ${call.path}: ${answer.status} ${answer.body.slice(0, 300)}`;
      }
      return answer;
    },
  };
  const loops = Array.from({ length: clients }, async (_, index) => {
    while (running) {
      try {
        await script(client, index, () => running);
      } catch {
        // Counted above; the client starts its script again.
      }
    }
  });
  try {
    await new Promise((resolve) => setTimeout(resolve, warmUpMs));
    counting = true;
    const started = performance.now();
    await new Promise((resolve) => setTimeout(resolve, durationMs));
    running = false;
    const elapsedMs = performance.now() - started;
    await Promise.all(loops);
    const sorted = latencies.sort((a, b) => a - b);
    return {
      perSecond: (sorted.length * 1000) / elapsedMs,
      p50Ms: quantileOf(sorted, 0.5),
      p99Ms: quantileOf(sorted, 0.99),
      calls: sorted.length,
      errors,
      ...(firstError !== undefined && { firstError }),
    };
  } finally {
    running = false;
    agent.destroy();
  }
}
