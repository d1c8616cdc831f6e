import { Inject } from '@nestjs/common';
import { QueryHandler } from '@nestjs/cqrs';
import type { IQuery, IQueryHandler } from '@nestjs/cqrs';
import { VALIDITY_POLICY } from '@licences/licensing-application';
import { policyVersions } from '@licences/licensing-domain';
import type { LocalDate, ValidityPolicy, ValidityRule } from '@licences/licensing-domain';

export class GetPolicyVersionsQuery implements IQuery {}

export interface PolicyVersionView {
  readonly version: string;
  /** Null for the initial version, in force before the first dated row. */
  readonly inForceFrom: LocalDate | null;
  readonly inForceUntil?: LocalDate;
  readonly rows: readonly Pick<
    ValidityRule,
    'id' | 'description' | 'effect' | 'months' | 'scope' | 'source'
  >[];
}

/** Every version of the validity table, so that a recorded `policyVersion` can be looked up. */
@QueryHandler(GetPolicyVersionsQuery)
export class GetPolicyVersionsHandler implements IQueryHandler<GetPolicyVersionsQuery, PolicyVersionView[]> {
  constructor(@Inject(VALIDITY_POLICY) private readonly policy: ValidityPolicy) {}

  execute(): Promise<PolicyVersionView[]> {
    return Promise.resolve(
      policyVersions(this.policy).map((version) => ({
        ...version,
        // The version's dates say when a row applied; the row's own dates would only repeat them.
        rows: version.rows.map(({ id, description, effect, months, scope, source }) => ({
          id,
          description,
          effect,
          months,
          scope,
          source,
        })),
      })),
    );
  }
}
