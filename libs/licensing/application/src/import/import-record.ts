import { randomUUID } from 'node:crypto';
import type { Actor, NewEvent, RecordedEvent } from '@licences/event-store';
import { derivedId } from '../derived-id';
import type { ImportRecord, ImportReport, ImportSummary, StagingReport } from './import.types';

/*
 * Each import keeps its record in the event store, on a stream of its own, so that who staged
 * and who approved which file is in the same sealed log as the decisions it let in. Projections
 * read only `licence-` streams and pass these by.
 */

export const IMPORT_STREAM_PREFIX = 'import-';
/** One small event per import, so that imports can be listed without reading every stream. */
export const IMPORT_INDEX_STREAM = 'imports';

export function importStreamId(importId: string): string {
  return `${IMPORT_STREAM_PREFIX}${importId}`;
}

export interface ImportStagedData {
  readonly round: number;
  readonly stagedAt: string;
  readonly uploadedBy: Actor;
  readonly report: StagingReport;
  /** Which cases the check accepted (see `verdictOf`): the approval's check must reach the same. */
  readonly verdict: string;
}

export interface ImportApprovedData {
  readonly round: number;
  readonly approvedAt: string;
  readonly approvedBy: Actor;
}

export interface ImportRejectedData {
  readonly round: number;
  readonly rejectedAt: string;
  readonly rejectedBy: Actor;
  readonly reason: string;
}

export interface ImportCommittedData {
  readonly round: number;
  readonly committedAt: string;
  readonly report: ImportReport;
}

export type ImportRecordEvent =
  | { readonly type: 'ImportStaged'; readonly data: ImportStagedData }
  | { readonly type: 'ImportApproved'; readonly data: ImportApprovedData }
  | { readonly type: 'ImportRejected'; readonly data: ImportRejectedData }
  | { readonly type: 'ImportCommitted'; readonly data: ImportCommittedData };

export interface ImportListed {
  readonly type: 'ImportListed';
  readonly data: { readonly importId: string };
}

/** An import's record and what the next decision on it must expect of its stream. */
export interface LoadedRecord {
  readonly record: ImportRecord | undefined;
  readonly verdict: string | undefined;
  readonly revision: number | 'no-stream';
}

/** Folds an import's stream; events of an earlier, rejected round are replaced by the next staging. */
export function foldImportRecord(importId: string, events: readonly RecordedEvent[]): LoadedRecord {
  let record: ImportRecord | undefined;
  let verdict: string | undefined;
  for (const stored of events) {
    const event = { type: stored.type, data: stored.data } as ImportRecordEvent;
    switch (event.type) {
      case 'ImportStaged': {
        const { round, stagedAt, uploadedBy, report } = event.data;
        record = { importId, status: 'staged', round, stagedAt, uploadedBy, staging: report };
        verdict = event.data.verdict;
        break;
      }
      case 'ImportApproved':
        record = record && { ...record, status: 'approved', ...withoutRound(event.data) };
        break;
      case 'ImportRejected': {
        const { rejectedAt, rejectedBy, reason } = event.data;
        record = record && { ...record, status: 'rejected', rejectedAt, rejectedBy, rejectionReason: reason };
        break;
      }
      case 'ImportCommitted':
        record = record && {
          ...record,
          status: 'committed',
          committedAt: event.data.committedAt,
          commit: event.data.report,
        };
        break;
      default: {
        const unexpected: never = event;
        throw new Error(`Unknown import record event ${(unexpected as { type: string }).type}`);
      }
    }
  }
  return { record, verdict, revision: events.at(-1)?.revision ?? 'no-stream' };
}

function withoutRound<T extends { readonly round: number }>({ round: _round, ...rest }: T): Omit<T, 'round'> {
  return rest;
}

/**
 * A record event ready to append. Its id is fresh: two decisions on one import are told apart by
 * the stream revision they were taken on (the loser's append fails), not by their ids.
 */
export function recordEvent(
  importId: string,
  event: ImportRecordEvent,
  actor: Actor,
  occurredAt: string,
): NewEvent {
  return {
    id: randomUUID(),
    type: event.type,
    schemaVersion: 1,
    data: event.data,
    metadata: { occurredAt, actor, correlationId: importId, causationId: `import:${importId}` },
  };
}

/** The index entry of an import; its id derives from the import, so staging again adds none. */
export function listedEvent(importId: string, actor: Actor, occurredAt: string): NewEvent {
  const event: ImportListed = { type: 'ImportListed', data: { importId } };
  return {
    id: derivedId(['import-listing/v1', importId]),
    ...event,
    schemaVersion: 1,
    metadata: { occurredAt, actor, correlationId: importId, causationId: `import:${importId}` },
  };
}

/** An import as one line of the list of imports. */
export function summaryOf(record: ImportRecord): ImportSummary {
  const { staging } = record;
  return {
    importId: record.importId,
    status: record.status,
    stagedAt: record.stagedAt,
    uploadedBy: record.uploadedBy,
    ...(record.approvedBy && { approvedBy: record.approvedBy }),
    ...(record.rejectedBy && { rejectedBy: record.rejectedBy }),
    ...(record.committedAt && { committedAt: record.committedAt }),
    bytes: staging.bytes,
    lines: staging.lines,
    accepted: staging.accepted,
    refusedTotal: staging.refusedTotal,
    deviations: staging.findings.deviations,
  };
}
