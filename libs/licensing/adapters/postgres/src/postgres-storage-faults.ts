import { StorageFaultError } from '@licences/event-store';
import type { StorageFaultKind } from '@licences/event-store';

/*
 * PostgreSQL's counterpart of withStorageFaultsAsync: a failure of the server or of the way to it
 * becomes a StorageFaultError naming the store and the server (host and port, never the user or
 * password), so that callers never match on driver codes. Anything else (a constraint, a bug, a
 * fenced-off writer) passes unchanged.
 */

/** Node's errors for a server that cannot be reached. */
const UNREACHABLE = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ENOTFOUND',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'EAI_AGAIN',
  'EPIPE',
]);

/** The kind a PostgreSQL SQLSTATE or Node error code stands for, if it is a storage fault. */
export function postgresFaultKindOf(code: string): StorageFaultKind | undefined {
  if (code === '53100') return 'full'; // disk_full
  if (code === '25006') return 'read-only'; // read_only_sql_transaction: a standby or read-only server
  if (code === 'XX001' || code === 'XX002') return 'corrupted'; // data_corrupted, index_corrupted
  // Connection exceptions, refused authorisation, a missing database, too many connections, shutdown.
  if (code.startsWith('08') || code.startsWith('28') || code === '3D000') return 'unavailable';
  if (code === '53300' || code === '57P01' || code === '57P02' || code === '57P03') return 'unavailable';
  // Cancelled by a statement or lock timeout: the server is too busy or locked to answer in time.
  if (code === '57014' || code === '55P03') return 'unavailable';
  if (code.startsWith('58')) return 'unavailable'; // system_error, io_error
  return UNREACHABLE.has(code) ? 'unavailable' : undefined;
}

function codeOf(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === 'string') return code;
  // Node reports a refused connection to a name with several addresses as an AggregateError.
  if (error instanceof AggregateError) return error.errors.map(codeOf).find((c) => c !== undefined);
  return undefined;
}

/** pg's own errors for a connection that went away carry no code. */
function isLostConnection(error: unknown): boolean {
  const message = error instanceof Error ? error.message : '';
  return /Connection terminated|connection timeout|Client has encountered a connection error/i.test(message);
}

/** Where the server is, for messages: host and port only. */
export function describeServer(connectionString: string): string {
  try {
    const url = new URL(connectionString);
    return `${url.hostname || 'localhost'}:${url.port || '5432'}`;
  } catch {
    // Not a URL (a key=value string): naming nothing beats echoing a password.
    return 'the configured server';
  }
}

const DESCRIPTION: Record<StorageFaultKind, string> = {
  full: 'the server has no space left',
  'read-only': 'the server refuses writes',
  corrupted: 'the server reports damaged data',
  unavailable: 'the server cannot be reached or refused the connection',
};

export function postgresFaultOf(error: unknown, store: string): StorageFaultError | undefined {
  if (error instanceof StorageFaultError) return error;
  const code = codeOf(error);
  const kind =
    (code === undefined ? undefined : postgresFaultKindOf(code)) ??
    (isLostConnection(error) ? 'unavailable' : undefined);
  if (kind === undefined) return undefined;
  const reason = error instanceof Error && error.message !== '' ? error.message : String(code ?? error);
  return new StorageFaultError(
    kind,
    store,
    `${store}: ${DESCRIPTION[kind]} (${code ?? 'no code'}: ${reason})`,
    {
      cause: error,
    },
  );
}

export async function withPostgresFaults<T>(store: string, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw postgresFaultOf(error, store) ?? error;
  }
}
