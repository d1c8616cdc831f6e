import type {
  Assessment,
  CaseDetails,
  Criterion,
  Evidence,
  GoodsCategory,
  GoodsItem,
  LicenceKind,
  LocalDate,
} from '@licences/licensing-domain';
import { addDays } from '@licences/licensing-domain';
import { destinationsIn } from './destinations.catalogue';
import type { DemoDestination, DestinationGroup } from './destinations.catalogue';
import { DUAL_USE_GOODS, MILITARY_GOODS } from './goods.catalogue';
import type { DemoGoods } from './goods.catalogue';
import { weighted } from './seeded-random';
import type { SeededRandom } from './seeded-random';
import {
  APPLICANTS,
  END_USERS,
  EXTENSION_SUMMARIES,
  FINDINGS,
  ISSUE_SUMMARIES,
  REVOCATIONS,
} from './wording.catalogue';

/** What a case is about, before it is turned into the body of a registration. */
export interface ProfileChoice {
  readonly group: DestinationGroup;
  /** Forces these, where a path or an imported deviation needs them. */
  readonly country?: string;
  readonly goodsCategory?: GoodsCategory;
  readonly kind?: LicenceKind;
  readonly afterSales?: boolean;
}

const KIND_WEIGHTS: readonly (readonly [LicenceKind, number])[] = [
  ['individual', 62],
  ['global', 18],
  ['transit', 10],
  ['brokering', 10],
];

const CONTRACT_TERMS = [24, 36, 48, 60, 84, 120] as const;

/** Whole euros, rounded to tens, so that amounts look like quotes rather than noise. */
function price(random: SeededRandom, [low, high]: readonly [number, number]): number {
  return Math.max(10, Math.round(random.int(low, high) / 10) * 10);
}

/** `valueEur` is the value of the whole line, as the statistics sum it. */
function goodsItem(random: SeededRandom, goods: DemoGoods): GoodsItem {
  const quantity = random.int(goods.quantity[0], goods.quantity[1]);
  return {
    controlListEntry: goods.controlListEntry,
    description: goods.description,
    quantity,
    valueEur: quantity * price(random, goods.unitPrice),
  };
}

function goodsList(random: SeededRandom, category: GoodsCategory): GoodsItem[] {
  const catalogue = category === 'military' ? MILITARY_GOODS : DUAL_USE_GOODS;
  // About one case in eight carries a whole system or a big batch: the large-licences report.
  const large = random.chance(0.12);
  const pool = catalogue.filter((goods) => (goods.large ?? false) === large);
  return random.some(pool, random.int(1, large ? 1 : 3)).map((goods) => goodsItem(random, goods));
}

function endUser(random: SeededRandom, destination: DemoDestination, kind: LicenceKind): string {
  const industry = kind === 'brokering' || kind === 'transit' ? random.chance(0.6) : random.chance(0.2);
  return random
    .pick(industry ? END_USERS.industry : END_USERS.government)
    .replace('{country}', destination.name);
}

/** The registration body of a case: applicant, kind, goods and destination as one coherent story. */
export function caseDetails(random: SeededRandom, choice: ProfileChoice): CaseDetails {
  const destinations = destinationsIn(choice.group);
  const destination =
    destinations.find((candidate) => candidate.country === choice.country) ?? random.pick(destinations);
  // A transfer to an EU member state is no dual-use export (Regulation 2021/821 art. 2(2)).
  const goodsCategory: GoodsCategory =
    choice.goodsCategory ?? (!destination.eu && random.chance(0.25) ? 'dual-use' : 'military');
  const kind = choice.kind ?? weighted(KIND_WEIGHTS, random.next());
  const afterSales =
    choice.afterSales ??
    (goodsCategory === 'military' && (kind === 'individual' || kind === 'global') && random.chance(0.2));
  const applicants = APPLICANTS.filter((a) =>
    kind === 'brokering'
      ? a.name.includes('Brokerage')
      : a.goodsCategory === goodsCategory || a.goodsCategory === 'both',
  );
  const applicant = random.pick(applicants);
  const contract = random.chance(0.4) ? { contract: { termMonths: random.pick(CONTRACT_TERMS) } } : {};
  return {
    applicant: { name: applicant.name, chamberOfCommerceNumber: applicant.chamberOfCommerceNumber },
    kind,
    afterSales,
    goodsCategory,
    goods: goodsList(random, goodsCategory),
    destination: { country: destination.country, endUser: endUser(random, destination, kind) },
    ...contract,
  };
}

function findings(random: SeededRandom, allied: boolean): Assessment['findings'] {
  const criteria: Criterion[] = allied ? [7] : [2, 7];
  if (random.chance(0.4)) criteria.push(random.pick<Criterion>([1, 4, 8]));
  return criteria.map((criterion) => ({
    criterion,
    finding: random.pick(FINDINGS[criterion] ?? ['Assessed']),
  }));
}

export function issueAssessment(random: SeededRandom, allied: boolean): Assessment {
  return { summary: random.pick(ISSUE_SUMMARIES), findings: findings(random, allied) };
}

export function extensionAssessment(random: SeededRandom, allied: boolean): Assessment {
  return { summary: random.pick(EXTENSION_SUMMARIES), findings: findings(random, allied) };
}

/** A revocation's grounds with evidence dated between the issue and the day before the decision. */
export function revocationGrounds(random: SeededRandom, decisionDate: LocalDate, daysSinceIssue: number) {
  const template = random.pick(REVOCATIONS);
  const evidence: Evidence[] = template.evidence.map((item) => {
    const date = addDays(decisionDate, -random.int(1, Math.max(1, Math.min(45, daysSinceIssue))));
    const reference = item.reference
      .replace('{year}', date.slice(0, 4))
      .replace('{n}', String(random.int(100, 999)));
    return { title: item.title, source: item.source, date, reference };
  });
  return { circumstances: template.circumstances, criteria: [...template.criteria], evidence };
}
