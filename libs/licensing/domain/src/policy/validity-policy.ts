import type { LocalDate } from '../shared/local-date';
import type { CountryGroup } from '../countries';
import type { ExportType, GoodsCategory, LicenceKind } from '../licence/licence.values';

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
  readonly exportTypes?: readonly ExportType[];
  readonly firearmsAct?: boolean;
  /** The destination must belong to at least one of these groups on the decision date. */
  readonly destinationGroups?: readonly CountryGroup[];
  /** Destinations the rule never applies to, whatever their groups. */
  readonly exceptCountries?: readonly string[];
}

/**
 * What a row does with its months:
 * - `period`: a candidate; of the candidates that match, the longest wins;
 * - `limit`: a ceiling on the period, whatever candidate won (one year for temporary exports,
 *   transit and firearms-act licences, even to allies);
 * - `legal-maximum`: a ceiling set by law on the whole validity, from validFrom to the last day,
 *   that neither an issue nor any extension may pass.
 */
export const RULE_EFFECTS = ['period', 'limit', 'legal-maximum'] as const;
export type RuleEffect = (typeof RULE_EFFECTS)[number];

export interface ValidityRule {
  readonly id: string;
  readonly description: string;
  readonly effect: RuleEffect;
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

const ALLIED_RULE_DATE = '2019-04-17' as LocalDate;
const KST_388 = 'Kamerstuk 22054-388 (2023-04-18)';
const ONE_YEAR_STAYS_NOTE =
  '22054-388 says these licences stay ("blijven") at one year: read as never having been covered by the three-year rule of 22054-311, so the limit holds from that rule\'s date. Assumption: the in-force date is not verified in the full text.';

/**
 * Dutch national policy on the validity of export licences, as stated in the letter of
 * 25 November 2024 (BZ2408569, Kamerstuk 22054-438) and the letters and regulation it rests on.
 * Rows are dated: the rows that apply are those in force on the decision date. For several
 * destinations every destination is judged on its own and the least favourable decides.
 */
export const DUTCH_VALIDITY_POLICY: ValidityPolicy = {
  id: 'nl-export-licence-validity',
  title: 'Geldigheidsduur exportvergunningen militaire en dual-use goederen',
  rules: [
    {
      id: 'allies',
      description:
        'Individual or global export licence for military goods to an EU, NATO or NATO+ destination, except Turkey',
      effect: 'period',
      months: 36,
      inForceFrom: ALLIED_RULE_DATE,
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
      id: 'brokering-within-eu',
      description: 'Brokering (tussenhandel) licence for military goods to a destination within the EU',
      effect: 'period',
      months: 36,
      inForceFrom: ALLIED_RULE_DATE,
      scope: { kinds: ['brokering'], goodsCategories: ['military'], destinationGroups: ['EU'] },
      source: {
        reference: `${KST_388}, citing Kamerstuk 22054-311 (2019-04-17)`,
        quote: '(met inbegrip van after sales en tussenhandel binnen de EU)',
        assumption: true,
        note: '"Binnen de EU" is read as: the destination is an EU member state on the decision date. The row holds from the date of the three-year rule it was part of (22054-311); that date is as found.',
      },
    },
    {
      id: 'after-sales',
      description:
        'After-sales export licence (maintenance, spare parts) for military goods, any destination',
      effect: 'period',
      months: 36,
      inForceFrom: '2023-04-18' as LocalDate,
      scope: { kinds: ['individual', 'global'], goodsCategories: ['military'], afterSales: true },
      source: {
        reference: `${KST_388}; letter BZ2408569 (Kamerstuk 22054-438)`,
        quote: 'is voor after-sales vergunningen de looptijd verlengd van één tot drie jaar',
      },
    },
    {
      id: 'dual-use-national-practice',
      description: 'Dual-use export authorisation (individual or global): national practice of one year',
      effect: 'period',
      months: 12,
      scope: { goodsCategories: ['dual-use'] },
      source: {
        reference: 'national practice (brief); within Regulation (EU) 2021/821 art. 12',
        assumption: true,
        note: "No source states the national period for dual-use; one year is the brief's assumption. It is a period, never beyond the legal maximum of the regulation.",
      },
    },
    {
      id: 'default',
      description: 'Every other licence: non-allied destinations, Turkey, brokering outside the EU, transit',
      effect: 'period',
      months: 12,
      scope: {},
      source: {
        reference: 'letter BZ2408569 (Kamerstuk 22054-438)',
        quote:
          'Voor de overige vormen van export (naar niet-EU- en NAVO[+]landen) blijft de geldigheidsduur één jaar.',
        assumption: true,
        note: 'That transit and brokering outside the EU fall under this row is an assumption of the brief.',
      },
    },
    {
      id: 'temporary-export-one-year',
      description: 'Temporary export (trade fair, demonstration, repair, testing): one year, even to allies',
      effect: 'limit',
      months: 12,
      inForceFrom: ALLIED_RULE_DATE,
      scope: { exportTypes: ['temporary'] },
      source: {
        reference: KST_388,
        quote: 'aanvragen voor beurzen',
        assumption: true,
        note: ONE_YEAR_STAYS_NOTE,
      },
    },
    {
      id: 'transit-one-year',
      description: 'Transit licence to a third country: one year, even to allies',
      effect: 'limit',
      months: 12,
      inForceFrom: ALLIED_RULE_DATE,
      scope: { kinds: ['transit'] },
      source: {
        reference: KST_388,
        assumption: true,
        note: `${ONE_YEAR_STAYS_NOTE} Every transit licence is held to it: transit to an EU member state is a transfer, not transit.`,
      },
    },
    {
      id: 'firearms-act-one-year',
      description:
        'Licence partly governed by the Wet wapens en munitie (firearms): one year, even to allies',
      effect: 'limit',
      months: 12,
      inForceFrom: ALLIED_RULE_DATE,
      scope: { firearmsAct: true },
      source: {
        reference: `${KST_388}; Wet wapens en munitie`,
        assumption: true,
        note: ONE_YEAR_STAYS_NOTE,
      },
    },
    {
      id: 'dual-use-eu-maximum',
      description: 'Dual-use individual or global export authorisation: valid for up to two years',
      effect: 'legal-maximum',
      months: 24,
      inForceFrom: '2021-09-09' as LocalDate,
      scope: { kinds: ['individual', 'global'], goodsCategories: ['dual-use'] },
      source: {
        reference: 'Regulation (EU) 2021/821, art. 12(2) (applicable from 2021-09-09)',
        quote: 'Individual and global export authorisations shall be valid for up to two years',
        note: 'The regulation lets the authority decide otherwise; this system records no such decision, so two years is the ceiling of the whole validity, extensions included.',
      },
    },
  ],
};
