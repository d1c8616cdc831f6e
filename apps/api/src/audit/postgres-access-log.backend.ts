import { verifyAccessLog, decideAccessLogStart } from '@licences/licensing-application';
import type { AccessLog, AccessLogAnchor, AccessLogStartFacts } from '@licences/licensing-application';
import {
  PostgresAccessLog,
  PostgresAccessLogAnchor,
  withAuditStartUpLock,
} from '@licences/licensing-postgres';
import type { AccessLogBackend, AccessLogInspection } from './access-log-backend';

/**
 * The access log and its anchor in the PostgreSQL database every API replica shares
 * (LICENCES_READ_STORE=postgres). The anchor is in the same database as the log, a weaker
 * separation than SQLite's anchor beside the events; start-up still tells a dropped, emptied or
 * cut log (or a swapped database while events exist) from a good one.
 */
export class PostgresAccessLogBackend implements AccessLogBackend {
  readonly where: string;

  constructor(private readonly connectionString: string) {
    this.where = `log and anchor in the PostgreSQL database ${databaseName(connectionString)}`;
  }

  openAnchor(): Promise<AccessLogAnchor> {
    return PostgresAccessLogAnchor.open({ connectionString: this.connectionString });
  }

  exclusively<T>(work: () => Promise<T>): Promise<T> {
    return withAuditStartUpLock(this.connectionString, work);
  }

  /**
   * A log table that is gone, or empty while nothing was ever anchored, counts as missing: then
   * only a brand-new installation (no events) starts a log by itself, so that pointing the API at
   * an empty database does not silently start afresh beside existing decisions.
   */
  async inspect(anchor: AccessLogAnchor, eventsHead: () => Promise<number>): Promise<AccessLogInspection> {
    const anchored = await anchor.read();
    const inspected = (facts: AccessLogStartFacts, log?: AccessLog): AccessLogInspection => ({
      log,
      facts,
      decision: decideAccessLogStart(facts),
    });
    const log = await PostgresAccessLog.open({ connectionString: this.connectionString });
    try {
      if (!(await log.exists()) || (!anchored && !(await log.head()))) {
        await log.close();
        return inspected({ log: 'missing', anchor: anchored, eventsHead: await eventsHead() });
      }
      return inspected({ log: 'present', report: await verifyAccessLog(log, anchored) }, log);
    } catch (error) {
      await log.close();
      return inspected({ log: 'unreadable', error: error instanceof Error ? error.message : String(error) });
    }
  }

  async create(): Promise<AccessLog> {
    const log = await PostgresAccessLog.open({ connectionString: this.connectionString });
    try {
      await log.createIfMissing();
      return log;
    } catch (error) {
      await log.close();
      throw error;
    }
  }

  /** The old table moves, whole, into a schema of its own named after `stamp`. */
  async replace(stamp: string): Promise<{ log: AccessLog; keptAs: string | null }> {
    const log = await PostgresAccessLog.open({ connectionString: this.connectionString });
    try {
      const keptAs = await log.replaceWithEmptyLog(stamp);
      return { log, keptAs };
    } catch (error) {
      await log.close();
      throw error;
    }
  }

  /** A table cannot be swapped under a connection unnoticed: a missing one fails every query. */
  assertInPlace(): void {
    return undefined;
  }
}

/** The database's name only: the connection string may carry a password. */
function databaseName(connectionString: string): string {
  try {
    const url = new URL(connectionString);
    return `${url.pathname.replace(/^\//, '') || '(default)'} on ${url.hostname}${url.port ? `:${url.port}` : ''}`;
  } catch {
    return '(unparsable DATABASE_URL)';
  }
}
