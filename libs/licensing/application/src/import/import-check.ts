import { createHash } from 'node:crypto';
import { DomainError } from '@licences/licensing-domain';
import type { ValidityPolicy } from '@licences/licensing-domain';
import { isKnownRole, rolesThatMayRecord } from './decision-roles';
import type { EventLoopTurns } from './event-loop-turns';
import { HistoricalCaseFold } from './historical-case.fold';
import { parseHistoricalLine } from './historical-line.parser';
import { importTooManyRefusals } from './import.errors';
import { ImportRefusal, LISTED_MAX, MAX_REFUSALS } from './import.types';
import type { HistoricalLine, RefusedCase } from './import.types';
import { MAX_LINE_CHARS } from './staged-import-files';
import type { FileLines } from './staged-import-files';

/** What the check pass keeps per case: its lines and verdict; its fold only until the pass ends. */
export interface CaseCheck {
  readonly lines: number[];
  fold: HistoricalCaseFold | undefined;
  refusal?: Failure;
}

interface Failure {
  readonly line: number;
  readonly type?: string;
  readonly error: ImportRefusal | DomainError;
}

export interface CheckOutcome {
  readonly lines: number;
  readonly cases: ReadonlyMap<string, CaseCheck>;
  /** Lines whose case cannot be told; only the first LISTED_MAX are kept. */
  readonly orphans: readonly RefusedCase[];
  readonly orphanTotal: number;
  readonly sha256: string;
}

export interface CheckInput {
  readonly file: FileLines;
  readonly policy: ValidityPolicy;
  readonly cutover: Date;
  readonly turns: EventLoopTurns;
  readonly progress: (linesRead: number, cases: number) => void;
  /** Past this many refusals the file is refused whole (MAX_REFUSALS unless a test says). */
  readonly maxRefusals?: number;
}

const PROGRESS_EVERY = 500;

/**
 * Why a well-formed line may not come in at all, whatever its case: it does not lie before the
 * cut-over, or its actor's role could not take its decision live (an import must never let in a
 * decision no official of this product could take).
 */
export function admissionRefusal(line: HistoricalLine, cutover: Date): ImportRefusal | undefined {
  if (Date.parse(line.occurredAt) >= cutover.getTime()) {
    return new ImportRefusal(
      'OCCURRED_AFTER_CUTOVER',
      `occurredAt ${line.occurredAt} is not before the import cut-over ${cutover.toISOString()}; decisions since then are taken in this system, not imported`,
    );
  }
  const allowed = rolesThatMayRecord(line.type);
  if (!isKnownRole(line.actor.role)) {
    return new ImportRefusal(
      'UNKNOWN_ROLE',
      `actor.role ${line.actor.role} is not a role of this system; ${line.type} is recorded by ${allowed.join(' or ')}`,
      'actor.role',
    );
  }
  if (!allowed.includes(line.actor.role)) {
    return new ImportRefusal(
      'ROLE_MAY_NOT_RECORD',
      `a ${line.actor.role} cannot record ${line.type}; only ${allowed.join(' or ')} can`,
      'actor.role',
    );
  }
  return undefined;
}

/**
 * The check pass: every line parsed, admitted and folded through the real decider per case, on
 * the cut-over as the moment of the import, so that the verdict depends only on the file, the
 * cut-over and the policy (the approval repeats it and must get the same).
 */
export async function checkFile({
  file,
  policy,
  cutover,
  turns,
  progress,
  maxRefusals = MAX_REFUSALS,
}: CheckInput): Promise<CheckOutcome> {
  const cases = new Map<string, CaseCheck>();
  const orphans: RefusedCase[] = [];
  let orphanTotal = 0;
  let refusedCases = 0;
  let n = 0;
  const tooMany = () => {
    return importTooManyRefusals(maxRefusals, n, refusalsOf({ cases, orphans, orphanTotal }).listed);
  };
  for await (const source of file.lines) {
    n += 1;
    if (n % PROGRESS_EVERY === 0) progress(n, cases.size);
    await turns.maybeYield();
    if (source.text.trim() === '') continue;
    const parsed = parseHistoricalLine(source.text, n);
    const caseId = parsed.ok ? parsed.line.caseId : parsed.caseId;
    const error = source.tooLong
      ? new ImportRefusal('LINE_TOO_LONG', `the line is longer than ${MAX_LINE_CHARS} characters`)
      : parsed.ok
        ? admissionRefusal(parsed.line, cutover)
        : parsed.error;
    if (caseId === null) {
      orphanTotal += 1;
      if (orphans.length < LISTED_MAX) orphans.push(refusalOf(null, [n], { line: n, error: error! }));
      if (orphanTotal + refusedCases > maxRefusals) throw tooMany();
      continue;
    }
    let check = cases.get(caseId);
    if (!check) {
      check = { lines: [], fold: new HistoricalCaseFold(policy, cutover) };
      cases.set(caseId, check);
    }
    check.lines.push(n);
    if (check.refusal) continue;
    try {
      if (error) throw error;
      if (parsed.ok) check.fold?.apply(parsed.line);
    } catch (failure) {
      if (!(failure instanceof ImportRefusal || failure instanceof DomainError)) throw failure;
      check.refusal = { line: n, error: failure, ...(parsed.ok && { type: parsed.line.type }) };
      check.fold = undefined;
      refusedCases += 1;
      if (orphanTotal + refusedCases > maxRefusals) throw tooMany();
    }
  }
  progress(n, cases.size);
  for (const check of cases.values()) finishCase(check, () => (refusedCases += 1));
  if (orphanTotal + refusedCases > maxRefusals) throw tooMany();
  // Later passes fold the accepted cases again; their states need not stay in memory meanwhile.
  for (const check of cases.values()) check.fold = undefined;
  return { lines: n, cases, orphans, orphanTotal, sha256: file.sha256() };
}

/** The refusals of a check, the first LISTED_MAX by line, and how many there are. */
export function refusalsOf(outcome: Pick<CheckOutcome, 'cases' | 'orphans' | 'orphanTotal'>): {
  listed: RefusedCase[];
  total: number;
} {
  const refused: RefusedCase[] = [...outcome.orphans];
  let total = outcome.orphanTotal;
  for (const [caseId, check] of outcome.cases) {
    if (!check.refusal) continue;
    total += 1;
    refused.push(refusalOf(caseId, check.lines, check.refusal));
  }
  // Orphans past the kept ones lie after them in the file, so none of them could be listed.
  return { listed: refused.sort((a, b) => a.line - b.line).slice(0, LISTED_MAX), total };
}

/** The last line of each case the check accepted, with its case: where a later pass completes it. */
export function acceptedCaseEnds(outcome: CheckOutcome): Map<number, string> {
  const ends = new Map<number, string>();
  for (const [caseId, check] of outcome.cases) if (!check.refusal) ends.set(check.lines.at(-1)!, caseId);
  return ends;
}

/** A digest of which cases the check accepted, to tell whether a later check reached the same verdict. */
export function verdictOf(outcome: CheckOutcome): string {
  const hash = createHash('sha256');
  for (const [caseId, check] of outcome.cases)
    hash.update(`${caseId}:${check.refusal ? 'refused' : 'accepted'}\n`);
  return hash.digest('hex');
}

export function refusalOf(
  caseId: string | null,
  lines: number[],
  { line, type, error }: Failure,
): RefusedCase {
  // The decider knows no case before its first event; say what that means in a history.
  const message =
    error.code === 'CASE_NOT_FOUND'
      ? 'the case has no SondageRequested or Applied before this line'
      : error.message;
  const where = type === undefined ? `line ${line}` : `line ${line} (${type})`;
  return { caseId, lines, line, code: error.code, reason: `${where}: ${error.code}: ${message}` };
}

/** Refuses a case whose history stops where a step still owes its next line. */
function finishCase(check: CaseCheck, refused: () => void): void {
  if (check.refusal || !check.fold) return;
  try {
    check.fold.finish();
  } catch (failure) {
    if (!(failure instanceof ImportRefusal)) throw failure;
    check.refusal = { line: check.lines.at(-1) as number, error: failure };
    check.fold = undefined;
    refused();
  }
}
