import { STATUS_CODES } from 'node:http';
import type { Response } from 'express';

/** RFC 9457 problem details, with the stable `code` clients key on. */
export interface Problem {
  readonly type: string;
  readonly title: string;
  readonly status: number;
  readonly code: string;
  readonly detail: string;
  readonly instance?: string;
  readonly [extension: string]: unknown;
}

/** The HTTP reason phrase ("Forbidden", "Not Found"): the title of a problem that has no better one. */
export function reasonPhrase(status: number): string {
  return STATUS_CODES[status] ?? `HTTP ${status}`;
}

export function problem(
  status: number,
  code: string,
  title: string,
  detail?: string,
  extra: Record<string, unknown> = {},
): Problem {
  // Extensions first: a detail named like a standard member must never override it.
  return {
    ...extra,
    type: `urn:licences:problem:${code.toLowerCase().replace(/_/g, '-')}`,
    title,
    status,
    code,
    // Every problem explains itself; the title stands in when the cause gave no words.
    detail: detail || title,
  };
}

/**
 * Sends a problem for the request at `instance` (its path and query, as received). `headers`
 * carry what a client must act on beside the body, such as Retry-After.
 */
export function sendProblem(
  response: Response,
  body: Problem,
  instance: string,
  headers: Record<string, string> = {},
): void {
  for (const [name, value] of Object.entries(headers)) response.setHeader(name, value);
  response
    .status(body.status)
    .type('application/problem+json')
    .send(JSON.stringify({ ...body, instance }));
}
