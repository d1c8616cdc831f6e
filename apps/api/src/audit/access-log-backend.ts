import type {
  AccessLog,
  AccessLogAnchor,
  AccessLogStartDecision,
  AccessLogStartFacts,
} from '@licences/licensing-application';

export interface AccessLogInspection {
  /** The log, open, when it was there and readable; the caller owns (and closes) it. */
  readonly log: AccessLog | undefined;
  readonly facts: AccessLogStartFacts;
  readonly decision: AccessLogStartDecision;
}

/**
 * Where the access log and its anchor are kept (SQLite files in the data folder, or a PostgreSQL
 * database every replica shares), and what start-up and the acknowledgement of a lost log need to
 * do there. The start-up checks, the log's use and the acknowledgement are written once against
 * this and the ports.
 */
export interface AccessLogBackend {
  /** Where the log and its anchor are, for messages, e.g. `log /data/access-log.sqlite, anchor in licences.sqlite`. */
  readonly where: string;
  /** Opens the anchor, creating its table when needed. */
  openAnchor(): Promise<AccessLogAnchor>;
  /**
   * Runs `work` while no other process runs its own start-up or acknowledgement on the same log,
   * so that two replicas finding no log do not both start one.
   */
  exclusively<T>(work: () => Promise<T>): Promise<T>;
  /** Looks at the log without creating it, and says what start-up should do about it. */
  inspect(anchor: AccessLogAnchor, eventsHead: () => Promise<number>): Promise<AccessLogInspection>;
  /** Opens the log where inspection found none, creating it empty. */
  create(): Promise<AccessLog>;
  /**
   * Keeps the old log aside as evidence (`keptAs` names where) and opens an empty one in its place:
   * only once an operator acknowledged the old one's loss.
   */
  replace(stamp: string): Promise<{ log: AccessLog; keptAs: string | null }>;
  /**
   * Before a verification: throws AccessLogUnavailableError when the log opened is no longer the
   * one in place (a file removed under an open handle).
   */
  assertInPlace(log: AccessLog): void;
}

/** How an operator starts a new log once the old one is known to be lost. */
export const ACKNOWLEDGE_COMMAND = 'npm run access-log -- acknowledge-new --by <admin> --reason "<why>"';

/** One line: what is wrong and how an operator goes on. */
export function refusalMessage(where: string, problem: string): string {
  return (
    `${problem} (${where}); ` +
    'the API serves nothing without a log that holds every record. Once the loss is understood, ' +
    `start a new log whose first record acknowledges it: ${ACKNOWLEDGE_COMMAND}`
  );
}
