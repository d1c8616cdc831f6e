import type { Database, Statement } from 'better-sqlite3';
import { GENESIS_HASH, sealOf } from '@licences/event-store';
import { EVENT_COLUMNS, toRecordedEvent } from './sqlite-event-store.rows';
import type { EventRow } from './sqlite-event-store.rows';

/** Rows sealed per read, so that sealing an old file of any size takes flat memory. */
const PAGE_SIZE = 1000;

/**
 * Seals the rows after the last sealed one, in position order. Must run inside the transaction
 * that wrote them (it does not open one), so that no reader ever sees an unsealed event.
 */
export class EventSealer {
  private readonly sql: {
    readonly lastSealed: Statement<[], { position: number; chain_hash: string }>;
    readonly pending: Statement<[number, number], EventRow>;
    readonly previousInStream: Statement<[string, number], { revision: number; stream_hash: string | null }>;
    readonly seal: Statement<[string, string, number]>;
  };

  /** Prepares its statements: the seal columns must exist already. */
  constructor(db: Database) {
    this.sql = {
      lastSealed: db.prepare(
        'SELECT position, chain_hash FROM events WHERE chain_hash IS NOT NULL ORDER BY position DESC LIMIT 1',
      ),
      pending: db.prepare(
        `SELECT ${EVENT_COLUMNS} FROM events WHERE position > ? ORDER BY position ASC LIMIT ?`,
      ),
      previousInStream: db.prepare(
        'SELECT revision, stream_hash FROM events WHERE stream_id = ? AND revision < ? ORDER BY revision DESC LIMIT 1',
      ),
      seal: db.prepare('UPDATE events SET stream_hash = ?, chain_hash = ? WHERE position = ?'),
    };
  }

  /**
   * Seals every row after the last sealed one: the rows just inserted, and on an older file every
   * row (the schema migration) or rows a process of an older version appended since. An unsealed
   * row in the middle of sealed ones is never sealed over: that would hide whatever happened to it.
   * @returns the number of rows sealed.
   */
  sealPending(): number {
    const last = this.sql.lastSealed.get();
    let previousChainHash = last?.chain_hash ?? GENESIS_HASH;
    let after = last?.position ?? 0;
    let sealed = 0;
    for (;;) {
      const rows = this.sql.pending.all(after, PAGE_SIZE);
      for (const row of rows) {
        const event = toRecordedEvent(row);
        const previous = this.sql.previousInStream.get(event.streamId, event.revision);
        if (previous && previous.stream_hash === null) {
          throw new Error(
            `Cannot seal the event at position ${event.position}: revision ${previous.revision} of stream ` +
              `${event.streamId} before it is not sealed (run npm run verify)`,
          );
        }
        // Sealed from the row as it reads back, so that a verifier recomputes exactly this.
        const seal = sealOf(event, previous?.stream_hash ?? GENESIS_HASH, previousChainHash);
        this.sql.seal.run(seal.streamHash, seal.chainHash, event.position);
        previousChainHash = seal.chainHash;
        after = event.position;
        sealed += 1;
      }
      if (rows.length < PAGE_SIZE) return sealed;
    }
  }
}
