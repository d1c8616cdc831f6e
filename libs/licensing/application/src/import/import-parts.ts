import { MAX_IMPORT_BYTES, MAX_IMPORT_LINES } from './import.types';

/** How large one import file may be: the import's own limits unless a caller says. */
export interface ImportPartLimits {
  /** Bytes of the part, each line with its newline. */
  readonly maxBytes: number;
  readonly maxLines: number;
}

export const IMPORT_PART_LIMITS: ImportPartLimits = {
  maxBytes: MAX_IMPORT_BYTES,
  maxLines: MAX_IMPORT_LINES,
};

const CASE_ID = /"caseId"\s*:\s*"([^"\\]{1,100})"/;

/**
 * Cuts a history too large for one import into the files the import takes, as its
 * IMPORT_TOO_LARGE and IMPORT_TOO_MANY_LINES refusals ask: each within `limits`, each case whole in
 * one part, in the order given. `lines` are an import file's lines without their newlines, each
 * case's lines together (a line whose case cannot be read stays with the line before it, for the
 * import to refuse). Holds one part in memory at a time, and the ids of the cases already cut off.
 * @throws Error for a case whose lines alone exceed a part, or that comes back after others.
 */
export function* importParts(
  lines: Iterable<string>,
  limits: ImportPartLimits = IMPORT_PART_LIMITS,
): Generator<string[]> {
  let part: string[] = [];
  let bytes = 0;
  /** The lines of the case being read, not yet in `part`. */
  let current: string[] = [];
  let currentBytes = 0;
  let currentCase: string | undefined;
  const done = new Set<string>();
  const fits = () =>
    bytes + currentBytes <= limits.maxBytes && part.length + current.length <= limits.maxLines;
  function* closeCase(): Generator<string[]> {
    if (current.length === 0) return;
    if (currentBytes > limits.maxBytes || current.length > limits.maxLines) {
      throw new Error(`Case ${String(currentCase)} alone is larger than one import file may be`);
    }
    if (!fits()) {
      yield part;
      part = [];
      bytes = 0;
    }
    part.push(...current);
    bytes += currentBytes;
    if (currentCase !== undefined) done.add(currentCase);
    current = [];
    currentBytes = 0;
  }
  for (const line of lines) {
    const caseId = CASE_ID.exec(line)?.[1]?.toLowerCase();
    if (caseId !== undefined && caseId !== currentCase) {
      yield* closeCase();
      if (done.has(caseId))
        throw new Error(`Case ${caseId} comes back after other cases: its lines must be together`);
      currentCase = caseId;
    }
    current.push(line);
    currentBytes += Buffer.byteLength(line) + 1;
  }
  yield* closeCase();
  if (part.length > 0) yield part;
}
