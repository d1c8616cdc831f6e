import type { LocalDate } from '../shared/local-date';
import type { CountryGroup } from '../countries';
import type { GoodsCategory, LicenceKind } from '../licence/licence.values';

/** Where a rule comes from, so that an oversight body can check it against the law. */
export interface RuleSource {
  readonly reference: string;
  readonly quote?: string;
  /** True where the brief marks the reading as an assumption rather than a stated fact. */
  readonly assumption?: boolean;
  readonly note?: string;
}

/** Which cases a rule applies to; an absent field matches anything. */
export interface RuleScope {
  readonly kinds?: readonly LicenceKind[];
  readonly goodsCategories?: readonly GoodsCategory[];
  readonly afterSales?: boolean;
  /** The destination must belong to at least one of these groups on the decision date. */
  readonly destinationGroups?: readonly CountryGroup[];
  /** Destinations the rule never applies to, whatever their groups. */
  readonly exceptCountries?: readonly string[];
}

export interface ValidityRule {
  readonly id: string;
  readonly description: string;
  readonly months: number;
  /** First decision date on which the rule applies; absent: always. */
  readonly inForceFrom?: LocalDate;
  /** Last decision date on which the rule applies; absent: still in force. */
  readonly inForceUntil?: LocalDate;
  readonly scope: RuleScope;
  readonly source: RuleSource;
}

export interface ValidityPolicy {
  readonly id: string;
  readonly title: string;
  readonly rules: readonly ValidityRule[];
}

/**
 * Dutch national policy on the validity of export licences, as stated in the letter of
 * 25 November 2024 (BZ2408569, Kamerstuk 22054-438). Rows are dated: the rule that applies is
 * the one in force on the decision date, and where several rows apply the longest period wins.
 */
export const DUTCH_VALIDITY_POLICY: ValidityPolicy = {
  id: 'nl-export-licence-validity',
  title: 'Geldigheidsduur exportvergunningen militaire en dual-use goederen',
  rules: [
    {
      id: 'allies',
      description:
        'Individual or global export licence for military goods to an EU, NATO or NATO+ destination, except Turkey',
      months: 36,
      inForceFrom: '2019-04-17' as LocalDate,
      scope: {
        kinds: ['individual', 'global'],
        goodsCategories: ['military'],
        destinationGroups: ['EU', 'NATO', 'NATO+'],
        exceptCountries: ['TR'],
      },
      source: {
        reference: 'Kamerstuk 22054-311 (2019-04-17); letter BZ2408569 (Kamerstuk 22054-438)',
        quote:
          'een al van toepassing zijnde geldigheidsduur van drie jaar voor individuele en globale vergunningen voor export van militaire goederen naar EU- en NAVO(+)-landen met uitzondering van Turkije',
        note: 'In-force date as found, not verified in the full text of 22054-311.',
      },
    },
    {
      id: 'after-sales',
      description:
        'After-sales export licence (maintenance, spare parts) for military goods, any destination',
      months: 36,
      inForceFrom: '2023-04-18' as LocalDate,
      scope: { kinds: ['individual', 'global'], goodsCategories: ['military'], afterSales: true },
      source: {
        reference: 'Kamerstuk 22054-388 (2023-04-18); letter BZ2408569 (Kamerstuk 22054-438)',
        quote: 'is voor after-sales vergunningen de looptijd verlengd van één tot drie jaar',
      },
    },
    {
      id: 'default',
      description: 'Every other licence: non-allied destinations, Turkey, transit, brokering, dual-use',
      months: 12,
      scope: {},
      source: {
        reference: 'letter BZ2408569 (Kamerstuk 22054-438)',
        quote:
          'Voor de overige vormen van export (naar niet-EU- en NAVO[+]landen) blijft de geldigheidsduur één jaar.',
        assumption: true,
        note: 'That dual-use, transit and brokering licences fall under this row is an assumption of the brief.',
      },
    },
  ],
};
