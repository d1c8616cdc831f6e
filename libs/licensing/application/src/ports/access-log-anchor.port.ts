/** The access log's head as recorded outside the log: the log may be ahead of it, never behind. */
export interface AccessLogAnchorHead {
  /** Hash of the log's first record: names the log, so that another log cannot pass for it. */
  readonly origin: string;
  readonly seq: number;
  readonly hash: string;
}

/**
 * Keeps the access log's head outside the log file (beside the events), so that a log deleted,
 * cut short or swapped for another shows at start-up instead of silently starting afresh.
 */
export interface AccessLogAnchor {
  /** The anchored head; null when no log was ever anchored here. */
  read(): Promise<AccessLogAnchorHead | null>;
  /**
   * Moves the anchor to `head` when `head` is further along the same log (same origin); otherwise
   * leaves it, so that a late or repeated write never moves it back.
   */
  advance(head: AccessLogAnchorHead): Promise<void>;
  /** Anchors a new log, whatever was anchored before: only when a log is started or acknowledged. */
  reset(head: AccessLogAnchorHead): Promise<void>;
  close(): Promise<void>;
}
