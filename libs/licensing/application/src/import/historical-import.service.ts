import { Inject, Injectable } from '@nestjs/common';
import { EVENT_STORE, WrongExpectedRevisionError } from '@licences/event-store';
import type { Actor, EventStore } from '@licences/event-store';
import type { ValidityPolicy } from '@licences/licensing-domain';
import { VALIDITY_POLICY } from '../licence-command.executor';
import { CLOCK } from '../ports/clock.port';
import type { Clock } from '../ports/clock.port';
import { EventLoopTurns } from './event-loop-turns';
import { ImportFileChangedError } from './import-cases';
import type { CaseWalkInput } from './import-cases';
import { checkFile, verdictOf } from './import-check';
import type { CheckOutcome } from './import-check';
import { commitStaged } from './import-commit';
import {
  ImportAlreadyDecidedError,
  ImportCommitInProgressError,
  ImportCutoverInFutureError,
  ImportCutoverMovedError,
  ImportCutoverNotConfiguredError,
  ImportDecidedByUploaderError,
  importNotFound,
  ImportVerdictChangedError,
} from './import.errors';
import {
  foldImportRecord,
  IMPORT_INDEX_STREAM,
  importStreamId,
  listedEvent,
  recordEvent,
  summaryOf,
} from './import-record';
import type { ImportRecordEvent, LoadedRecord } from './import-record';
import { reviewStaged } from './import-review';
import { IMPORT_SETTINGS } from './import-settings';
import type { ImportSettings } from './import-settings';
import { MAX_IMPORT_BYTES } from './import.types';
import type {
  ImportOptions,
  ImportProgress,
  ImportRecord,
  ImportReport,
  ImportSummary,
  ImportUpload,
} from './import.types';
import { StagedImportFiles } from './staged-import-files';

/** A staged import, and whether this upload staged it (false: the same file was staged already). */
export interface StagingOutcome {
  readonly record: ImportRecord;
  readonly created: boolean;
}

/**
 * Imports decisions taken before the system existed (issues 5 and 10), in two steps by two
 * officials. `stage` keeps the upload, checks every case against the lifecycle, the cut-over and
 * the roles, and records what approval would do; `approve`, by another admin, checks the file
 * again and appends the accepted cases; `reject` closes the import with a reason. The record of
 * each step is itself an event (see import-record.ts). Every pass streams the file and yields to
 * the event loop, so the API keeps answering while an import runs.
 */
@Injectable()
export class HistoricalImportService {
  private readonly files: StagedImportFiles;
  /** Imports this process is appending, so that a second approval does not run beside the first. */
  private readonly committing = new Set<string>();

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(VALIDITY_POLICY) private readonly policy: ValidityPolicy,
    @Inject(IMPORT_SETTINGS) private readonly settings: ImportSettings,
  ) {
    this.files = new StagedImportFiles(settings.stagingDir);
  }

  /**
   * Receives a file and checks it; appends nothing to any case. The same file staged again answers
   * its existing record, unless that was rejected: then it is checked and staged anew.
   * @throws ImportCutoverNotConfiguredError, ImportCutoverInFutureError before reading the upload;
   * ImportTooLargeError, ImportTooManyLinesError while receiving it; IMPORT_TOO_MANY_REFUSALS (a
   * DomainError) when checking it. A file refused whole leaves no record and no staged copy.
   */
  async stage(upload: ImportUpload, uploadedBy: Actor, options: ImportOptions = {}): Promise<StagingOutcome> {
    const cutover = this.cutover();
    const { importId, bytes } = await this.files.receive(upload, MAX_IMPORT_BYTES);
    const loaded = await this.load(importId);
    if (loaded.record && loaded.record.status !== 'rejected')
      return { record: loaded.record, created: false };
    const turns = new EventLoopTurns();
    const check = await this.check(importId, cutover, turns, options).catch(async (error: unknown) => {
      // A file refused whole is not staged: unless a record keeps it, nothing of it stays.
      if (!loaded.record) await this.files.remove(importId);
      throw error;
    });
    const report = await reviewStaged(
      this.store,
      this.policy,
      this.walk(importId, check, cutover, turns, options, 'review'),
      bytes,
    );
    const stagedAt = this.clock.now().toISOString();
    const round = (loaded.record?.round ?? 0) + 1;
    const staged: ImportRecordEvent = {
      type: 'ImportStaged',
      data: { round, stagedAt, uploadedBy, report, verdict: verdictOf(check) },
    };
    await this.store.append(IMPORT_INDEX_STREAM, [listedEvent(importId, uploadedBy, stagedAt)], 'any');
    try {
      await this.store.append(
        importStreamId(importId),
        [recordEvent(importId, staged, uploadedBy, stagedAt)],
        loaded.revision,
      );
    } catch (error) {
      // The same file was staged by another request meanwhile: that staging stands.
      if (!(error instanceof WrongExpectedRevisionError)) throw error;
      const again = await this.load(importId);
      if (again.record) return { record: again.record, created: false };
      throw error;
    }
    return {
      record: { importId, status: 'staged', round, stagedAt, uploadedBy, staging: report },
      created: true,
    };
  }

  /**
   * A second admin lets a staged import in: the file is checked again (it must hash and decide as
   * staged) and the accepted cases are appended. An import left `approved` by a crash is finished
   * by approving it again, under its recorded approver.
   */
  async approve(importId: string, by: Actor, options: ImportOptions = {}): Promise<ImportReport> {
    const configured = this.cutover();
    // Taken before the first await, so that a second approval in this process sees it.
    if (this.committing.has(importId)) throw new ImportCommitInProgressError(importId);
    this.committing.add(importId);
    try {
      const loaded = await this.load(importId);
      const record = this.decidable(importId, loaded, by, ['staged', 'approved']);
      const cutover = new Date(record.staging.cutover);
      if (cutover.getTime() > configured.getTime()) {
        throw new ImportCutoverMovedError(record.staging.cutover, configured);
      }
      // Checked before the approval is recorded: a file or rules that changed since staging leave it staged.
      const turns = new EventLoopTurns();
      const check = await this.check(importId, cutover, turns, options);
      if (verdictOf(check) !== loaded.verdict) throw new ImportVerdictChangedError(importId);
      let { revision } = loaded;
      let approvedBy = record.approvedBy;
      if (record.status === 'staged' || !approvedBy) {
        const approvedAt = this.clock.now().toISOString();
        approvedBy = by;
        const approved: ImportRecordEvent = {
          type: 'ImportApproved',
          data: { round: record.round, approvedAt, approvedBy },
        };
        revision = await this.appendDecision(importId, approved, by, approvedAt, revision);
      }
      const walk = this.walk(importId, check, cutover, turns, options, 'import');
      const report = await commitStaged({
        store: this.store,
        walk,
        turns,
        uploadedBy: record.uploadedBy,
        approvedBy,
      });
      const committedAt = this.clock.now().toISOString();
      const committed: ImportRecordEvent = {
        type: 'ImportCommitted',
        data: { round: record.round, committedAt, report },
      };
      await this.appendDecision(importId, committed, by, committedAt, revision);
      return report;
    } finally {
      this.committing.delete(importId);
    }
  }

  /** A second admin closes a staged import with a reason; nothing is appended to any case. */
  async reject(importId: string, by: Actor, reason: string): Promise<ImportRecord> {
    const loaded = await this.load(importId);
    const record = this.decidable(importId, loaded, by, ['staged']);
    const rejectedAt = this.clock.now().toISOString();
    const rejected: ImportRecordEvent = {
      type: 'ImportRejected',
      data: { round: record.round, rejectedAt, rejectedBy: by, reason },
    };
    await this.appendDecision(importId, rejected, by, rejectedAt, loaded.revision);
    return { ...record, status: 'rejected', rejectedAt, rejectedBy: by, rejectionReason: reason };
  }

  async get(importId: string): Promise<ImportRecord> {
    const { record } = await this.load(importId);
    if (!record) throw importNotFound(importId);
    return record;
  }

  /** Every import, newest staging first. */
  async list(): Promise<ImportSummary[]> {
    const listed = await this.store.readStream(IMPORT_INDEX_STREAM);
    const summaries: ImportSummary[] = [];
    for (const event of listed) {
      const { importId } = event.data as { importId: string };
      const { record } = await this.load(importId);
      if (record) summaries.push(summaryOf(record));
    }
    return summaries.sort((a, b) => b.stagedAt.localeCompare(a.stagedAt));
  }

  /** The configured cut-over, which must have passed. */
  private cutover(): Date {
    const { cutover } = this.settings;
    if (!cutover) throw new ImportCutoverNotConfiguredError();
    const now = this.clock.now();
    if (cutover.getTime() > now.getTime()) throw new ImportCutoverInFutureError(cutover, now);
    return cutover;
  }

  private async load(importId: string): Promise<LoadedRecord> {
    return foldImportRecord(importId, await this.store.readStream(importStreamId(importId)));
  }

  /** The record, if `by` may take the next decision on it in one of `statuses`. */
  private decidable(
    importId: string,
    { record }: LoadedRecord,
    by: Actor,
    statuses: readonly ImportRecord['status'][],
  ): ImportRecord {
    if (!record) throw importNotFound(importId);
    if (!statuses.includes(record.status)) throw new ImportAlreadyDecidedError(importId, record.status);
    if (record.uploadedBy.sub === by.sub) throw new ImportDecidedByUploaderError(importId, by.sub);
    return record;
  }

  /** Appends a step of the record at the revision it was decided on: of two racing decisions, one wins. */
  private async appendDecision(
    importId: string,
    event: ImportRecordEvent,
    by: Actor,
    at: string,
    expected: LoadedRecord['revision'],
  ): Promise<number> {
    try {
      const result = await this.store.append(
        importStreamId(importId),
        [recordEvent(importId, event, by, at)],
        expected,
      );
      return result.nextRevision;
    } catch (error) {
      if (!(error instanceof WrongExpectedRevisionError)) throw error;
      const { record } = await this.load(importId);
      throw new ImportAlreadyDecidedError(importId, record?.status ?? 'staged');
    }
  }

  private async check(
    importId: string,
    cutover: Date,
    turns: EventLoopTurns,
    options: ImportOptions,
  ): Promise<CheckOutcome> {
    if (!(await this.files.exists(importId))) throw new ImportFileChangedError(importId);
    const report = options.onProgress ?? (() => undefined);
    const check = await checkFile({
      file: this.files.read(importId),
      policy: this.policy,
      cutover,
      turns,
      progress: (linesRead, seen) => report({ phase: 'check', linesRead, casesDone: seen, casesTotal: seen }),
    });
    if (check.sha256 !== importId) throw new ImportFileChangedError(importId);
    return check;
  }

  private walk(
    importId: string,
    check: CheckOutcome,
    cutover: Date,
    turns: EventLoopTurns,
    options: ImportOptions,
    phase: ImportProgress['phase'],
  ): CaseWalkInput {
    const report = options.onProgress ?? (() => undefined);
    return {
      importId,
      file: this.files.read(importId),
      check,
      policy: this.policy,
      cutover,
      turns,
      progress: (linesRead, casesDone, casesTotal) => report({ phase, linesRead, casesDone, casesTotal }),
    };
  }
}
