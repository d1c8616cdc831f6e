import type { Request } from 'express';

const COMMAND = Symbol('licences.command');

interface MarkedRequest {
  [COMMAND]?: string;
}

/** Notes which command a request sends, so that its answer is counted under the command's type. */
export function markCommand(request: Request, type: string): void {
  (request as MarkedRequest)[COMMAND] = type;
}

/** The command a request sent, if it came that far. */
export function commandOf(request: Request): string | undefined {
  return (request as MarkedRequest)[COMMAND];
}
