// Emmett-SQLite 0.38.5 as shipped, the peer of the appends figure: N concurrent appenders, each
// appending one event at a time to a stream of its own, in a fresh file, for the given seconds.
// Prints one JSON line: appends per second, failed appends and the first failure.
//
//   node bench/peers/emmett-sqlite/appends.mjs <clients> <seconds>
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { getSQLiteEventStore } from '@event-driven-io/emmett-sqlite';

const [clients, seconds] = process.argv.slice(2).map(Number);
const dir = mkdtempSync(join(tmpdir(), 'licences-bench-emmett-'));
const data = {
  assessment: { summary: 'No objections from the criteria assessment; end-user certificate on file' },
  validFrom: '2025-01-21',
  validUntil: '2026-01-20',
  decisionDate: '2025-01-21',
};
try {
  const store = getSQLiteEventStore({ fileName: join(dir, 'events.sqlite') });
  let appended = 0;
  let failed = 0;
  let firstError;
  const started = performance.now();
  const end = started + seconds * 1000;
  await Promise.all(
    Array.from({ length: clients }, async () => {
      const stream = `bench-${randomUUID()}`;
      let version = 0n;
      while (performance.now() < end) {
        try {
          const result = await store.appendToStream(stream, [{ type: 'Issued', data }], {
            expectedStreamVersion: version,
          });
          version = result.nextExpectedStreamVersion;
          appended++;
        } catch (error) {
          failed++;
          firstError ??= error instanceof Error ? error.message : String(error);
        }
      }
    }),
  );
  const perSecond = (appended * 1000) / (performance.now() - started);
  process.stdout.write(`${JSON.stringify({ perSecond, failed, ...(firstError && { firstError }) })}\n`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
