import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { Client } from 'pg';
import type { QueryResult, QueryResultRow } from 'pg';
import type {
  ProjectionLease,
  ProjectionLeaseLoss,
  ProjectionLeases,
  ProjectionName,
} from '@licences/licensing-read-models';
import { advisoryKey, migrateLeaseTables } from './projection-leases.schema';

export interface PostgresProjectionLeasesOptions {
  readonly connectionString: string;
  /** Who this process is in `projection_leases`; host, pid and a random part by default. */
  readonly holder?: string;
  /** How often a connection holding leases is checked (ms); default 1000. */
  readonly heartbeatMs?: number;
  /** A check not answered within this (ms) counts as a lost connection; default 10 000. */
  readonly heartbeatTimeoutMs?: number;
}

/** One dedicated session: its advisory locks are the leases, and they end with it. */
interface Session {
  readonly client: Client;
  /** Connected and migrated. */
  ready: Promise<void>;
  readonly held: Map<ProjectionName, HeldLease>;
  /** Names being acquired: a session's advisory locks are re-entrant, so this process must not ask twice. */
  readonly acquiring: Set<ProjectionName>;
  dead: boolean;
  heartbeat?: NodeJS.Timeout;
  /** The last query asked for: pg wants one query at a time on a client, so each waits for the one before. */
  queue: Promise<unknown>;
}

/** Connecting or any one lease query may take this long before it counts as failed. */
const QUERY_TIMEOUT_MS = 10_000;

/** Runs a query on the session's client after the ones already asked for. */
function query<R extends QueryResultRow>(
  session: Session,
  text: string,
  values: readonly unknown[] = [],
): Promise<QueryResult<R>> {
  const result = session.queue.then(
    () => session.client.query<R>(text, [...values]),
    () => session.client.query<R>(text, [...values]),
  );
  session.queue = result.catch(() => undefined);
  return result;
}

class HeldLease implements ProjectionLease {
  readonly lost: Promise<ProjectionLeaseLoss>;
  private held = true;
  private signalLoss: (loss: ProjectionLeaseLoss) => void = () => undefined;

  constructor(
    readonly name: ProjectionName,
    readonly fence: number,
    private readonly unlock: () => Promise<void>,
  ) {
    this.lost = new Promise((resolve) => (this.signalLoss = resolve));
  }

  isHeld(): boolean {
    return this.held;
  }

  async release(): Promise<void> {
    if (!this.held) return;
    this.held = false;
    await this.unlock();
  }

  markLost(reason: string): void {
    if (!this.held) return;
    this.held = false;
    this.signalLoss({ name: this.name, fence: this.fence, reason });
  }
}

/**
 * Projection leases in PostgreSQL: a session-level advisory lock per projection, taken on one
 * connection dedicated to this process, so that a process that dies frees its leases as soon as
 * the server sees its connection close. Each acquisition increments the projection's fence in
 * `projection_leases` in the same step, so fences only grow, across processes and restarts.
 *
 * When the connection errors, ends or stops answering, every lease on it is signalled lost; the
 * next `tryAcquire` opens a new connection.
 */
export class PostgresProjectionLeases implements ProjectionLeases {
  readonly holder: string;
  private session: Session | undefined;
  private closed = false;
  private readonly heartbeatMs: number;
  private readonly heartbeatTimeoutMs: number;

  constructor(private readonly options: PostgresProjectionLeasesOptions) {
    this.holder = options.holder ?? `${hostname()}:${process.pid}:${randomBytes(4).toString('hex')}`;
    this.heartbeatMs = options.heartbeatMs ?? 1000;
    this.heartbeatTimeoutMs = options.heartbeatTimeoutMs ?? 10_000;
  }

  async tryAcquire(name: ProjectionName): Promise<ProjectionLease | undefined> {
    if (this.closed) throw new Error('The projection leases are closed');
    const session = this.currentSession();
    await session.ready;
    if (session.dead) throw new Error('The lease connection ended');
    if (session.held.has(name) || session.acquiring.has(name)) return undefined;
    session.acquiring.add(name);
    try {
      const key = advisoryKey(`projection:${name}`);
      const locked = await query<{ locked: boolean }>(
        session,
        'SELECT pg_try_advisory_lock($1::bigint) AS locked',
        [key],
      );
      if (!locked.rows[0]?.locked) return undefined;
      // Should this fail, the catch below ends the session, and the lock with it.
      const fence = await this.nextFence(session, name);
      // The connection may have ended while the fence was being taken: the lock went with it.
      if (session.dead) return undefined;
      const lease = new HeldLease(name, fence, async () => {
        if (session.held.get(name) === lease) session.held.delete(name);
        await this.unlock(session, key).catch((error: unknown) => {
          // Still locked, perhaps: ending the session is the sure way to let it go.
          this.killSession(session, `a lease could not be released: ${String(error)}`);
          throw error;
        });
      });
      session.held.set(name, lease);
      return lease;
    } catch (error) {
      // A query that failed or timed out leaves the session's locks in doubt: give them all up.
      this.killSession(
        session,
        `a lease query failed: ${error instanceof Error ? error.message : String(error)}`,
      );
      throw error;
    } finally {
      session.acquiring.delete(name);
    }
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    const session = this.session;
    this.session = undefined;
    if (!session) return;
    await session.ready.catch(() => undefined);
    for (const lease of [...session.held.values()]) await lease.release().catch(() => undefined);
    this.endSession(session, 'the leases were closed');
    await session.client.end().catch(() => undefined);
  }

  /** Nest calls this for the provider on shutdown, after the runner released what it held. */
  async onApplicationShutdown(): Promise<void> {
    await this.close();
  }

  private async nextFence(session: Session, name: ProjectionName): Promise<number> {
    const result = await query<{ fence: string }>(
      session,
      `INSERT INTO projection_leases (name, fence, holder, acquired_at) VALUES ($1, 1, $2, now())
       ON CONFLICT (name) DO UPDATE
         SET fence = projection_leases.fence + 1, holder = EXCLUDED.holder, acquired_at = EXCLUDED.acquired_at
       RETURNING fence`,
      [name, this.holder],
    );
    const fence = Number(result.rows[0]?.fence);
    if (!Number.isSafeInteger(fence) || fence < 1) throw new Error(`Unexpected fence for ${name}: ${fence}`);
    return fence;
  }

  private async unlock(session: Session, key: string): Promise<void> {
    if (session.dead) return;
    await query(session, 'SELECT pg_advisory_unlock($1::bigint)', [key]);
  }

  private currentSession(): Session {
    if (this.session && !this.session.dead) return this.session;
    const client = new Client({
      connectionString: this.options.connectionString,
      application_name: 'licences-projector-leases',
      keepAlive: true,
      // A server that stops answering must not leave a try hanging: it fails and is tried again.
      connectionTimeoutMillis: QUERY_TIMEOUT_MS,
      query_timeout: QUERY_TIMEOUT_MS,
    });
    const session: Session = {
      client,
      held: new Map(),
      acquiring: new Set(),
      dead: false,
      ready: Promise.resolve(),
      queue: Promise.resolve(),
    };
    // Without a listener an error on an idle client would end the process.
    client.on('error', (error) => this.endSession(session, `the lease connection failed: ${error.message}`));
    client.on('end', () => this.endSession(session, 'the lease connection ended'));
    const ready = client
      .connect()
      .then(() => migrateLeaseTables(client))
      .catch((error: unknown) => {
        this.endSession(session, String(error));
        void client.end().catch(() => undefined);
        throw error;
      });
    session.ready = ready;
    session.queue = ready.catch(() => undefined);
    this.session = session;
    this.startHeartbeat(session);
    return session;
  }

  /** Checks the connection while it holds leases, so that a silent loss is noticed within seconds. */
  private startHeartbeat(session: Session): void {
    const beat = setInterval(() => {
      if (session.dead || session.held.size === 0) return;
      let answered = false;
      const timeout = setTimeout(() => {
        if (!answered) this.killSession(session, 'the lease connection stopped answering');
      }, this.heartbeatTimeoutMs);
      query(session, 'SELECT 1').then(
        () => {
          answered = true;
          clearTimeout(timeout);
        },
        (error: unknown) => {
          answered = true;
          clearTimeout(timeout);
          this.killSession(session, `the lease connection failed: ${String(error)}`);
        },
      );
    }, this.heartbeatMs);
    beat.unref();
    session.heartbeat = beat;
  }

  private killSession(session: Session, reason: string): void {
    this.endSession(session, reason);
    // Ending our side makes the server end the session and free its locks for the next holder.
    void session.client.end().catch(() => undefined);
  }

  private endSession(session: Session, reason: string): void {
    if (session.dead) return;
    session.dead = true;
    clearInterval(session.heartbeat);
    if (this.session === session) this.session = undefined;
    for (const lease of session.held.values()) lease.markLost(reason);
    session.held.clear();
  }
}
