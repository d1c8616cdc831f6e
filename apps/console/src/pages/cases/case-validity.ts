import type { Query } from '../../api/api-client';
import type { LicenceView } from '../../api/licence.types';

/** What GET /api/policy/validity answers, as far as the case page shows it. */
export interface ValidityAnswer {
  readonly months: number;
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

/** Today as a calendar date in Amsterdam, where decisions are taken. */
export function amsterdamToday(now: Date): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Amsterdam' }).format(now);
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

/**
 * The last day of a licence valid from `from` for `months` months. The policy answer gives
 * months only; this is the same calendar count as the domain's validUntilFor (a month that has
 * no such day ends on its last day), shown as an indication next to the decision.
 */
export function validUntilAfter(from: string, months: number): string {
  const [y = 0, m = 1, d = 1] = from.split('-').map(Number);
  const index = y * 12 + (m - 1) + months;
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  const lastDay = new Date(Date.UTC(year, month, 0)).getUTCDate();
  const start =
    d > lastDay ? new Date(Date.UTC(year, month - 1, lastDay + 1)) : new Date(Date.UTC(year, month - 1, d));
  start.setUTCDate(start.getUTCDate() - 1);
  return start.toISOString().slice(0, 10);
}
