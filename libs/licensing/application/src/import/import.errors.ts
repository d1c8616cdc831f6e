import { DomainError } from '@licences/licensing-domain';
import { ApplicationError } from '../application.errors';
import type { ImportStatus, RefusedCase } from './import.types';

/** Which setting holds the cut-over, named in the refusals so that an operator knows what to set. */
export const CUTOVER_SETTING = 'LICENCES_IMPORT_CUTOVER';

export class ImportCutoverNotConfiguredError extends ApplicationError {
  constructor() {
    super(
      'IMPORT_CUTOVER_NOT_CONFIGURED',
      `Imports are refused until a cut-over is configured: set ${CUTOVER_SETTING} to the instant from which decisions are taken in this system (ISO 8601, e.g. 2025-01-01T00:00:00Z); only history before it can be imported`,
    );
  }
}

export class ImportCutoverInFutureError extends ApplicationError {
  constructor(cutover: Date, now: Date) {
    super(
      'IMPORT_CUTOVER_IN_FUTURE',
      `The configured cut-over ${cutover.toISOString()} (${CUTOVER_SETTING}) lies after now (${now.toISOString()}); a cut-over is a moment that has passed, so imports are refused until then`,
      { cutover: cutover.toISOString() },
    );
  }
}

export class ImportCutoverMovedError extends ApplicationError {
  constructor(staged: string, configured: Date) {
    super(
      'IMPORT_CUTOVER_MOVED',
      `The import was checked against the cut-over ${staged}, but ${CUTOVER_SETTING} is now ${configured.toISOString()}; stage the file again`,
      { stagedCutover: staged, cutover: configured.toISOString() },
    );
  }
}

export function importNotFound(importId: string): DomainError {
  return new DomainError('IMPORT_NOT_FOUND', 'not-found', `No staged import ${importId}`);
}

export class ImportDecidedByUploaderError extends ApplicationError {
  constructor(importId: string, sub: string) {
    super(
      'IMPORT_APPROVER_IS_UPLOADER',
      `${sub} uploaded import ${importId}; another admin must approve or reject it`,
      { importId },
    );
  }
}

export class ImportAlreadyDecidedError extends ApplicationError {
  constructor(importId: string, status: ImportStatus) {
    super('IMPORT_ALREADY_DECIDED', `Import ${importId} is ${status}; only a staged import can be decided`, {
      importId,
      importStatus: status,
    });
  }
}

export class ImportCommitInProgressError extends ApplicationError {
  constructor(importId: string) {
    super('IMPORT_COMMIT_IN_PROGRESS', `Import ${importId} is being appended right now`, { importId });
  }
}

export class ImportVerdictChangedError extends ApplicationError {
  constructor(importId: string) {
    super(
      'IMPORT_VERDICT_CHANGED',
      `Checked again, import ${importId} no longer accepts and refuses the same cases as when it was staged (the rules changed since); stage the file again`,
      { importId },
    );
  }
}

export class ImportTooLargeError extends ApplicationError {
  constructor(maxBytes: number) {
    super('IMPORT_TOO_LARGE', `An import file may hold at most ${maxBytes} bytes`, { maxBytes });
  }
}

export class ImportTooManyLinesError extends ApplicationError {
  constructor(readonly maxLines: number) {
    super(
      'IMPORT_TOO_MANY_LINES',
      `An import file may hold at most ${maxLines} lines (blank lines counted); split the history into files of at most ${maxLines} lines, each case whole in one file, and stage them one by one`,
      { maxLines },
    );
  }
}

/**
 * A file with more refusals than an answer can list is refused whole: nothing staged or appended.
 * A rule violation of the file (422), with the first refusals by line so that the cause shows.
 */
export function importTooManyRefusals(
  maxRefusals: number,
  linesRead: number,
  refused: readonly RefusedCase[],
): DomainError {
  return new DomainError(
    'IMPORT_TOO_MANY_REFUSALS',
    'rule-violation',
    `The file was refused whole: more than ${maxRefusals} of its lines or cases were refused within its first ${linesRead} lines, so it is not staged. The first ${refused.length} refusals are listed; mend the file (or check that it is the right file and format) and stage it again`,
    { maxRefusals, linesRead, refused },
  );
}
