import { Worker } from 'node:worker_threads';

/**
 * What the worker runs: plain JavaScript, so that it needs no TypeScript loader in its thread.
 * better-sqlite3 is synchronous; in a thread of its own, a check that reads every page of a large
 * file leaves the process's event loop free to answer its probes meanwhile.
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
let db;
try {
  db = new Database(workerData.path, { fileMustExist: true, timeout: workerData.timeoutMs });
  const findings = db.pragma('quick_check').map((row) => row.quick_check);
  parentPort.postMessage({ findings });
} catch (error) {
  parentPort.postMessage({ message: error && error.message ? error.message : String(error), code: error && error.code });
} finally {
  if (db) db.close();
}
`;

/** The outcome of `PRAGMA quick_check` on one file: its findings, or the error that stopped it. */
export type QuickCheckOutcome =
  { readonly findings: readonly string[] } | { readonly message: string; readonly code?: string };

/** Runs SQLite's quick_check of `path` in a worker thread; resolves with what it found. */
export function quickCheckOffThread(path: string, timeoutMs: number): Promise<QuickCheckOutcome> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(WORKER_SOURCE, {
      eval: true,
      // Not the parent's preloads: the TypeScript loader alone costs the thread a second to start.
      execArgv: [],
      workerData: { path, timeoutMs, driver: require.resolve('better-sqlite3') },
    });
    let outcome: QuickCheckOutcome | undefined;
    worker.once('message', (message: QuickCheckOutcome) => (outcome = message));
    worker.once('error', reject);
    worker.once('exit', (code) => {
      if (outcome !== undefined) resolve(outcome);
      else
        reject(new Error(`The structural check of ${path} stopped (worker exit ${code}) without an answer`));
    });
  });
}
