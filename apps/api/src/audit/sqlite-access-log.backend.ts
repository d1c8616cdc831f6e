import { existsSync, renameSync } from 'node:fs';
import { basename, dirname } from 'node:path';
import { AccessLogUnavailableError } from '@licences/licensing-application';
import type { AccessLog, AccessLogAnchor } from '@licences/licensing-application';
import { SqliteAccessLog, SqliteAccessLogAnchor } from '@licences/licensing-sqlite';
import type { AccessLogBackend, AccessLogInspection } from './access-log-backend';
import { inspectAccessLog } from './access-log-files';
import type { AccessLogLocation } from './access-log-files';

/**
 * The access log in its own SQLite file in the data folder, its anchor in another file beside it
 * (the event store's). One API per data folder: SQLite's own locks serialise the rest.
 */
export class SqliteAccessLogBackend implements AccessLogBackend {
  readonly where: string;

  constructor(private readonly location: AccessLogLocation) {
    this.where = `log ${location.logFile}, anchor in ${basename(location.anchorFile)}`;
  }

  /** The anchor's file is the event store's (or the read models'), which is there once the API ran. */
  openAnchor(): Promise<AccessLogAnchor> {
    if (!existsSync(this.location.anchorFile)) {
      return Promise.reject(
        new Error(
          `Nothing to acknowledge: there is no ${basename(this.location.anchorFile)} in ${dirname(this.location.anchorFile)} yet`,
        ),
      );
    }
    return Promise.resolve(SqliteAccessLogAnchor.open(this.location.anchorFile));
  }

  exclusively<T>(work: () => Promise<T>): Promise<T> {
    return work();
  }

  inspect(anchor: AccessLogAnchor, eventsHead: () => Promise<number>): Promise<AccessLogInspection> {
    return inspectAccessLog(this.location, anchor, eventsHead);
  }

  create(): Promise<AccessLog> {
    return Promise.resolve(SqliteAccessLog.open(this.location.logFile));
  }

  /** Moves the old file (with its WAL, which may hold its newest records) aside. */
  replace(stamp: string): Promise<{ log: AccessLog; keptAs: string | null }> {
    const { logFile } = this.location;
    let keptAs: string | null = null;
    if (existsSync(logFile)) {
      const kept = logFile.replace(/\.sqlite$/, `.replaced-${stamp}.sqlite`);
      for (const suffix of ['', '-wal', '-shm']) {
        if (existsSync(logFile + suffix)) renameSync(logFile + suffix, kept + suffix);
      }
      keptAs = kept;
    }
    return Promise.resolve({ log: SqliteAccessLog.open(logFile), keptAs });
  }

  assertInPlace(log: AccessLog): void {
    if (!(log instanceof SqliteAccessLog)) throw new AccessLogUnavailableError('not an SQLite access log');
    log.assertInPlace();
  }
}
