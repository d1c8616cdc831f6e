import { createReadStream, createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import type { WriteStream } from 'node:fs';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { request } from 'node:http';
import { createInterface } from 'node:readline';
import { API_MAIN, DEVELOPMENT_PROCESS_ENV } from '../../test/support/app-process';
import { nowSeconds, signHs256 } from '../../test/support/tokens';
import { startServerProcess } from '../harness/bench-process';
import { peakRssOf, profileFlags, runNodeCli, tsScript } from '../harness/node-cli';
import type { Figure, MetricColumn, Sample } from '../harness/figure';
import { oneShotFigure, perSecondOf, profileDirOf, workSample } from './figure-context';
import type { FigureContext } from './figure-context';

/*
 * The historical import (issue 10) of a file of <size> archived licences through the API, staged
 * by one admin and approved by another (`POST /api/imports`, then `/approve`), projections
 * external so that only the import is timed; against a bulk insert of the very event rows that
 * import wrote, into a fresh file with the events table's columns and indexes.
 *
 * The API takes at most 50 MiB per import (issue 10's limit); a larger file (100k licences are
 * 122 MiB) is cut at case boundaries into parts under it, as a migration would, and the parts are
 * staged and approved one after the other, all of it timed.
 */

/** Parts stay under the API's 50 MiB body limit with room to spare. */
const PART_BYTES = 40 * 2 ** 20;

/** Cuts an import file into parts of at most PART_BYTES, never splitting a case's lines. */
async function splitAtCases(file: string, dir: string): Promise<string[]> {
  const parts: string[] = [];
  let out: WriteStream | undefined;
  let bytes = 0;
  let lastCase: string | undefined;
  const close = async () => {
    if (!out) return;
    out.end();
    await once(out, 'finish');
  };
  for await (const line of createInterface({ input: createReadStream(file), crlfDelay: Infinity })) {
    const text = `${line}\n`;
    const { caseId } = JSON.parse(line) as { caseId: string };
    const size = Buffer.byteLength(text);
    if (!out || (caseId !== lastCase && bytes + size > PART_BYTES)) {
      await close();
      const part = join(dir, `part-${parts.length + 1}.ndjson`);
      parts.push(part);
      out = createWriteStream(part);
      bytes = 0;
    }
    lastCase = caseId;
    bytes += size;
    if (!out.write(text)) await once(out, 'drain');
  }
  await close();
  return parts;
}

const SECRET = 'bench-secret-of-thirty-two-bytes-or-more';

const COLUMNS: readonly MetricColumn[] = [
  { metric: 'linesPerSecond', heading: 'lines/s' },
  { metric: 'seconds', heading: 's' },
  { metric: 'peakRssMiB', heading: 'peak RSS MiB' },
];

/** A POST that waits as long as the answer takes (a large commit outlasts fetch's own timeouts). */
function post(url: string, authorization: string, file?: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      {
        method: 'POST',
        headers: { authorization, ...(file !== undefined && { 'content-type': 'application/x-ndjson' }) },
      },
      (res) => {
        let body = '';
        res.setEncoding('utf8').on('data', (chunk: string) => (body += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    if (file === undefined) req.end();
    else createReadStream(file).on('error', reject).pipe(req);
  });
}

export function importFigures(context: FigureContext): Figure[] {
  return context.sizes.map((size) => {
    // The folder the last project run imported into: the comparison inserts the same rows.
    let lastImport: string | undefined;
    const forget = () => {
      if (lastImport !== undefined) rmSync(lastImport, { recursive: true, force: true });
      lastImport = undefined;
    };
    return oneShotFigure({
      name: 'import',
      title: 'Historical import: stage + approve over HTTP (projections external)',
      size,
      ratioOf: 'linesPerSecond',
      project: {
        label: 'API import',
        columns: COLUMNS,
        run: async (): Promise<{ sample: Sample; note?: string }> => {
          const history = await context.importFile(size);
          forget();
          const dir = mkdtempSync(join(tmpdir(), 'licences-bench-import-'));
          lastImport = dir;
          const server = await startServerProcess(
            [...profileFlags(profileDirOf(context, 'import')), ...API_MAIN],
            {
              ...DEVELOPMENT_PROCESS_ENV,
              LICENCES_DATA_DIR: dir,
              LICENCES_JWT_SECRET: SECRET,
              LICENCES_PROJECTIONS: 'external',
              LICENCES_IMPORT_CUTOVER: history.importCutover,
            },
          );
          let partsDir: string | undefined;
          try {
            const admin = (sub: string) =>
              `Bearer ${signHs256({ sub, role: 'admin', exp: nowSeconds() + 12 * 3600 }, SECRET)}`;
            const parts =
              history.importBytes <= PART_BYTES
                ? [history.importFile]
                : await splitAtCases(
                    history.importFile,
                    (partsDir = mkdtempSync(join(tmpdir(), 'licences-bench-parts-'))),
                  );
            const started = performance.now();
            for (const [index, part] of parts.entries()) {
              const staged = await post(`${server.baseUrl}/api/imports`, admin('bench.uploader'), part);
              if (staged.status !== 201) {
                const note = `${history.importLines} lines, ${Math.round(history.importBytes / 2 ** 20)} MiB, part ${index + 1} of ${parts.length} refused at staging: ${staged.status} ${staged.body.slice(0, 300)}`;
                return { sample: { peakRssMiB: peakRssOf(server.child.pid as number) }, note };
              }
              const { importId } = JSON.parse(staged.body) as { importId: string };
              const approved = await post(
                `${server.baseUrl}/api/imports/${importId}/approve`,
                admin('bench.approver'),
              );
              if (approved.status !== 200)
                throw new Error(
                  `approve part ${index + 1}: ${approved.status} ${approved.body.slice(0, 300)}`,
                );
            }
            const ms = performance.now() - started;
            return {
              sample: {
                linesPerSecond: perSecondOf(history.importLines, ms),
                seconds: ms / 1000,
                peakRssMiB: peakRssOf(server.child.pid as number),
              },
              ...(parts.length > 1 && {
                note: `staged and approved in ${parts.length} parts of at most 40 MiB`,
              }),
            };
          } finally {
            await server.stop();
            if (partsDir !== undefined) rmSync(partsDir, { recursive: true, force: true });
          }
        },
        stop: () => Promise.resolve(forget()),
      },
      comparison: {
        label: 'bulk insert (better-sqlite3)',
        columns: COLUMNS,
        run: async () => {
          const history = await context.importFile(size);
          if (lastImport === undefined) throw new Error('no import of this run to take the rows from');
          const target = mkdtempSync(join(tmpdir(), 'licences-bench-bulk-'));
          try {
            const run = await runNodeCli(
              tsScript(
                'bench/direct/sqlite-direct.ts',
                'bulk-insert',
                join(lastImport, 'licences.sqlite'),
                join(target, 'events.sqlite'),
              ),
            );
            const { rows } = JSON.parse(run.stdout) as { rows: number };
            return {
              sample: workSample(history.importLines, run, 'linesPerSecond'),
              note: `${rows} event rows for ${history.importLines} lines`,
            };
          } finally {
            rmSync(target, { recursive: true, force: true });
          }
        },
      },
    });
  });
}
