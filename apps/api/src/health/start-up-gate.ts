import { createServer } from 'node:http';
import { problem } from '../http/problem';

/**
 * What the API's port answers while start-up checks store files in full, before anything opens
 * them: alive (`/health/live` 200, so that an orchestrator does not kill a start that reads a
 * large history page by page) and nothing else (503 STORES_BEING_CHECKED, readiness included:
 * nothing is served from a file that is not known to be intact).
 * @returns a function that stops answering and frees the port for the API.
 */
export async function openStartUpGate(
  host: string,
  port: number,
  files: readonly string[],
): Promise<() => Promise<void>> {
  const since = new Date().toISOString();
  const server = createServer((request, response) => {
    if (request.method === 'GET' && request.url === '/health/live') {
      response.writeHead(200, { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' });
      response.end(JSON.stringify({ status: 'live' }));
      return;
    }
    const body = problem(
      503,
      'STORES_BEING_CHECKED',
      'Starting',
      `Since ${since} this instance checks ${files.join(', ')} in full (SQLite's quick_check) before it serves anything from them; try again shortly.`,
    );
    response.writeHead(503, {
      'Content-Type': 'application/problem+json',
      'Cache-Control': 'no-store',
      'Retry-After': '5',
      Connection: 'close',
    });
    response.end(JSON.stringify({ ...body, instance: request.url ?? '/' }));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  return () =>
    new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
}
