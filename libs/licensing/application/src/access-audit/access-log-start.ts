import type { AccessLogAnchorHead } from '../ports/access-log-anchor.port';
import type { AccessLogEntry, AccessRecordKind } from '../ports/access-log.port';
import type { AccessLogReport } from './access-log-verifier';

/** What start-up found: the log file, its verification against the anchor, and the event store. */
export type AccessLogStartFacts =
  | {
      readonly log: 'missing';
      readonly anchor: AccessLogAnchorHead | null;
      /** Position of the newest event: 0 for an empty store. */
      readonly eventsHead: number;
    }
  | { readonly log: 'unreadable'; readonly error: string }
  | { readonly log: 'present'; readonly report: AccessLogReport };

export type AccessLogStartDecision =
  /** Serve with the log as it is (the anchor then catches up with its head). */
  | { readonly action: 'open' }
  /** A new installation: start a log whose first record says so. */
  | { readonly action: 'start-new'; readonly reason: string }
  /** The log is lost or damaged: refuse to serve until an operator acknowledges a new one. */
  | { readonly action: 'refuse'; readonly problem: string };

/**
 * Whether the API may serve with the access log it found. Only a brand-new installation (no
 * events, no anchor) starts a log by itself; a log that is missing, unreadable, cut short against
 * its anchor or broken is refused, since starting afresh would hide every record it held. A log
 * without an anchor (an older version kept none) is adopted: its anchor starts at its head.
 */
export function decideAccessLogStart(facts: AccessLogStartFacts): AccessLogStartDecision {
  switch (facts.log) {
    case 'missing': {
      if (facts.anchor) {
        return {
          action: 'refuse',
          problem:
            `the access log is missing, while its anchor names record ${facts.anchor.seq} ` +
            `(hash ${facts.anchor.hash})`,
        };
      }
      if (facts.eventsHead > 0) {
        return {
          action: 'refuse',
          problem: `the access log is missing, while the event store already holds events (head position ${facts.eventsHead})`,
        };
      }
      return { action: 'start-new', reason: 'new installation: no events and no access log yet' };
    }
    case 'unreadable':
      return { action: 'refuse', problem: `the access log cannot be read (${facts.error})` };
    case 'present': {
      const { report } = facts;
      if (!report.intact)
        return { action: 'refuse', problem: `the access log is damaged: ${report.summary}` };
      if (report.head === null) {
        // Empty and never anchored: a log an older version created but never wrote to.
        return { action: 'start-new', reason: 'the access log held no records and had no anchor' };
      }
      return { action: 'open' };
    }
    default: {
      const unexpected: never = facts;
      throw new Error(`Unknown access log state ${JSON.stringify(unexpected)}`);
    }
  }
}

/**
 * The first record of a log: who opened it (`system` for a new installation, the operator who
 * acknowledged a lost log), when, and in `detail` why and what was found. It answers no request,
 * so its request fields are null.
 */
export function logOpeningEntry(
  kind: Exclude<AccessRecordKind, 'access'>,
  at: string,
  sub: string,
  detail: Readonly<Record<string, unknown>>,
): AccessLogEntry {
  return {
    kind,
    at,
    sub,
    roles: [],
    role: null,
    method: null,
    route: null,
    url: null,
    caseId: null,
    status: null,
    correlationId: null,
    detail,
  };
}
