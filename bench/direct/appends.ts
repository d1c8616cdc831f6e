import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import Database from 'better-sqlite3';
import { SqliteEventStore } from '@licences/event-store-sqlite';

/*
 * Durable appends per second at N concurrent appenders, each appending one event to a stream of
 * its own at a time, in a fresh file:
 *   product  through the SqliteEventStore library (@licences/event-store-sqlite);
 *   raw      better-sqlite3 alone on the same schema and pragmas: one transaction per append,
 *            then 100 appends per transaction (the ceiling of batching).
 * Prints one JSON line.
 *
 *   node -r ./tools/register.cjs bench/direct/appends.ts product|raw <clients> <seconds>
 */

const DATA = {
  assessment: { summary: 'No objections from the criteria assessment; end-user certificate on file' },
  validFrom: '2025-01-21',
  validUntil: '2026-01-20',
  decisionDate: '2025-01-21',
};

function metadata() {
  return {
    occurredAt: new Date().toISOString(),
    actor: { sub: 'bench.assessor', role: 'assessor' },
    correlationId: randomUUID(),
    causationId: randomUUID(),
  };
}

async function product(file: string, clients: number, ms: number): Promise<number> {
  const store = SqliteEventStore.open({ file });
  let appended = 0;
  const end = performance.now() + ms;
  try {
    await Promise.all(
      Array.from({ length: clients }, async () => {
        const stream = `bench-${randomUUID()}`;
        for (let revision = 0; performance.now() < end; revision++) {
          await store.append(
            stream,
            [{ id: randomUUID(), type: 'Issued', schemaVersion: 1, data: DATA, metadata: metadata() }],
            revision === 0 ? 'no-stream' : revision - 1,
          );
          appended++;
        }
      }),
    );
  } finally {
    await store.close();
  }
  return appended;
}

/** better-sqlite3 is synchronous: concurrent appenders take turns, each append its own transaction. */
function raw(file: string, perTransaction: number, ms: number): number {
  // The product's schema, made by the product, then written to without it.
  void SqliteEventStore.open({ file }).close();
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  const insert = db.prepare(
    `INSERT INTO events (event_id, stream_id, revision, type, schema_version, data, metadata, occurred_at, recorded_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const commit = db.transaction((stream: string, first: number) => {
    for (let n = 0; n < perTransaction; n++) {
      const at = new Date().toISOString();
      insert.run(
        randomUUID(),
        stream,
        first + n,
        'Issued',
        1,
        JSON.stringify(DATA),
        JSON.stringify(metadata()),
        at,
        at,
      );
    }
  });
  let appended = 0;
  const end = performance.now() + ms;
  const stream = `bench-${randomUUID()}`;
  while (performance.now() < end) {
    commit.immediate(stream, appended);
    appended += perTransaction;
  }
  db.close();
  return appended;
}

async function main(): Promise<void> {
  const [mode, clientsArg, secondsArg] = process.argv.slice(2);
  const clients = Number(clientsArg);
  const ms = Number(secondsArg) * 1000;
  const dir = mkdtempSync(join(tmpdir(), 'licences-bench-appends-'));
  try {
    if (mode === 'product') {
      const started = performance.now();
      const appended = await product(join(dir, 'events.sqlite'), clients, ms);
      process.stdout.write(
        `${JSON.stringify({ perSecond: (appended * 1000) / (performance.now() - started) })}\n`,
      );
    } else if (mode === 'raw') {
      let started = performance.now();
      const single = raw(join(dir, 'one.sqlite'), 1, ms / 2);
      const perSecond = (single * 1000) / (performance.now() - started);
      started = performance.now();
      const batched = raw(join(dir, 'hundred.sqlite'), 100, ms / 2);
      const batchedPerSecond = (batched * 1000) / (performance.now() - started);
      process.stdout.write(`${JSON.stringify({ perSecond, batchedPerSecond })}\n`);
    } else {
      throw new Error(`Unknown mode ${mode}: product or raw`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
