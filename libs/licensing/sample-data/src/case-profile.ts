import type {
  Assessment,
  CaseDetails,
  Criterion,
  Evidence,
  GoodsCategory,
  ExportType,
  GoodsItem,
  LicenceKind,
  LocalDate,
  TemporaryExportPurpose,
} from '@licences/licensing-domain';
import { addDays } from '@licences/licensing-domain';
import { destinationOf, destinationsIn } from './destinations.catalogue';
import type { DemoDestination, DestinationGroup } from './destinations.catalogue';
import { ANNEX_IV_GOODS, DUAL_USE_GOODS, MILITARY_GOODS, underFirearmsAct } from './goods.catalogue';
import type { DemoGoods } from './goods.catalogue';
import { weighted } from './seeded-random';
import type { SeededRandom } from './seeded-random';
import {
  APPLICANTS,
  END_USERS,
  EXTENSION_SUMMARIES,
  FINDINGS,
  ISSUE_SUMMARIES,
  REASSESSMENT_SUMMARIES,
  REVOCATIONS,
  TEMPORARY_END_USERS,
} from './wording.catalogue';

/** What a case is about, before it is turned into the body of a registration. */
export interface ProfileChoice {
  readonly group: DestinationGroup;
  /** Forces these, where a path or an imported deviation needs them. */
  readonly country?: string;
  readonly goodsCategory?: GoodsCategory;
  readonly kind?: LicenceKind;
  readonly afterSales?: boolean;
  readonly exportType?: ExportType;
}

const KIND_WEIGHTS: readonly (readonly [LicenceKind, number])[] = [
  ['individual', 62],
  ['global', 18],
  ['transit', 10],
  ['brokering', 10],
];

const CONTRACT_TERMS = [24, 36, 48, 60, 84, 120] as const;

/** Mostly trade fairs and demonstrations, the temporary exports Kamerstuk 22054-388 names. */
const TEMPORARY_PURPOSE_WEIGHTS: readonly (readonly [TemporaryExportPurpose, number])[] = [
  ['exhibition-or-demonstration', 70],
  ['repair', 15],
  ['testing', 15],
];

/**
 * Countries a global licence adds to its first destination, as Kamerstuk 22054-301 describes
 * them: several EU member states, or the allies beyond Europe and the EFTA states.
 */
const GLOBAL_POOLS: Partial<Record<DestinationGroup, readonly string[]>> = {
  eu: destinationsIn('eu').map((d) => d.country),
  nato: ['AU', 'CA', 'JP', 'NZ', 'NO', 'US', 'CH'],
  'nato-plus': ['AU', 'CA', 'JP', 'NZ', 'NO', 'US', 'CH'],
  'non-allied': ['AE', 'SA', 'QA', 'KW', 'SG', 'MY'],
};

/** Whole euros, rounded to tens, so that amounts look like quotes rather than noise. */
function price(random: SeededRandom, [low, high]: readonly [number, number]): number {
  return Math.max(10, Math.round(random.int(low, high) / 10) * 10);
}

/** `valueEur` is the value of the whole line, as the statistics sum it. */
function goodsItem(random: SeededRandom, goods: DemoGoods, quantity?: readonly [number, number]): GoodsItem {
  const [low, high] = quantity ?? goods.quantity;
  const count = random.int(low, Math.max(low, Math.min(high, goods.quantity[1])));
  return {
    controlListEntry: goods.controlListEntry,
    description: goods.description,
    quantity: count,
    valueEur: count * price(random, goods.unitPrice),
  };
}

/**
 * The goods of a case. Dual-use goods to an EU member state are Annex IV items only: anything
 * else is no export under Regulation 2021/821 art. 2(2). A temporary export takes a few
 * demonstration or repair items, not a batch.
 */
function goodsList(
  random: SeededRandom,
  category: GoodsCategory,
  withinEu: boolean,
  temporary: boolean,
): GoodsItem[] {
  if (category === 'dual-use' && withinEu) return [goodsItem(random, random.pick(ANNEX_IV_GOODS))];
  // Weapons and ammunition (ML1 to ML3) make about one military case in seven a firearms-act case.
  const firearms = category === 'military' && random.chance(0.15);
  const catalogue = (category === 'military' ? MILITARY_GOODS : DUAL_USE_GOODS).filter(
    (goods) => underFirearmsAct(goods.controlListEntry) === firearms,
  );
  if (temporary) {
    return random.some(catalogue, random.int(1, 2)).map((goods) => goodsItem(random, goods, [1, 3]));
  }
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

function temporaryEndUser(
  random: SeededRandom,
  destination: DemoDestination,
  purpose: TemporaryExportPurpose,
): string {
  const fairs = TEMPORARY_END_USERS['exhibition-or-demonstration'];
  const options: readonly string[] =
    purpose === 'exhibition-or-demonstration'
      ? (fairs[destination.country as keyof typeof fairs] ?? fairs['*'])
      : purpose === 'repair'
        ? TEMPORARY_END_USERS.repair
        : TEMPORARY_END_USERS.testing;
  return random.pick(options).replace('{country}', destination.name);
}

/** The first destination, and for about half the global licences a few more from the same part of the world. */
function destinationsOf(random: SeededRandom, choice: ProfileChoice, kind: LicenceKind): DemoDestination[] {
  const candidates = destinationsIn(choice.group);
  const first =
    candidates.find((candidate) => candidate.country === choice.country) ?? random.pick(candidates);
  const pool = GLOBAL_POOLS[choice.group]?.filter((country) => country !== first.country);
  if (kind !== 'global' || choice.country || !pool || !random.chance(0.55)) return [first];
  return [first, ...random.some(pool, random.int(1, Math.min(5, pool.length))).map(destinationOf)];
}

/** The registration body of a case: applicant, kind, goods and destinations as one coherent story. */
export function caseDetails(random: SeededRandom, choice: ProfileChoice): CaseDetails {
  const kind = choice.kind ?? weighted(KIND_WEIGHTS, random.next());
  const destinations = destinationsOf(random, choice, kind);
  // The United Kingdom counts as the EU here: it was a member until 2020-01-31.
  const withinEu = destinations.some((d) => d.eu || d.group === 'united-kingdom');
  // Dual-use goods within the Union are the rare Annex IV transfer; elsewhere one case in four.
  const goodsCategory: GoodsCategory =
    choice.goodsCategory ?? (random.chance(withinEu ? 0.04 : 0.25) ? 'dual-use' : 'military');
  const temporary =
    choice.exportType === 'temporary' ||
    (choice.exportType === undefined &&
      choice.afterSales !== true &&
      kind === 'individual' &&
      goodsCategory === 'military' &&
      random.chance(0.1));
  const purpose = temporary ? weighted(TEMPORARY_PURPOSE_WEIGHTS, random.next()) : undefined;
  const afterSales =
    choice.afterSales ??
    (!temporary &&
      goodsCategory === 'military' &&
      (kind === 'individual' || kind === 'global') &&
      random.chance(0.2));
  const applicants = APPLICANTS.filter((a) =>
    kind === 'brokering'
      ? a.name.includes('Brokerage')
      : a.goodsCategory === goodsCategory || a.goodsCategory === 'both',
  );
  const applicant = random.pick(applicants);
  const contract =
    !temporary && random.chance(0.4) ? { contract: { termMonths: random.pick(CONTRACT_TERMS) } } : {};
  const goods = goodsList(random, goodsCategory, withinEu, temporary);
  return {
    applicant: { name: applicant.name, chamberOfCommerceNumber: applicant.chamberOfCommerceNumber },
    kind,
    afterSales,
    goodsCategory,
    goods,
    exportType: temporary ? 'temporary' : 'definitive',
    ...(purpose && { temporaryPurpose: purpose }),
    // Weapons and ammunition (ML1 to ML3) fall partly under the Wet wapens en munitie.
    firearmsAct:
      goodsCategory === 'military' && goods.some((item) => underFirearmsAct(item.controlListEntry)),
    destinations: destinations.map((destination) => ({
      country: destination.country,
      endUser: purpose ? temporaryEndUser(random, destination, purpose) : endUser(random, destination, kind),
    })),
    ...contract,
  };
}

/**
 * The details of an application after a sondage: now and then the quantity (and with it the
 * value) or the end user changed since the enquiry, as happens while a contract is negotiated.
 */
export function changedAtApplication(random: SeededRandom, sondage: CaseDetails): CaseDetails | undefined {
  if (!random.chance(0.35)) return undefined;
  if (random.chance(0.7)) {
    const factor = random.pick([0.5, 0.75, 1.25, 1.5, 2]);
    return {
      ...sondage,
      goods: sondage.goods.map((item) => {
        const quantity = Math.max(1, Math.round(item.quantity * factor));
        return {
          ...item,
          quantity,
          valueEur: Math.round((item.valueEur / item.quantity) * quantity * 100) / 100,
        };
      }),
    };
  }
  const [first, ...rest] = sondage.destinations as [
    CaseDetails['destinations'][number],
    ...CaseDetails['destinations'],
  ];
  const destination = destinationOf(first.country);
  const other = endUser(random, destination, sondage.kind);
  return other === first.endUser
    ? undefined
    : { ...sondage, destinations: [{ ...first, endUser: other }, ...rest] };
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

export function reassessmentAssessment(
  random: SeededRandom,
  allied: boolean,
  outcome: keyof typeof REASSESSMENT_SUMMARIES,
): Assessment {
  return { summary: random.pick(REASSESSMENT_SUMMARIES[outcome]), findings: findings(random, allied) };
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
