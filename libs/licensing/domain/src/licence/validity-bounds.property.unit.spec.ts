/*
 * Property: whatever the case and whatever sequence of issue and extensions the decider accepts,
 * no recorded validity passes the legal maximum in force on its decision date, and no issue or
 * extension gives more than a one-year limit that matches. The bounds are computed here from the
 * law and the letters, not with the evaluator, so that a wrong table or evaluator shows.
 */
import fc from 'fast-check';
import { DUTCH_VALIDITY_POLICY } from '../policy/validity-policy';
import { DomainError } from '../shared/domain-error';
import { addDays, addMonths, compareDates } from '../shared/local-date';
import type { LocalDate } from '../shared/local-date';
import { ASSESSMENT, caseDetails } from '../testing/case-events';
import { instant } from '../testing/given-when-then';
import type { LicenceCommand } from './licence.commands';
import { decide } from './licence.decider';
import type { LicenceEvent } from './licence.events';
import { evolve } from './licence.state';
import type { LicenceState } from './licence.state';
import { LICENCE_KINDS, TEMPORARY_EXPORT_PURPOSES } from './licence.values';
import type { CaseDetails, Destination } from './licence.values';

const ACTOR = { sub: 'assessor', role: 'assessor' };
// EU, NATO only, NATO+ beyond NATO, Turkey and others; GB, HR, FI, SE and MK change groups in the range.
const COUNTRIES = [
  'DE',
  'FR',
  'NL',
  'GB',
  'HR',
  'FI',
  'SE',
  'US',
  'NO',
  'TR',
  'MK',
  'JP',
  'AU',
  'CH',
  'SA',
  'IN',
];
const FIRST_DAY = '2015-01-01' as LocalDate;
const DAYS = 16 * 365; // to the end of 2030

/** Regulation (EU) 2021/821 art. 12(2): dual-use individual and global authorisations, from 2021-09-09. */
const EU_MAXIMUM_FROM = '2021-09-09' as LocalDate;
/** Kamerstuk 22054-388: temporary exports, transit and firearms-act licences stay at one year (with 22054-311). */
const ONE_YEAR_FROM = '2019-04-17' as LocalDate;

const lastDay = (from: LocalDate, months: number) => addDays(addMonths(from, months), -1);
const notAfter = (a: LocalDate, b: LocalDate) => compareDates(a, b) <= 0;

const goods = {
  military: [{ controlListEntry: 'ML5.a', description: 'Radar', quantity: 1, valueEur: 1 }],
  'dual-use': [{ controlListEntry: '5A002.a', description: 'Encryption', quantity: 1, valueEur: 1 }],
  annexIv: [
    { controlListEntry: '0B001.b', description: 'Isotope separation plant part', quantity: 1, valueEur: 1 },
  ],
};

const details: fc.Arbitrary<CaseDetails> = fc
  .record({
    kind: fc.constantFrom(...LICENCE_KINDS),
    goodsKind: fc.constantFrom<keyof typeof goods>('military', 'dual-use', 'annexIv'),
    afterSales: fc.boolean(),
    temporary: fc.option(fc.constantFrom(...TEMPORARY_EXPORT_PURPOSES), { nil: undefined }),
    firearmsAct: fc.boolean(),
    countries: fc.uniqueArray(fc.constantFrom(...COUNTRIES), { minLength: 1, maxLength: 4 }),
    contract: fc.option(fc.integer({ min: 1, max: 120 }), { nil: undefined }),
  })
  .map(({ kind, goodsKind, afterSales, temporary, firearmsAct, countries, contract }) => {
    const exportLicence = kind === 'individual' || kind === 'global';
    const destinations: Destination[] = (kind === 'global' ? countries : countries.slice(0, 1)).map((c) => ({
      country: c,
      endUser: `End user in ${c}`,
    }));
    return caseDetails({
      kind,
      goodsCategory: goodsKind === 'military' ? 'military' : 'dual-use',
      goods: goods[goodsKind],
      afterSales: afterSales && exportLicence,
      exportType: temporary ? 'temporary' : 'definitive',
      ...(temporary ? { temporaryPurpose: temporary } : {}),
      firearmsAct,
      destinations,
      ...(contract ? { contract: { termMonths: contract } } : {}),
    });
  });

const extension = fc.record({
  daysLater: fc.integer({ min: 1, max: 400 }),
  // Days after the current end the assessor asks for; none: the furthest end allowed.
  askedBeyondCurrentEnd: fc.option(fc.integer({ min: -10, max: 1200 }), { nil: undefined }),
});

const scenario = fc.record({
  details,
  decidedOn: fc.integer({ min: 0, max: DAYS }),
  startsLater: fc.option(fc.integer({ min: 0, max: 400 }), { nil: undefined }),
  extensions: fc.array(extension, { maxLength: 4 }),
});

/** What the decider recorded until it refused a command. */
type Scenario = typeof scenario extends fc.Arbitrary<infer T> ? T : never;

function run(s: Scenario): { details: CaseDetails; events: LicenceEvent[] } {
  const events: LicenceEvent[] = [];
  // Assigned in the closure below; declared wide so that reads are not narrowed to undefined.
  let state = undefined as LicenceState;
  let on = addDays(FIRST_DAY, s.decidedOn);
  const step = (command: LicenceCommand) => {
    const decided = decide(command, state, { now: instant(on), actor: ACTOR }, DUTCH_VALIDITY_POLICY);
    events.push(...decided);
    state = decided.reduce<LicenceState>(evolve, state);
  };
  try {
    step({ type: 'RegisterCase', caseId: 'p', procedure: 'application', details: s.details });
    const validFrom = s.startsLater === undefined ? undefined : addDays(on, s.startsLater);
    step({ type: 'IssueLicence', assessment: ASSESSMENT, ...(validFrom ? { validFrom } : {}) });
    for (const e of s.extensions) {
      on = addDays(on, e.daysLater);
      const current = state?.validUntil as LocalDate;
      const validUntil =
        e.askedBeyondCurrentEnd === undefined ? undefined : addDays(current, e.askedBeyondCurrentEnd);
      step({ type: 'ExtendLicence', reassessment: ASSESSMENT, ...(validUntil ? { validUntil } : {}) });
    }
  } catch (error) {
    // A command the rules refuse ends the scenario; anything else is a defect.
    if (!(error instanceof DomainError)) throw error;
  }
  return { details: s.details, events };
}

function oneYearLimitMatches(d: CaseDetails, on: LocalDate): boolean {
  if (compareDates(on, ONE_YEAR_FROM) < 0) return false;
  return d.exportType === 'temporary' || d.kind === 'transit' || d.firearmsAct;
}

function euMaximumApplies(d: CaseDetails, on: LocalDate): boolean {
  return (
    d.goodsCategory === 'dual-use' &&
    (d.kind === 'individual' || d.kind === 'global') &&
    compareDates(on, EU_MAXIMUM_FROM) >= 0
  );
}

describe('validity bounds hold for any case the decider accepts', () => {
  it('given arbitrary cases, issues and extensions, then no validity passes the legal maximum or a matching one-year limit', () => {
    const seen = { issued: 0, extended: 0, dualUseExtendedUnderMaximum: 0, limited: 0 };

    fc.assert(
      fc.property(scenario, (s) => {
        const { details: d, events } = run(s);
        let validFrom: LocalDate | undefined;
        for (const event of events) {
          if (event.type !== 'Issued' && event.type !== 'Extended') continue;
          const on = event.data.decisionDate;
          if (event.type === 'Issued') {
            validFrom = event.data.validFrom;
            seen.issued += 1;
            expect(notAfter(on, validFrom)).toBe(true);
          } else {
            seen.extended += 1;
          }
          const from = validFrom as LocalDate;
          const { validUntil } = event.data;
          if (euMaximumApplies(d, on)) {
            if (event.type === 'Extended') seen.dualUseExtendedUnderMaximum += 1;
            expect({ validFrom: from, validUntil, within: notAfter(validUntil, lastDay(from, 24)) }).toEqual({
              validFrom: from,
              validUntil,
              within: true,
            });
          }
          if (oneYearLimitMatches(d, on)) {
            seen.limited += 1;
            // An issue counts from validFrom; an extension from its decision date (a fresh assessment).
            const start = event.type === 'Issued' ? from : on;
            expect({ start, validUntil, within: notAfter(validUntil, lastDay(start, 12)) }).toEqual({
              start,
              validUntil,
              within: true,
            });
          }
        }
      }),
      { numRuns: 1000 },
    );

    // The property is not vacuous: the scenarios reach the cases it is about.
    expect(seen.issued).toBeGreaterThan(100);
    expect(seen.extended).toBeGreaterThan(50);
    expect(seen.dualUseExtendedUnderMaximum).toBeGreaterThan(5);
    expect(seen.limited).toBeGreaterThan(50);
  });
});
