import { withConnection } from '../../libs/licensing/adapters/postgres/src/testing/postgres-test-database';
import type { EventStore } from '@licences/event-store';
import { PROJECTION_NAMES } from '@licences/licensing-read-models';
import type { ReadModelStore } from '@licences/licensing-read-models';
import { TABLE_ORDER } from '../../libs/licensing/adapters/kysely/src/testing/read-model-backend';

/** What projections build, and their checkpoints; not the access log, leases or migrations beside them. */
const PROJECTED = new Set([...Object.keys(TABLE_ORDER), 'projection_checkpoints']);

/**
 * Every read-model table of a PostgreSQL database, rows in a stable order, read behind the
 * store's back; checkpoints as bare positions (their fences and times differ between runs).
 */
export function dumpPostgresReadModels(url: string): Promise<Record<string, unknown[]>> {
  return withConnection(url, async (client) => {
    const tables = await client.query<{ table_name: string }>(
      `SELECT table_name FROM information_schema.tables
       WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY table_name`,
    );
    const dump: Record<string, unknown[]> = {};
    const names = tables.rows.map((row) => row.table_name);
    const missing = [...PROJECTED].filter((table) => !names.includes(table));
    if (missing.length > 0) throw new Error(`No read-model tables ${missing.join(', ')} in ${url}`);
    for (const table of names) {
      if (!PROJECTED.has(table)) continue;
      if (table === 'projection_checkpoints') {
        const rows = await client.query(
          `SELECT name, target, position::text AS position FROM projection_checkpoints ORDER BY name, target`,
        );
        dump[table] = rows.rows;
        continue;
      }
      const columns = await client.query(`SELECT * FROM "${table}" LIMIT 0`);
      const order = columns.fields.map((_, i) => i + 1).join(', ');
      dump[table] = (await client.query(`SELECT * FROM "${table}" ORDER BY ${order}`)).rows;
    }
    return dump;
  });
}

/** The lowest live checkpoint over the projections in a PostgreSQL read store (0 until all have one). */
export function lowestPostgresCheckpoint(url: string): Promise<number> {
  return withConnection(url, async (client) => {
    const rows = await client.query<{ position: string }>(
      `SELECT position::text AS position FROM projection_checkpoints WHERE target = 'live'`,
    );
    return rows.rows.length < PROJECTION_NAMES.length
      ? 0
      : Math.min(...rows.rows.map((r) => Number(r.position)));
  }).catch(() => 0);
}

/** Projects every stored event into `store` in one uninterrupted pass: what a fail-over must equal. */
export async function projectEverything(events: EventStore, store: ReadModelStore): Promise<number> {
  const head = await events.headPosition();
  for (const name of PROJECTION_NAMES) {
    let after = 0;
    while (after < head) {
      const batch = await events.readAll({ after, maxCount: 1000 });
      if (batch.length === 0) break;
      after = await store.project(name, batch);
    }
  }
  return head;
}
