import type { ServerResponse } from 'node:http';

type Write = ServerResponse['write'];
type End = ServerResponse['end'];

/**
 * Holds back what is written to `response` from the moment its status is settled (its first
 * `write`, or its `end`) and asks `release` with that status. When `release` resolves, what was
 * held leaves and the rest follows as written; when it rejects, nothing of it leaves: `refuse`
 * answers instead (headers not yet sent, so they can still be replaced), or, should a handler have
 * sent its headers itself, the connection is cut. Covers every way a route answers (a returned
 * value, an error turned into a problem, `@Res()`, a stream), since each ends in `write`/`end`.
 *
 * A streamed answer (a report written as it is read) is released at its first piece, not held
 * whole: a large answer is not kept in memory, and while `release` is pending the stream is
 * told to wait (`write` answers false) and is let go on with `drain`.
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
  let ending: unknown[] | undefined;
  let releasing = false;
  let refused = false;

  function settle(): void {
    releasing = true;
    release(response.statusCode)
      .then(
        () => {
          restore();
          let flowing = true;
          for (const chunk of held.splice(0)) flowing = write(chunk);
          if (ending) end(ending);
          // A stream told to wait goes on; if the socket is full, its own `drain` comes later.
          else if (flowing) response.emit('drain');
        },
        (error: unknown) => {
          // From here on a stream's pieces are dropped: none of the answer may leave.
          refused = true;
          held.length = 0;
          restore('end');
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
  }

  response.write = ((...args: unknown[]) => {
    if (refused || ending) return false;
    held.push(args);
    if (!releasing) settle();
    return false;
  }) as Write;
  response.end = ((...args: unknown[]) => {
    if (ending) return response;
    ending = args;
    if (!releasing) settle();
    return response;
  }) as End;

  function restore(only?: 'end'): void {
    for (const name of only ? [only] : (['write', 'end'] as const)) {
      const descriptor = own[name];
      if (descriptor) Object.defineProperty(response, name, descriptor);
      else Reflect.deleteProperty(response, name);
    }
  }
}
