import type { Query } from '../../api/api-client';
import type { LicenceView } from '../../api/licence.types';

/** What GET /api/policy/validity answers, as far as the case page shows it. */
export interface ValidityAnswer {
  readonly months: number;
  /** The last day of a licence issued on `on`, as the API counts it. */
  readonly validUntil: string;
  readonly ruleId: string;
  readonly policyVersion: string;
  readonly source: {
    readonly reference: string;
    readonly quote?: string;
    readonly assumption?: boolean;
    readonly note?: string;
  };
  readonly decidingDestination: string;
  readonly destinationGroups: readonly string[];
  readonly legalMaximum: { readonly ruleId: string; readonly months: number } | null;
  readonly on: string;
}

/** The policy question of a case: its destinations, goods, kind and export type, decided `on`. */
export function validityQuery(view: LicenceView, on: string): Query {
  return {
    destination: view.destinations.map((d) => d.country),
    goodsCategory: view.goodsCategory,
    kind: view.kind,
    afterSales: String(view.afterSales),
    exportType: view.exportType,
    firearmsAct: String(view.firearmsAct),
    on,
  };
}
