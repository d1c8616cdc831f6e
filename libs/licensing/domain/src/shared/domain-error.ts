/**
 * How a broken rule should be read by a caller: a transition the lifecycle forbids in the
 * case's current state, a business rule the command breaks, an unknown case, or an official who
 * may not take this step on this case (separation of duties: whoever asked, the answer is no).
 */
export type DomainErrorKind =
  'forbidden-transition' | 'rule-violation' | 'not-found' | 'separation-of-duties';

/** A domain rule refused a command. `code` is stable: clients and the HTTP layer key on it. */
export class DomainError extends Error {
  constructor(
    readonly code: string,
    readonly kind: DomainErrorKind,
    message: string,
    readonly details: Readonly<Record<string, unknown>> = {},
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

export const forbiddenTransition = (code: string, message: string, details?: Record<string, unknown>) =>
  new DomainError(code, 'forbidden-transition', message, details);

export const ruleViolation = (code: string, message: string, details?: Record<string, unknown>) =>
  new DomainError(code, 'rule-violation', message, details);

export const separationOfDuties = (code: string, message: string, details?: Record<string, unknown>) =>
  new DomainError(code, 'separation-of-duties', message, details);
