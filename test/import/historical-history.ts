import { createHash } from 'node:crypto';
import {
  addDays,
  applicableRule,
  DUTCH_VALIDITY_POLICY,
  localDate,
  validUntilFor,
} from '@licences/licensing-domain';
import type { ValidityQuestion } from '@licences/licensing-domain';
import { seededNumbers } from '@licences/licensing-kysely/testing';
import { assessment, revocation } from '../support/cases';

/** One line of a historical import, as an export of an older system would write it. */
export interface HistoryLine {
  caseId: string;
  type: string;
  occurredAt: string;
  actor: { sub: string; role: string };
  data: Record<string, unknown>;
}

export interface IssuedLicence {
  readonly caseId: string;
  readonly validFrom: string;
  readonly validUntil: string;
  /** The end date the policy of that day gave; differs from validUntil for a deviating decision. */
  readonly policyValidUntil: string;
  readonly ruleId: string;
  readonly revoked: boolean;
}

export interface ExpectedRefusal {
  readonly caseId: string | null;
  readonly code: string;
  /** How many lines of the file belong to the case. */
  readonly lineCount: number;
}

export interface GeneratedHistory {
  /** The file's text, one line each, ending in a newline. */
  readonly text: string;
  readonly acceptedCaseIds: readonly string[];
  readonly refusals: readonly ExpectedRefusal[];
  readonly issued: readonly IssuedLicence[];
  /** Every good line, by case, in file order. */
  readonly linesByCase: ReadonlyMap<string, HistoryLine[]>;
}

/** No generated decision lies after this day, so an import after it takes them all. */
export const LAST_DAY = '2026-01-10';

/** A cut-over just after LAST_DAY: every good line lies before it. */
export const CUTOVER = '2026-01-12T00:00:00.000Z';

const COUNTRIES = ['DE', 'FR', 'US', 'GB', 'TR', 'SA', 'JP', 'IN', 'MK', 'SE', 'AE', 'BR', 'AU', 'CH'];

/** A UUID-shaped id derived from a label. */
export function idOf(label: string): string {
  const h = createHash('sha256').update(label).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** Countries that were EU members on some day of the history (the UK until 2020-01-31). */
const EU_AT_SOME_TIME = new Set(['DE', 'FR', 'SE', 'GB']);

/**
 * Case details as an older system's export spells them: one `destination`, no export type or
 * firearms-act link (read as a definitive export outside the firearms act). Dual-use goods to an
 * EU member are an Annex IV item, the only dual-use goods that need a licence within the Union.
 */
export function caseData(i: number, country: string, overrides: Record<string, unknown> = {}) {
  const dualUse = i % 9 === 0;
  const intraEu = dualUse && EU_AT_SOME_TIME.has(country);
  const kind = i % 13 === 0 ? 'global' : i % 17 === 0 ? 'brokering' : 'individual';
  return {
    applicant: { name: `Exporter ${i % 23} B.V.`, chamberOfCommerceNumber: String(10000000 + (i % 23)) },
    kind,
    afterSales: kind === 'individual' && i % 11 === 0,
    goodsCategory: dualUse ? 'dual-use' : 'military',
    goods: [
      intraEu
        ? {
            controlListEntry: '0B001.b',
            description: 'Gas centrifuge rotor assemblies',
            quantity: 4,
            valueEur: 310_000,
          }
        : dualUse
          ? {
              controlListEntry: '5A002.a',
              description: 'Cryptographic equipment',
              quantity: 10,
              valueEur: 50_000,
            }
          : {
              controlListEntry: `ML${1 + (i % 22)}.a`,
              description: 'Military goods',
              quantity: 2,
              valueEur: 125_000.5,
            },
    ],
    destination: { country, endUser: `End user ${i}` },
    ...(i % 7 === 0 && { contract: { termMonths: 60 } }),
    ...overrides,
  };
}

const at = (date: string) => `${date}T10:00:00Z`;
const intake = { sub: 'archive-intake', role: 'intake' };
const assessor = { sub: 'archive-assessor', role: 'assessor' };
const senior = { sub: 'archive-senior', role: 'senior-assessor' };

/** A goods description of about `chars` characters, as archived files with long specifications have. */
function longDescription(base: string, chars: number): string {
  const sentence = ' Specification and serial numbers as listed in the annex to the application.';
  return chars <= base.length
    ? base
    : (base + sentence.repeat(Math.ceil(chars / sentence.length))).slice(0, chars);
}

/** The lines of one case that keeps every rule: a flow picked by `i`, dates from 2018 to 2025. */
function goodCase(
  i: number,
  rnd: () => number,
  descriptionChars: number,
): { lines: HistoryLine[]; issued?: IssuedLicence } {
  const caseId = idOf(`history/${i}`);
  const country = COUNTRIES[i % COUNTRIES.length] as string;
  const plain = caseData(i, country);
  const details = {
    ...plain,
    goods: plain.goods.map((g) => ({ ...g, description: longDescription(g.description, descriptionChars) })),
  };
  let day = localDate(`${2018 + (i % 8)}-01-02`);
  day = addDays(day, Math.floor(rnd() * 250));
  const lines: HistoryLine[] = [];
  const push = (type: string, actor: HistoryLine['actor'], data: Record<string, unknown>, after = 0) => {
    day = addDays(day, after);
    lines.push({ caseId, type, occurredAt: at(day), actor, data });
  };
  const flow = i % 10;
  if (flow === 3 || flow === 4 || flow === 9) {
    push('SondageRequested', intake, { procedure: 'sondage', ...details });
    const positive = flow !== 4;
    push(
      'SondageAnswered',
      assessor,
      { outcome: positive ? 'positive' : 'negative', reasoning: 'Assessed' },
      14,
    );
    if (!positive) {
      push('Withdrawn', intake, { reason: 'Negative sondage answer' }, 20);
      return { lines };
    }
    // Some applications after a sondage change the quantity (and so the value) the sondage named.
    const changed = { ...details, goods: details.goods.map((g) => ({ ...g, quantity: g.quantity + 1 })) };
    push('Applied', intake, flow === 9 ? changed : {}, 16);
  } else {
    push('Applied', intake, details);
  }
  if (flow === 5) {
    push('Denied', assessor, { criteria: [2, 7], reasoning: 'Clear risk of diversion' }, 40);
    return { lines };
  }
  if (flow === 8) {
    push('Withdrawn', intake, { reason: 'Contract cancelled' }, 20);
    return { lines };
  }
  push('Issued', assessor, {}, 45);
  const validFrom = day;
  const question = {
    destinations: [country],
    goodsCategory: details.goodsCategory,
    kind: details.kind,
    afterSales: details.afterSales,
    exportType: 'definitive',
    firearmsAct: false,
  } as ValidityQuestion;
  const rule = applicableRule(DUTCH_VALIDITY_POLICY, question, validFrom);
  const policyValidUntil = validUntilFor(validFrom, rule.months);
  // Some decisions of the past deviate from the policy; they are imported as they were taken.
  const validUntil = i % 25 === 0 ? validUntilFor(validFrom, 60) : policyValidUntil;
  (lines.at(-1) as HistoryLine).data = { assessment, validFrom, validUntil };
  let issued: IssuedLicence = {
    caseId,
    validFrom,
    validUntil,
    policyValidUntil,
    ruleId: rule.ruleId,
    revoked: false,
  };
  if (flow === 6 || flow === 9) {
    const extendOn = addDays(validUntil, -30);
    if (extendOn > LAST_DAY) return { lines, issued };
    day = extendOn;
    const extendedUntil = validUntilFor(
      extendOn,
      applicableRule(DUTCH_VALIDITY_POLICY, question, extendOn).months,
    );
    push('Extended', assessor, { reassessment: assessment, validUntil: extendedUntil });
    issued = { ...issued, validUntil: extendedUntil };
  }
  if (flow === 7 || flow === 9) {
    const revokeOn = addDays(day, 30);
    if (revokeOn > LAST_DAY) return { lines, issued };
    day = revokeOn;
    const evidence = revocation.evidence.map((e) => ({ ...e, date: addDays(revokeOn, -5) }));
    if (flow === 9) {
      // Four eyes: proposed by the assessor (who issued it), approved by the senior a week later.
      push('RevocationProposed', assessor, { ...revocation, evidence });
      push('RevokedForChangedCircumstances', senior, {}, 7);
    } else {
      // One official alone, as revocations were taken before the four-eyes rule.
      push('RevokedForChangedCircumstances', senior, { ...revocation, evidence });
    }
    issued = { ...issued, revoked: true };
  }
  return { lines, issued };
}

/**
 * A multi-year history of `count` good cases, ordered by business time so that cases
 * interleave, followed by cases that break the rules in one way each (and one case whose
 * broken line is far from its first). `descriptionChars` makes the goods descriptions that long,
 * for a file of many bytes but fewer cases.
 */
export function generateHistory(count: number, seed = 5, descriptionChars = 0): GeneratedHistory {
  const rnd = seededNumbers(seed);
  const goods = Array.from({ length: count }, (_, i) => goodCase(i, rnd, descriptionChars));
  const linesByCase = new Map(goods.map((g) => [g.lines[0]!.caseId, g.lines]));
  const chronological = goods
    .flatMap((g) => g.lines)
    .map((line, order) => ({ line, order }))
    .sort((a, b) => a.line.occurredAt.localeCompare(b.line.occurredAt) || a.order - b.order)
    .map(({ line }) => JSON.stringify(line));

  const refusals: ExpectedRefusal[] = [];
  const bad: string[] = [];
  const badCase = (label: string, code: string, lines: (string | HistoryLine)[]) => {
    bad.push(...lines.map((l) => (typeof l === 'string' ? l : JSON.stringify(l))));
    refusals.push({ caseId: idOf(label), code, lineCount: lines.length });
  };
  const line = (
    label: string,
    type: string,
    date: string,
    data: Record<string, unknown>,
    actor = assessor,
  ) => ({
    caseId: idOf(label),
    type,
    occurredAt: at(date),
    actor,
    data,
  });
  const apply = (label: string, date: string, country = 'SA', overrides: Record<string, unknown> = {}) =>
    line(label, 'Applied', date, caseData(1, country, overrides), intake);
  const issue = (label: string, date: string, validFrom: string, validUntil: string) =>
    line(label, 'Issued', date, { assessment, validFrom, validUntil });

  badCase('bad/issue-first', 'CASE_NOT_FOUND', [
    issue('bad/issue-first', '2020-02-01', '2020-02-01', '2021-01-31'),
  ]);
  badCase('bad/issue-after-sondage', 'ISSUE_NOT_ALLOWED', [
    line('bad/issue-after-sondage', 'SondageRequested', '2020-03-01', caseData(2, 'DE'), intake),
    line('bad/issue-after-sondage', 'SondageAnswered', '2020-03-10', {
      outcome: 'positive',
      reasoning: 'Fine',
    }),
    issue('bad/issue-after-sondage', '2020-03-20', '2020-03-20', '2023-03-19'),
  ]);
  badCase('bad/revoke-without-evidence', 'EVIDENCE_REQUIRED', [
    apply('bad/revoke-without-evidence', '2021-01-04'),
    issue('bad/revoke-without-evidence', '2021-01-20', '2021-01-20', '2022-01-19'),
    line(
      'bad/revoke-without-evidence',
      'RevokedForChangedCircumstances',
      '2021-06-01',
      { ...revocation, evidence: [] },
      senior,
    ),
  ]);
  badCase('bad/revoke-own-proposal', 'REVOCATION_APPROVER_IS_PROPOSER', [
    apply('bad/revoke-own-proposal', '2021-01-04'),
    issue('bad/revoke-own-proposal', '2021-01-20', '2021-01-20', '2022-01-19'),
    line(
      'bad/revoke-own-proposal',
      'RevocationProposed',
      '2021-06-01',
      { ...revocation, evidence: revocation.evidence.map((e) => ({ ...e, date: '2021-05-20' })) },
      senior,
    ),
    line('bad/revoke-own-proposal', 'RevokedForChangedCircumstances', '2021-06-08', {}, senior),
  ]);
  badCase('bad/extend-expired', 'CASE_CLOSED', [
    apply('bad/extend-expired', '2019-03-01'),
    issue('bad/extend-expired', '2019-03-10', '2019-03-10', '2020-03-09'),
    line('bad/extend-expired', 'Extended', '2020-06-01', {
      reassessment: assessment,
      validUntil: '2021-05-31',
    }),
  ]);
  badCase('bad/backwards', 'DATES_OUT_OF_ORDER', [
    apply('bad/backwards', '2021-05-01'),
    issue('bad/backwards', '2021-04-20', '2021-04-20', '2022-04-19'),
  ]);
  badCase('bad/unknown-country', 'UNKNOWN_COUNTRY', [apply('bad/unknown-country', '2022-02-01', 'XX')]);
  badCase('bad/ends-before-start', 'VALIDITY_ENDS_BEFORE_START', [
    apply('bad/ends-before-start', '2022-03-01'),
    issue('bad/ends-before-start', '2022-03-15', '2022-03-15', '2022-03-01'),
  ]);
  badCase('bad/not-a-date', 'INVALID_LINE', [
    apply('bad/not-a-date', '2021-01-04'),
    issue('bad/not-a-date', '2021-01-20', '2021-01-20', '2021-02-30'),
  ]);
  badCase('bad/from-the-future', 'OCCURRED_AFTER_CUTOVER', [apply('bad/from-the-future', '2099-01-04')]);
  // An application after a sondage may change the details, but not the applicant.
  badCase('bad/applicant-changed', 'APPLICANT_CHANGED', [
    line('bad/applicant-changed', 'SondageRequested', '2023-03-01', caseData(3, 'DE'), intake),
    line('bad/applicant-changed', 'SondageAnswered', '2023-03-10', {
      outcome: 'positive',
      reasoning: 'Fine',
    }),
    line('bad/applicant-changed', 'Applied', '2023-03-20', caseData(4, 'DE'), intake),
  ]);
  badCase('bad/dual-use-within-eu', 'DUAL_USE_EXPORT_WITHIN_EU', [
    apply('bad/dual-use-within-eu', '2022-02-01', 'NL', {
      goodsCategory: 'dual-use',
      goods: [
        {
          controlListEntry: '5A002.a',
          description: 'Cryptographic equipment',
          quantity: 10,
          valueEur: 50_000,
        },
      ],
    }),
  ]);
  // Not JSON, and no case can be read from it: refused on its own.
  bad.push('this is not JSON');
  refusals.push({ caseId: null, code: 'MALFORMED_JSON', lineCount: 1 });

  // A case whose first line opens the file and whose broken last line closes it.
  const split = idOf('bad/broken-json');
  const opening = JSON.stringify(apply('bad/broken-json', '2018-01-01'));
  const broken = `{"caseId":"${split}","type":"Issued","occurredAt":"2018-02-01T10:00:00Z",`;
  refusals.push({ caseId: split, code: 'MALFORMED_JSON', lineCount: 2 });

  const text = [opening, ...chronological, ...bad, broken].join('\n') + '\n';
  return {
    text,
    acceptedCaseIds: [...linesByCase.keys()],
    refusals,
    issued: goods.flatMap((g) => (g.issued ? [g.issued] : [])),
    linesByCase,
  };
}
