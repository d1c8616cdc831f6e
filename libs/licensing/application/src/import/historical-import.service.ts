import { createHash } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { EVENT_STORE, WrongExpectedRevisionError } from '@licences/event-store';
import type { EventStore, NewEvent } from '@licences/event-store';
import { DomainError } from '@licences/licensing-domain';
import type { ValidityPolicy } from '@licences/licensing-domain';
import { licenceStreamId, toNewEvent } from '../events/licence-event.codec';
import { stableId, VALIDITY_POLICY } from '../licence-command.executor';
import { CLOCK } from '../ports/clock.port';
import type { Clock } from '../ports/clock.port';
import { HistoricalCaseFold } from './historical-case.fold';
import { parseHistoricalLine } from './historical-line.parser';
import { ImportRefusal } from './import.types';
import type {
  HistoricalLine,
  ImportOptions,
  ImportProgress,
  ImportReport,
  LineSource,
  RefusedCase,
} from './import.types';

/** What the check pass keeps per case: its lines and verdict, not its events (memory stays flat). */
interface CaseCheck {
  readonly lines: number[];
  fold: HistoricalCaseFold | undefined;
  refusal?: Failure;
}

interface Failure {
  readonly line: number;
  readonly type?: string;
  readonly error: ImportRefusal | DomainError;
}

/** A case being imported: its events so far; appended when its last line is reached. */
interface OpenCase {
  readonly fold: HistoricalCaseFold;
  readonly events: NewEvent[];
}

const PROGRESS_EVERY = 500;
const MAX_ATTEMPTS = 3;

/** Raised when the file read in the import pass is not the one the check pass validated. */
export class ImportSourceChangedError extends Error {
  constructor() {
    super('The file changed while it was being imported; run the import again');
  }
}

/**
 * Imports decisions taken before the system existed (issue 5). Two passes over the lines:
 * the check pass folds every case through the real decider and hashes the file (the import id);
 * the import pass decides the accepted cases again, each appended whole when its last line is
 * read, so only cases whose lines interleave are held in memory at once.
 *
 * Event ids derive from each case's canonical lines, so re-running a history appends nothing;
 * a case the store already holds with other events is refused, never merged.
 */
@Injectable()
export class HistoricalImportService {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(VALIDITY_POLICY) private readonly policy: ValidityPolicy,
  ) {}

  async run(source: LineSource, options: ImportOptions = {}): Promise<ImportReport> {
    const importedAt = this.clock.now();
    const report = options.onProgress ?? (() => undefined);
    const checked = await this.check(source, importedAt, (linesRead, seen) =>
      report({ phase: 'check', linesRead, casesDone: seen, casesTotal: seen }),
    );
    const refused: RefusedCase[] = [...checked.orphans];
    for (const [caseId, check] of checked.cases) {
      if (check.refusal) refused.push(refusalOf(caseId, check.lines, check.refusal));
    }
    const tally = await this.importAccepted(source, importedAt, checked, refused, report);
    refused.sort((a, b) => a.line - b.line);
    const position = await this.store.headPosition();
    return { importId: checked.importId, lines: checked.lines, ...tally, refused, position };
  }

  /** The import pass: the accepted cases decided again, each appended whole at its last line. */
  private async importAccepted(
    source: LineSource,
    importedAt: Date,
    { cases, importId, lines }: Awaited<ReturnType<HistoricalImportService['check']>>,
    refused: RefusedCase[],
    report: (progress: ImportProgress) => void,
  ) {
    const lastLines = new Map<number, string>();
    for (const [caseId, check] of cases)
      if (!check.refusal) lastLines.set(check.lines.at(-1) as number, caseId);
    const tally = { accepted: 0, alreadyImported: 0, eventsAppended: 0 };
    const casesTotal = lastLines.size;
    let casesDone = 0;
    const open = new Map<string, OpenCase>();
    const hash = createHash('sha256');
    let n = 0;
    for await (const text of source()) {
      n += 1;
      hash.update(`${text}\n`);
      if (n % PROGRESS_EVERY === 0) report({ phase: 'import', linesRead: n, casesDone, casesTotal });
      if (text.trim() === '') continue;
      const parsed = parseHistoricalLine(text, n);
      if (!parsed.ok || cases.get(parsed.line.caseId)?.refusal) continue;
      const { caseId } = parsed.line;
      const current = open.get(caseId) ?? {
        fold: new HistoricalCaseFold(this.policy, importedAt),
        events: [],
      };
      open.set(caseId, current);
      current.events.push(this.eventOf(current, parsed.line, importId));
      if (lastLines.get(n) !== caseId) continue;
      open.delete(caseId);
      const outcome = await this.appendCase(caseId, current.events);
      casesDone += 1;
      if (outcome.kind === 'refused') {
        const caseLines = cases.get(caseId)?.lines ?? [];
        refused.push(refusalOf(caseId, caseLines, { line: caseLines[0] as number, error: outcome.error }));
      } else if (outcome.appended === 0) {
        tally.alreadyImported += 1;
      } else {
        tally.accepted += 1;
        tally.eventsAppended += outcome.appended;
      }
    }
    if (open.size > 0 || n !== lines || hash.digest('hex') !== importId) throw new ImportSourceChangedError();
    report({ phase: 'import', linesRead: n, casesDone, casesTotal });
    return tally;
  }

  /** The check pass: every line parsed, every case folded, the file hashed. */
  private async check(
    source: LineSource,
    importedAt: Date,
    progress: (linesRead: number, cases: number) => void,
  ) {
    const cases = new Map<string, CaseCheck>();
    const orphans: RefusedCase[] = [];
    const hash = createHash('sha256');
    let n = 0;
    for await (const text of source()) {
      n += 1;
      hash.update(`${text}\n`);
      if (n % PROGRESS_EVERY === 0) progress(n, cases.size);
      if (text.trim() === '') continue;
      const parsed = parseHistoricalLine(text, n);
      const caseId = parsed.ok ? parsed.line.caseId : parsed.caseId;
      if (caseId === null) {
        if (!parsed.ok) orphans.push(refusalOf(null, [n], { line: n, error: parsed.error }));
        continue;
      }
      let check = cases.get(caseId);
      if (!check) {
        check = { lines: [], fold: new HistoricalCaseFold(this.policy, importedAt) };
        cases.set(caseId, check);
      }
      check.lines.push(n);
      if (check.refusal) continue;
      try {
        if (!parsed.ok) throw parsed.error;
        check.fold?.apply(parsed.line);
      } catch (error) {
        if (!(error instanceof ImportRefusal || error instanceof DomainError)) throw error;
        check.refusal = { line: n, error, ...(parsed.ok && { type: parsed.line.type }) };
        check.fold = undefined;
      }
    }
    progress(n, cases.size);
    // The import pass folds the accepted cases again; their states need not stay in memory meanwhile.
    for (const check of cases.values()) check.fold = undefined;
    return { cases, orphans, importId: hash.digest('hex'), lines: n };
  }

  private eventOf(current: OpenCase, line: HistoricalLine, importId: string): NewEvent {
    const revision = current.events.length;
    return toNewEvent(
      decideAgain(current.fold, line),
      stableId(`import/${line.caseId}/${revision}/${line.canonical}`),
      {
        occurredAt: line.occurredAt,
        actor: line.actor,
        correlationId: importId,
        causationId: `import:${importId}:${line.line}`,
        imported: { importId, line: line.line },
      },
    );
  }

  /**
   * Appends a case whole. A stream that already holds these events (a re-run, or a longer
   * version of the same history) only gets what it lacks; one that holds others is refused.
   */
  private async appendCase(
    caseId: string,
    events: readonly NewEvent[],
  ): Promise<{ kind: 'stored'; appended: number } | { kind: 'refused'; error: ImportRefusal }> {
    const streamId = licenceStreamId(caseId);
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      const stored = await this.store.readStream(streamId);
      const differs = stored.findIndex((s, i) => i < events.length && s.id !== events[i]?.id);
      if (differs >= 0) {
        return {
          kind: 'refused',
          error: new ImportRefusal(
            'CASE_EXISTS',
            `The store already holds case ${caseId} with other events (from revision ${differs}); an import never merges into a case`,
          ),
        };
      }
      const missing = events.slice(stored.length);
      if (missing.length === 0) return { kind: 'stored', appended: 0 };
      try {
        await this.store.append(streamId, missing, stored.at(-1)?.revision ?? 'no-stream');
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
}

function decideAgain(fold: HistoricalCaseFold, line: HistoricalLine) {
  try {
    return fold.apply(line);
  } catch {
    // The check pass accepted this case, so only a changed file can make it fail now.
    throw new ImportSourceChangedError();
  }
}

function refusalOf(caseId: string | null, lines: number[], { line, type, error }: Failure): RefusedCase {
  // The decider knows no case before its first event; say what that means in a history.
  const message =
    error.code === 'CASE_NOT_FOUND'
      ? 'the case has no SondageRequested or Applied before this line'
      : error.message;
  const where = type === undefined ? `line ${line}` : `line ${line} (${type})`;
  return { caseId, lines, line, code: error.code, reason: `${where}: ${error.code}: ${message}` };
}
