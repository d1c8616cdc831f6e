import { performance } from 'node:perf_hooks';
import { readAndParseEvents } from './read-events';
import { Client } from 'pg';

/*
 * The PostgreSQL comparison of the catch-up figure, done directly with `pg`: in the database the
 * projector just filled, copies of its tables (`CREATE TABLE ... (LIKE ... INCLUDING ALL)`: the
 * same columns, constraints and indexes) in a schema of their own; then, timed, reads and parses
 * every event from the SQLite event store and inserts the projector's rows into the copies, 1,000
 * rows per INSERT and 10,000 per transaction. Prints one JSON line.
 *
 *   node -r ./tools/register.cjs bench/direct/pg-direct.ts <events.sqlite> <postgres-url>
 */

const ROWS_PER_INSERT = 1000;
const ROWS_PER_TRANSACTION = 10_000;
const SCHEMA = 'bench_direct';

async function main(): Promise<void> {
  const [eventsFile, url] = process.argv.slice(2);
  if (eventsFile === undefined || url === undefined)
    throw new Error('usage: pg-direct <events.sqlite> <postgres-url>');
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    const tables = (
      await client.query<{ name: string }>(
        "SELECT table_name AS name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY 1",
      )
    ).rows.map((row) => row.name);
    await client.query(`DROP SCHEMA IF EXISTS ${SCHEMA} CASCADE`);
    await client.query(`CREATE SCHEMA ${SCHEMA}`);
    const contents = new Map<string, { columns: string[]; rows: unknown[][] }>();
    for (const table of tables) {
      await client.query(`CREATE TABLE ${SCHEMA}."${table}" (LIKE "${table}" INCLUDING ALL)`);
      const result = await client.query({ text: `SELECT * FROM "${table}"`, rowMode: 'array' });
      contents.set(table, {
        columns: result.fields.map((field) => `"${field.name}"`),
        rows: result.rows as unknown[][],
      });
    }
    const started = performance.now();
    const read = readAndParseEvents(eventsFile);
    let written = 0;
    for (const [table, { columns, rows }] of contents) {
      for (let at = 0; at < rows.length; at += ROWS_PER_TRANSACTION) {
        await client.query('BEGIN');
        const slice = rows.slice(at, at + ROWS_PER_TRANSACTION);
        for (let from = 0; from < slice.length; from += ROWS_PER_INSERT) {
          const chunk = slice.slice(from, from + ROWS_PER_INSERT);
          const values: unknown[] = [];
          const tuples = chunk.map((row) => `(${row.map((value) => `$${values.push(value)}`).join(', ')})`);
          await client.query(
            `INSERT INTO ${SCHEMA}."${table}" (${columns.join(', ')}) OVERRIDING SYSTEM VALUE VALUES ${tuples.join(', ')}`,
            values,
          );
          written += chunk.length;
        }
        await client.query('COMMIT');
      }
    }
    const ms = performance.now() - started;
    await client.query(`DROP SCHEMA ${SCHEMA} CASCADE`);
    process.stdout.write(`${JSON.stringify({ events: read, rows: written, tables: tables.length, ms })}\n`);
  } finally {
    await client.end();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
