import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { decideAccessLogStart, verifyAccessLog } from '@licences/licensing-application';
import type { AccessLogAnchor, AccessLogStartFacts } from '@licences/licensing-application';
import { SqliteAccessLog } from '@licences/licensing-sqlite';
import type { EventStoreConfig } from '../config/app-config';
import type { AccessLogInspection } from './access-log-backend';

export { ACKNOWLEDGE_COMMAND } from './access-log-backend';

/** Where the access log and its anchor live. */
export interface AccessLogLocation {
  readonly logFile: string;
  /** A file of its own beside the log: the event store's, when the events are in SQLite. */
  readonly anchorFile: string;
}

/**
 * The anchor sits with the events, which are kept and backed up whatever happens to the log. With
 * EventStoreDB there is no local event file; the read models' file is the other file kept in the
 * data folder, a weaker place (it can be rebuilt away), noted in docs/architecture.md.
 */
export function accessLogLocation(
  dataDir: string,
  eventStore: EventStoreConfig | undefined,
): AccessLogLocation {
  const inEsdb = eventStore?.kind === 'esdb';
  return {
    logFile: join(dataDir, 'access-log.sqlite'),
    anchorFile: join(dataDir, inEsdb ? 'read-models.sqlite' : 'licences.sqlite'),
  };
}

/**
 * Looks at the log without creating it: whether it is there and readable, its chain against the
 * anchor, and what start-up should do about it. The caller owns (and closes) the opened log.
 */
export async function inspectAccessLog(
  location: AccessLogLocation,
  anchor: AccessLogAnchor,
  eventsHead: () => Promise<number>,
): Promise<AccessLogInspection> {
  const anchored = await anchor.read();
  const inspected = (facts: AccessLogStartFacts, log?: SqliteAccessLog): AccessLogInspection => ({
    log,
    facts,
    decision: decideAccessLogStart(facts),
  });
  if (!existsSync(location.logFile)) {
    return inspected({ log: 'missing', anchor: anchored, eventsHead: await eventsHead() });
  }
  let log: SqliteAccessLog | undefined;
  try {
    log = SqliteAccessLog.open(location.logFile, { mustExist: true });
    return inspected({ log: 'present', report: await verifyAccessLog(log, anchored) }, log);
  } catch (error) {
    // A file cut short mid-page reads as "not a database" or "malformed".
    await log?.close();
    return inspected({ log: 'unreadable', error: error instanceof Error ? error.message : String(error) });
  }
}
