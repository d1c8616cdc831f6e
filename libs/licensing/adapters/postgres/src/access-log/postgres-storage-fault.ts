import { StorageFaultError } from '@licences/event-store';
import type { StorageFaultKind } from '@licences/event-store';

/** SQLSTATEs that say what an operator must mend; anything else is the database being unavailable. */
const KIND_OF_SQLSTATE: Readonly<Record<string, StorageFaultKind>> = {
  '53100': 'full', // disk_full
  '25006': 'read-only', // read_only_sql_transaction (a standby)
  XX001: 'corrupted', // data_corrupted
  XX002: 'corrupted', // index_corrupted
};

/**
 * A PostgreSQL failure as a StorageFaultError (answered 503 with a stable code, never 500): the
 * driver's words stay in the message for the log, never in the client's answer.
 */
export function postgresStorageFault(store: string, error: unknown): StorageFaultError {
  const sqlState = (error as { code?: unknown } | null)?.code;
  const kind = (typeof sqlState === 'string' && KIND_OF_SQLSTATE[sqlState]) || 'unavailable';
  const reason = error instanceof Error ? error.message || error.name : String(error);
  return new StorageFaultError(kind, store, `The ${store} in PostgreSQL failed: ${reason}`, { cause: error });
}
