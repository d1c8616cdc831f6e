import { uuidOfTuple } from '@licences/event-store';
import type { LicenceCommand } from '@licences/licensing-domain';

/**
 * Every id the application derives instead of drawing at random, one namespace per purpose, all
 * listed here so that no two purposes share one. Each tuple is hashed as a whole (`uuidOfTuple`),
 * so its fields can hold any text: principal `x/y` with key `k` and principal `x` with key `y/k`
 * derive different ids. The principal is the token's `sub`; the acting role is part of the
 * request instead (see `IdempotentRequests`), so it takes no part here.
 */
export type DerivedIdTuple =
  /** The case that a registration under an idempotency key creates. */
  | readonly [namespace: 'licence-case/v1', principal: string, idempotencyKey: string]
  /** The `index`-th event that a command under an idempotency key records on a case. */
  | readonly [
      namespace: 'licence-command-event/v1',
      principal: string,
      idempotencyKey: string,
      caseId: string,
      commandType: LicenceCommand['type'],
      index: number,
    ]
  /** The stream that holds the first answer to a request under an idempotency key. */
  | readonly [namespace: 'idempotency-scope/v1', principal: string, idempotencyKey: string]
  /** An event of a historical import: the case's line at that revision, as canonical JSON. */
  | readonly [
      namespace: 'historical-import-event/v1',
      caseId: string,
      revision: number,
      canonicalLine: string,
    ]
  /** The index entry that lists a staged import. */
  | readonly [namespace: 'import-listing/v1', importId: string];

/** The UUID of a tuple: the same for the same tuple, and only for it. */
export function derivedId(tuple: DerivedIdTuple): string {
  return uuidOfTuple(tuple);
}
