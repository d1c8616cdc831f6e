import type { Database, Statement } from 'better-sqlite3';
import { GENESIS_HASH, sealOf } from '@licences/event-store';
import type { SealedContent } from '@licences/event-store';
import { EVENT_COLUMNS, toRecordedEvent } from './sqlite-event-store.rows';
import type { EventRow } from './sqlite-event-store.rows';

/** Rows sealed per read, so that sealing an old file of any size takes flat memory. */
const PAGE_SIZE = 1000;

/**
 * Seals rows into the stream and global hash chains. Must run inside the transaction that wrote
 * the rows (it does not open one), so that no reader ever sees an unsealed event.
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
   * Seals every row after the last sealed one: on an older file every row (the schema migration),
   * or rows a process of an older version appended since. An unsealed row in the middle of sealed
   * ones is never sealed over: that would hide whatever happened to it.
   * @returns the number of rows sealed.
   */
  sealPending(): number {
    return this.sealAfterLastSealed().sealed;
  }

  /**
   * The chain hash a new row chains from: the last row's, once every row after the last sealed one
   * is sealed. Read at the start of each write transaction, since other processes may have
   * appended to the file since this one last wrote.
   */
  chainHead(): string {
    return this.sealAfterLastSealed().chainHash;
  }

  /**
   * The stream hash a stream's next event chains from: that of its event at `lastRevision`, or
   * GENESIS_HASH for a new stream.
   * @throws Error when that event is not sealed: sealing after it would hide whatever happened to it.
   */
  streamHead(streamId: string, lastRevision: number | undefined): string {
    if (lastRevision === undefined) return GENESIS_HASH;
    const previous = this.sql.previousInStream.get(streamId, lastRevision + 1);
    return this.checkedStreamHash(previous, streamId, `revision ${lastRevision + 1}`);
  }

  /**
   * Seals a row just inserted from the values inserted, without reading it back.
   * `content.data` and `content.metadata` must be parsed from the very JSON text stored, so that
   * the seal is what a verifier recomputes from the row (`toRecordedEvent`).
   */
  sealInserted(content: SealedContent, previousStreamHash: string, previousChainHash: string) {
    const seal = sealOf(content, previousStreamHash, previousChainHash);
    this.sql.seal.run(seal.streamHash, seal.chainHash, content.position);
    return seal;
  }

  private sealAfterLastSealed(): { sealed: number; chainHash: string } {
    const last = this.sql.lastSealed.get();
    let previousChainHash = last?.chain_hash ?? GENESIS_HASH;
    let after = last?.position ?? 0;
    let sealed = 0;
    for (;;) {
      const rows = this.sql.pending.all(after, PAGE_SIZE);
      for (const row of rows) {
        const event = toRecordedEvent(row);
        const previous = this.sql.previousInStream.get(event.streamId, event.revision);
        const previousStreamHash = this.checkedStreamHash(
          previous,
          event.streamId,
          `the event at position ${event.position}`,
        );
        // Sealed from the row as it reads back, so that a verifier recomputes exactly this.
        const seal = sealOf(event, previousStreamHash, previousChainHash);
        this.sql.seal.run(seal.streamHash, seal.chainHash, event.position);
        previousChainHash = seal.chainHash;
        after = event.position;
        sealed += 1;
      }
      if (rows.length < PAGE_SIZE) return { sealed, chainHash: previousChainHash };
    }
  }

  private checkedStreamHash(
    previous: { revision: number; stream_hash: string | null } | undefined,
    streamId: string,
    what: string,
  ): string {
    if (!previous) return GENESIS_HASH;
    if (previous.stream_hash === null) {
      throw new Error(
        `Cannot seal ${what}: revision ${previous.revision} of stream ${streamId} before it is not sealed ` +
          '(run npm run verify)',
      );
    }
    return previous.stream_hash;
  }
}
