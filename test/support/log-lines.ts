/** One line the API or the projector logged: pino's fields and whatever the line carries. */
export interface LogLine {
  readonly level: string;
  readonly msg: string;
  readonly time: number;
  readonly context?: string;
  readonly correlationId?: string;
  readonly req?: { readonly id?: string; readonly method?: string; readonly url?: string };
  readonly res?: { readonly statusCode?: number };
  readonly [field: string]: unknown;
}

/**
 * The JSON lines of a process's stdout, parsed; throws naming the first line that is not a JSON
 * object, so that a test relying on it also checks that every line is one. A partial last line
 * (still being written) is left out.
 */
export function logLines(stdout: string): LogLine[] {
  const complete = stdout.slice(0, stdout.lastIndexOf('\n') + 1);
  return complete
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => {
      let parsed: unknown;
      try {
        parsed = JSON.parse(line);
      } catch {
        throw new Error(`Not a JSON log line: ${line}`);
      }
      if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
        throw new Error(`Not a JSON object: ${line}`);
      }
      return parsed as LogLine;
    });
}
