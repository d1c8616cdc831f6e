import type { ServerResponse } from 'node:http';

type Write = ServerResponse['write'];
type End = ServerResponse['end'];

/**
 * Holds back everything written to `response` until it ends, then asks `release` with the status
 * it was about to be sent with. When `release` resolves, the answer leaves as it was written; when
 * it rejects, nothing of it leaves: `refuse` answers instead (headers not yet sent, so they can
 * still be replaced), or, should a handler have sent its headers itself, the connection is cut.
 * Covers every way a route answers (a returned value, an error turned into a problem, `@Res()`,
 * a stream), since each ends in `write`/`end`.
 */
export function holdUntilReleased(
  response: ServerResponse,
  release: (status: number) => Promise<void>,
  refuse: (
    error: unknown,
    send: (status: number, headers: Record<string, string>, body: string) => void,
  ) => void,
): void {
  // Own properties, if some middleware set them, else the prototype's methods: put back as found.
  const own = {
    write: Object.getOwnPropertyDescriptor(response, 'write'),
    end: Object.getOwnPropertyDescriptor(response, 'end'),
  };
  // Called as methods of the response, once restored, with the arguments the handler gave.
  const loose = response as unknown as { write(...args: unknown[]): boolean; end(...args: unknown[]): void };
  const write = (args: unknown[]) => loose.write(...args);
  const end = (args: unknown[]) => loose.end(...args);
  const held: unknown[][] = [];
  let ended = false;

  response.write = ((...args: unknown[]) => {
    if (!ended) held.push(args);
    return true;
  }) as Write;
  response.end = ((...args: unknown[]) => {
    if (ended) return response;
    ended = true;
    release(response.statusCode)
      .then(
        () => {
          restore();
          for (const chunk of held) write(chunk);
          end(args);
        },
        (error: unknown) => {
          restore();
          if (response.headersSent) {
            response.destroy();
            return;
          }
          refuse(error, (status, headers, body) => {
            for (const name of response.getHeaderNames()) response.removeHeader(name);
            response.statusCode = status;
            for (const [name, value] of Object.entries(headers)) response.setHeader(name, value);
            end([body]);
          });
        },
      )
      // Nothing may escape into the event loop: a failure here would take the process down.
      .catch(() => response.destroy());
    return response;
  }) as End;

  function restore(): void {
    for (const name of ['write', 'end'] as const) {
      const descriptor = own[name];
      if (descriptor) Object.defineProperty(response, name, descriptor);
      else Reflect.deleteProperty(response, name);
    }
  }
}
