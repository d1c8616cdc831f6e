import { WrongExpectedRevisionError } from '@licences/event-store';
import type { EventStore, NewEvent } from '@licences/event-store';
import type { LicenceEvent, ValidityPolicy } from '@licences/licensing-domain';
import { licenceStreamId } from '../events/licence-event.codec';
import { derivedId } from '../derived-id';
import { ApplicationError } from '../application.errors';
import type { EventLoopTurns } from './event-loop-turns';
import { HistoricalCaseFold } from './historical-case.fold';
import { parseHistoricalLine } from './historical-line.parser';
import { acceptedCaseEnds } from './import-check';
import type { CheckOutcome } from './import-check';
import { ImportRefusal } from './import.types';
import type { HistoricalLine } from './import.types';
import type { FileLines } from './staged-import-files';

/**
 * One line of an accepted case, decided again: what its event needs and no more (not the line's
 * text), since every case between its first and last line is held in memory.
 */
export interface DecidedStep {
  /** The line number in the file. */
  readonly line: number;
  readonly occurredAt: string;
  readonly actor: HistoricalLine['actor'];
  readonly eventId: string;
  readonly event: LicenceEvent;
}

/** An accepted case decided again, complete: one event per line, in file order. */
export interface DecidedCase {
  readonly caseId: string;
  readonly steps: readonly DecidedStep[];
}

/** Raised when a staged file no longer reads as it did when it was checked. */
export class ImportFileChangedError extends ApplicationError {
  constructor(importId: string) {
    super(
      'IMPORT_FILE_CHANGED',
      `The staged file of import ${importId} no longer matches its hash; stage the file again`,
      { importId },
    );
  }
}

export interface CaseWalkInput {
  readonly importId: string;
  readonly file: FileLines;
  readonly check: CheckOutcome;
  readonly policy: ValidityPolicy;
  readonly cutover: Date;
  readonly turns: EventLoopTurns;
  readonly progress: (linesRead: number, casesDone: number, casesTotal: number) => void;
}

const PROGRESS_EVERY = 500;

/**
 * Reads the file again and hands out each accepted case, decided again, once its last line is
 * read: only cases whose lines interleave are held at once. The file must read exactly as it did
 * in the check, or nothing more is handed out.
 */
export async function* decidedCases(input: CaseWalkInput): AsyncGenerator<DecidedCase> {
  const { importId, file, check, policy, cutover, turns, progress } = input;
  const ends = acceptedCaseEnds(check);
  const open = new Map<string, { fold: HistoricalCaseFold; steps: DecidedStep[] }>();
  let casesDone = 0;
  let n = 0;
  for await (const source of file.lines) {
    n += 1;
    if (n % PROGRESS_EVERY === 0) progress(n, casesDone, ends.size);
    await turns.maybeYield();
    if (source.tooLong || source.text.trim() === '') continue;
    const parsed = parseHistoricalLine(source.text, n);
    if (!parsed.ok || check.cases.get(parsed.line.caseId)?.refusal) continue;
    const { caseId } = parsed.line;
    const current = open.get(caseId) ?? { fold: new HistoricalCaseFold(policy, cutover), steps: [] };
    open.set(caseId, current);
    const { line, occurredAt, actor } = parsed.line;
    current.steps.push({
      line,
      occurredAt,
      actor,
      eventId: importedEventId(parsed.line, current.steps.length),
      event: decideAgain(current.fold, parsed.line, importId),
    });
    if (ends.get(n) !== caseId) continue;
    open.delete(caseId);
    casesDone += 1;
    yield { caseId, steps: current.steps };
  }
  if (open.size > 0 || n !== check.lines || file.sha256() !== importId)
    throw new ImportFileChangedError(importId);
  progress(n, casesDone, ends.size);
}

function decideAgain(fold: HistoricalCaseFold, line: HistoricalLine, importId: string): LicenceEvent {
  try {
    return fold.apply(line);
  } catch {
    // The check accepted this case, so only a changed file can make it fail now.
    throw new ImportFileChangedError(importId);
  }
}

/** The id of an imported event: from the case's line at that revision, so a re-run appends nothing. */
export function importedEventId(line: HistoricalLine, revision: number): string {
  return derivedId(['historical-import-event/v1', line.caseId, revision, line.canonical]);
}

/** What the store holds of a case that is about to be imported. */
export type StoredCase =
  | { readonly kind: 'missing'; readonly from: number; readonly expected: number | 'no-stream' }
  | { readonly kind: 'conflict'; readonly refusal: ImportRefusal };

/**
 * Compares a case's event ids with its stream: the events the stream lacks (a new case, or a
 * shorter import of the same history), or a conflict when it holds other events.
 */
export async function storedCase(
  store: EventStore,
  caseId: string,
  ids: readonly string[],
): Promise<StoredCase> {
  const stored = await store.readStream(licenceStreamId(caseId));
  const differs = stored.findIndex((s, i) => i < ids.length && s.id !== ids[i]);
  if (differs >= 0) {
    return {
      kind: 'conflict',
      refusal: new ImportRefusal(
        'CASE_EXISTS',
        `The store already holds case ${caseId} with other events (from revision ${differs}); an import never merges into a case`,
      ),
    };
  }
  return { kind: 'missing', from: stored.length, expected: stored.at(-1)?.revision ?? 'no-stream' };
}

const MAX_ATTEMPTS = 3;

/**
 * Appends a case whole. A stream that already holds these events (a re-run, or a longer version
 * of the same history) only gets what it lacks; one that holds others is refused.
 */
export async function appendCase(
  store: EventStore,
  caseId: string,
  events: readonly NewEvent[],
): Promise<{ kind: 'stored'; appended: number } | { kind: 'refused'; error: ImportRefusal }> {
  for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
    const stored = await storedCase(
      store,
      caseId,
      events.map((e) => e.id),
    );
    if (stored.kind === 'conflict') return { kind: 'refused', error: stored.refusal };
    const missing = events.slice(stored.from);
    if (missing.length === 0) return { kind: 'stored', appended: 0 };
    try {
      await store.append(licenceStreamId(caseId), missing, stored.expected);
      return { kind: 'stored', appended: missing.length };
    } catch (error) {
      // Someone wrote to the case meanwhile: look at it again.
      if (!(error instanceof WrongExpectedRevisionError)) throw error;
    }
  }
  return {
    kind: 'refused',
    error: new ImportRefusal('CONCURRENT_MODIFICATION', `Case ${caseId} kept changing during the import`),
  };
}
