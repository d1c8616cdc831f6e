import type { Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { problem, reasonPhrase } from './problem';

/*
 * Errors Node's HTTP parser and timers find before (or while) a request reaches the app never go
 * through Express or Nest: Node answers them itself with a bare status line. On 'clientError' we
 * answer them as problem+json instead, as every other refusal is.
 *
 * What Node does not let the app shape: a connection closed at the keep-alive or the idle socket
 * timeout (no request is in flight, or an answer has already begun; it is just closed), an error
 * after the answer's headers went out (the connection is cut), `Expect` values Node refuses
 * (417), and a client that has already gone (ECONNRESET, EPIPE: nothing to write to).
 */

interface TransportProblem {
  readonly status: number;
  readonly code: string;
  readonly detail: string;
}

/** The part of a socket's state Node keeps for the answer in progress, if any. */
interface HttpSocket extends Duplex {
  readonly _httpMessage?: { readonly headersSent?: boolean } | null;
}

function errorCode(error: Error): string {
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' ? code : '';
}

/** Which answer a transport error gets; undefined where the client can no longer take one. */
export function transportProblem(error: Error): TransportProblem | undefined {
  const code = errorCode(error);
  switch (code) {
    case 'ECONNRESET':
    case 'EPIPE':
      return undefined;
    case 'HPE_HEADER_OVERFLOW':
      return {
        status: 431,
        code: 'HEADERS_TOO_LARGE',
        detail:
          'The request line and headers must not exceed 16 KiB together; send a shorter token or fewer headers.',
      };
    case 'ERR_HTTP_REQUEST_TIMEOUT':
      return {
        status: 408,
        code: 'REQUEST_TIMEOUT',
        detail: 'The request, headers or body, did not arrive in time; send it again at once and in full.',
      };
    default:
      return {
        status: 400,
        code: 'MALFORMED_REQUEST',
        detail: `The request is not well-formed HTTP/1.1 (${code || error.message}).`,
      };
  }
}

/** A complete HTTP/1.1 answer written straight to the socket, closing the connection. */
export function rawProblemResponse({ status, code, detail }: TransportProblem): string {
  const body = JSON.stringify(problem(status, code, reasonPhrase(status), detail));
  return [
    `HTTP/1.1 ${status} ${reasonPhrase(status)}`,
    'Content-Type: application/problem+json',
    `Content-Length: ${Buffer.byteLength(body)}`,
    'Cache-Control: no-store',
    'X-Content-Type-Options: nosniff',
    'Connection: close',
    '',
    body,
  ].join('\r\n');
}

function onClientError(error: Error, socket: HttpSocket): void {
  const answer = transportProblem(error);
  // Once an answer has begun, another status line would corrupt it: only closing is left.
  if (answer && socket.writable && !socket._httpMessage?.headersSent) {
    // Closed once written: a client that goes on sending, or never closes its side, holds nothing.
    socket.end(rawProblemResponse(answer), () => socket.destroy());
    return;
  }
  socket.destroy();
}

/** Answers transport errors as problem+json where the connection can still take an answer. */
export function installClientErrorHandler(server: Server): void {
  server.on('clientError', onClientError);
}
