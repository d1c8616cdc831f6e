import { types } from 'pg';
import type { PoolConfig } from 'pg';

export interface PostgresReadModelStoreOptions {
  /** postgres://user:password@host:port/database; the password never appears in an error. */
  readonly connectionString: string;
  /** Shown in pg_stat_activity, so that an operator can tell the processes apart. */
  readonly applicationName?: string;
  /** Connections of this process; a projector and the queries of one API share them. */
  readonly maxConnections?: number;
}

/** How long getting a connection may take before the call fails as "unavailable". */
export const CONNECT_TIMEOUT_MS = 10_000;

/**
 * BIGINT (positions, fences, counts) as a JS number instead of pg's default string. Positions
 * stay far below 2^53; one that does not would be a wrong number, so it fails instead.
 */
function parseBigint(value: string): number {
  const parsed = Number(value);
  if (!Number.isSafeInteger(parsed)) throw new RangeError(`A BIGINT beyond a safe integer: ${value}`);
  return parsed;
}

const INT8_OID = 20;
const TYPES = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary'): unknown =>
    oid === INT8_OID && format !== 'binary'
      ? parseBigint
      : (types.getTypeParser(oid, format ?? 'text') as unknown)) as typeof types.getTypeParser,
};

/**
 * Settings of every session of the pool. JIT compilation off: the read models' queries take
 * milliseconds, and PostgreSQL's estimate for a JSON function's rows (100 each) makes the
 * statistics' grouping look costly enough to compile: at 100k licences the EU annual report's
 * query spent 1.19 s of its 1.41 s compiling, and ran in 195 ms without. A connection string
 * that names its own `options` keeps them instead (pg lets the string win).
 */
const SESSION_OPTIONS = '-c jit=off';

/** The pool of a read-model store: its sessions' settings, parsers and limits. */
export function readModelPoolConfig(options: PostgresReadModelStoreOptions): PoolConfig {
  return {
    connectionString: options.connectionString,
    max: options.maxConnections ?? 5,
    application_name: options.applicationName ?? 'licences-read-models',
    connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
    options: SESSION_OPTIONS,
    types: TYPES,
  };
}
