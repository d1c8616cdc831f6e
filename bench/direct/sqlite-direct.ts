import { createHash } from 'node:crypto';
import { rmSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import Database from 'better-sqlite3';
import { readAndParseEvents } from './read-events';
import type { Database as Db } from 'better-sqlite3';

/*
 * The comparisons done directly on the engine with better-sqlite3, each as its own process
 * (started like the project's CLIs, so both sides pay a process start): no Nest, no ports, no
 * layers; one prepared statement, 10,000 rows per transaction, the product's own pragmas (WAL,
 * synchronous FULL). Each prints one JSON line: what it did and how long the work took.
 *
 *   node -r ./tools/register.cjs bench/direct/sqlite-direct.ts bulk-insert <source.sqlite> <target.sqlite>
 *   node -r ./tools/register.cjs bench/direct/sqlite-direct.ts read-write <events.sqlite> <reference.sqlite> <target.sqlite> [table-prefix...]
 *   node -r ./tools/register.cjs bench/direct/sqlite-direct.ts verify <events.sqlite>
 *   node -r ./tools/register.cjs bench/direct/sqlite-direct.ts report-sql <read-models.sqlite> <report> <year>
 */

const ROWS_PER_TRANSACTION = 10_000;

function open(file: string): Db {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  return db;
}

/** The tables (and their indexes) of `source` named by one of `prefixes` (all when none), as SQL. */
function schemaOf(source: Db, prefixes: readonly string[]): { tables: string[]; ddl: string[] } {
  const rows = source
    .prepare<[], { type: string; name: string; tbl_name: string; sql: string | null }>(
      "SELECT type, name, tbl_name, sql FROM sqlite_master WHERE type IN ('table', 'index') AND name NOT LIKE 'sqlite_%' ORDER BY type DESC",
    )
    .all()
    .filter((row) => prefixes.length === 0 || prefixes.some((prefix) => row.tbl_name.startsWith(prefix)));
  return {
    tables: rows.filter((row) => row.type === 'table').map((row) => row.name),
    ddl: rows.flatMap((row) => (row.sql ? [row.sql] : [])),
  };
}

/** Copies every row of `tables` from `source` into `target`, 10,000 per transaction. */
function copyRows(source: Db, target: Db, tables: readonly string[]): number {
  let written = 0;
  for (const table of tables) {
    const columns = source
      .prepare(`SELECT * FROM "${table}" LIMIT 0`)
      .columns()
      .map((c) => `"${c.name}"`);
    if (columns.length === 0) continue;
    const insert = target.prepare(
      `INSERT INTO "${table}" (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`,
    );
    const batch: unknown[][] = [];
    const flush = target.transaction((rows: unknown[][]) => {
      for (const row of rows) insert.run(row);
    });
    for (const row of source.prepare(`SELECT * FROM "${table}"`).raw().iterate() as Iterable<unknown[]>) {
      batch.push(row);
      if (batch.length === ROWS_PER_TRANSACTION) flush(batch.splice(0));
      written += 1;
    }
    if (batch.length > 0) flush(batch.splice(0));
  }
  return written;
}

function fresh(file: string): Db {
  for (const suffix of ['', '-wal', '-shm']) rmSync(`${file}${suffix}`, { force: true });
  return open(file);
}

/** The event rows of `source` into a fresh file with the events table's columns and indexes. */
function bulkInsert(sourceFile: string, targetFile: string) {
  const source = new Database(sourceFile, { readonly: true });
  const target = fresh(targetFile);
  const started = performance.now();
  const { tables, ddl } = schemaOf(source, ['events']);
  for (const statement of ddl) target.exec(statement);
  const rows = copyRows(source, target, tables);
  target.close();
  return { rows, ms: performance.now() - started };
}

/** Reads and parses every event, then writes the rows a projection wrote (from `reference`). */
function readWrite(
  eventsFile: string,
  referenceFile: string,
  targetFile: string,
  prefixes: readonly string[],
) {
  const reference = new Database(referenceFile, { readonly: true });
  const target = fresh(targetFile);
  const started = performance.now();
  const read = readAndParseEvents(eventsFile);
  const { tables, ddl } = schemaOf(reference, prefixes);
  for (const statement of ddl) target.exec(statement);
  const written = copyRows(reference, target, tables);
  target.close();
  return { events: read, rows: written, tables: tables.length, ms: performance.now() - started };
}

/**
 * RFC 8785 canonical JSON for the values an event holds (what the event store seals): sorted
 * keys, no whitespace, strings and numbers as JSON.stringify writes them.
 */
function canonical(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value))
    return `[${value.map((item) => (item === undefined ? 'null' : canonical(item))).join(',')}]`;
  const record = value as Record<string, unknown>;
  return `{${Object.keys(record)
    .filter((key) => record[key] !== undefined)
    .sort()
    .map((key) => `${JSON.stringify(key)}:${canonical(record[key])}`)
    .join(',')}}`;
}

const GENESIS = '0'.repeat(64);

/** Recomputes both hash chains (per stream and over the store) of every row and counts mismatches. */
function verify(eventsFile: string) {
  const db = new Database(eventsFile, { readonly: true });
  const started = performance.now();
  const streams = new Map<string, string>();
  let chain = GENESIS;
  let rows = 0;
  let mismatches = 0;
  const sha = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');
  for (const row of db
    .prepare(
      'SELECT position, event_id, stream_id, revision, type, schema_version, data, metadata, recorded_at, stream_hash, chain_hash FROM events ORDER BY position',
    )
    .iterate() as Iterable<Record<string, string | number | null>>) {
    const encoding = canonical({
      data: JSON.parse(row['data'] as string),
      id: row['event_id'],
      metadata: JSON.parse(row['metadata'] as string),
      position: row['position'],
      recordedAt: row['recorded_at'],
      revision: row['revision'],
      schemaVersion: row['schema_version'],
      streamId: row['stream_id'],
      type: row['type'],
    });
    const streamId = row['stream_id'] as string;
    const streamHash = sha((streams.get(streamId) ?? GENESIS) + encoding);
    chain = sha(chain + encoding);
    if (streamHash !== row['stream_hash'] || chain !== row['chain_hash']) mismatches += 1;
    streams.set(streamId, streamHash);
    rows += 1;
  }
  return { rows, mismatches, ms: performance.now() - started };
}

/** The grouping each report makes, done in SQL on the statistics projection's facts of one year. */
const REPORT_SQL: Readonly<Record<string, string>> = {
  'eu-annual':
    'SELECT destination, goods_category, kind, COUNT(*) AS n, SUM(total_value_cents) AS cents FROM statistics_facts WHERE decision_date BETWEEN ? AND ? GROUP BY destination, goods_category, kind',
  issued:
    "SELECT destination, goods_category, COUNT(*) AS n, SUM(total_value_cents) AS cents FROM statistics_facts WHERE kind = 'issued' AND decision_date BETWEEN ? AND ? GROUP BY destination, goods_category",
  'large-licences':
    "SELECT case_id, destination, total_value_cents FROM statistics_facts WHERE kind = 'issued' AND decision_date BETWEEN ? AND ? ORDER BY total_value_cents DESC LIMIT 100",
  'yearly-overview':
    'SELECT substr(decision_date, 1, 7) AS month, kind, COUNT(*) AS n, SUM(total_value_cents) AS cents FROM statistics_facts WHERE decision_date BETWEEN ? AND ? GROUP BY month, kind',
};

function reportSql(readModelsFile: string, report: string, year: string) {
  const sql = REPORT_SQL[report];
  if (sql === undefined) throw new Error(`No SQL for the report ${report}`);
  const db = new Database(readModelsFile, { readonly: true });
  const started = performance.now();
  const rows = db.prepare(sql).all(`${year}-01-01`, `${year}-12-31`).length;
  return { rows, ms: performance.now() - started };
}

function main(argv: readonly string[]): unknown {
  const [command, ...args] = argv;
  const arg = (n: number) => {
    const value = args[n];
    if (value === undefined) throw new Error(`${command}: argument ${n + 1} missing`);
    return value;
  };
  switch (command) {
    case 'bulk-insert':
      return bulkInsert(arg(0), arg(1));
    case 'read-write':
      return readWrite(arg(0), arg(1), arg(2), args.slice(3));
    case 'verify':
      return verify(arg(0));
    case 'report-sql':
      return reportSql(arg(0), arg(1), arg(2));
    case undefined:
    default:
      throw new Error(`Unknown command ${command}: bulk-insert, read-write, verify or report-sql`);
  }
}

process.stdout.write(`${JSON.stringify(main(process.argv.slice(2)))}\n`);
