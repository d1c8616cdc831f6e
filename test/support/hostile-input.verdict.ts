import type { RawAnswer } from './hostile-input.client';
import type { HostileRequest } from './hostile-input.requests';

const STABLE_CODE = /^[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)*$/;

interface ProblemBody {
  code?: unknown;
  errors?: Array<{ field?: unknown; messages?: unknown }>;
}

/** Whether `named` (an error's field) names `field` itself, or the object or list that holds it. */
function names(named: string, field: string): boolean {
  return named === field || field.startsWith(`${named}.`) || named.startsWith(`${field}.`);
}

/**
 * What is wrong with the answer to a defective request, or undefined when it is as it must be:
 * a 4xx application/problem+json with a stable code, the code the defect calls for, and, for a
 * validation problem, errors that name their fields (the defective one among them).
 */
export function faultOf(request: HostileRequest, answer: RawAnswer): string | undefined {
  if (answer.status < 400 || answer.status >= 500) return `answered ${answer.status}`;
  if (!answer.contentType.startsWith('application/problem+json')) {
    return `answered ${answer.status} as ${answer.contentType || 'no content type'}`;
  }
  let body: ProblemBody;
  try {
    body = JSON.parse(answer.text) as ProblemBody;
  } catch {
    return 'answered a problem that is no JSON';
  }
  const code = typeof body.code === 'string' ? body.code : undefined;
  if (!code || !STABLE_CODE.test(code)) return `answered without a stable code (${String(body.code)})`;
  const { codes, field } = request.expect;
  if (codes && !codes.includes(code))
    return `answered ${answer.status} ${code}, expected ${codes.join(' or ')}`;
  if (code === 'VALIDATION_FAILED' || code === 'INVALID_UTF8') {
    const fields = (body.errors ?? []).map((e) => e.field);
    if (fields.length === 0 || fields.some((f) => typeof f !== 'string' || f === '')) {
      return `${code} without the fields it refused`;
    }
    if (field && !(fields as string[]).some((named) => names(named, field))) {
      return `${code} names ${fields.join(', ')}, not ${field}`;
    }
  }
  return undefined;
}
