/*
 * What a case may name: destinations (exactly one, or one or more on a global licence), the
 * export type with its purpose, the firearms-act link, and dual-use goods only where leaving
 * the Union is an export (Regulation (EU) 2021/821 art. 2(2), art. 11(1)).
 */
import { appliedEvent, caseDetails, ISSUE } from '../testing/case-events';
import { given } from '../testing/given-when-then';
import { DUAL_USE, to } from '../testing/validity-cases';
import type { Overrides } from '../testing/validity-cases';
import type { RegisterCase } from './licence.commands';
import type { CaseDetails, GoodsItem } from './licence.values';

const register = (details: CaseDetails): RegisterCase => ({
  type: 'RegisterCase',
  caseId: 'c',
  procedure: 'application',
  details,
});

const item = (controlListEntry: string): GoodsItem => ({
  controlListEntry,
  description: `Item ${controlListEntry}`,
  quantity: 1,
  valueEur: 1_000,
});

/** Details as an entry point that checks no types (an import line, a hand-made request) could pass them. */
const unchecked = (overrides: Record<string, unknown>) => overrides as Overrides;

const whenRegistered = (overrides: Overrides, on = '2024-11-28') =>
  given().when(register(caseDetails(overrides)), on);

describe('destinations', () => {
  it.each<[string, Overrides, string, string]>([
    ['no destination', { destinations: [] }, 'DESTINATION_REQUIRED', 'destinations'],
    [
      'two destinations on an individual licence',
      { destinations: [to('DE'), to('FR')] },
      'SEVERAL_DESTINATIONS_REQUIRE_GLOBAL_LICENCE',
      'destinations',
    ],
    [
      'two destinations on a transit licence',
      { kind: 'transit', destinations: [to('US'), to('CA')] },
      'SEVERAL_DESTINATIONS_REQUIRE_GLOBAL_LICENCE',
      'destinations',
    ],
    [
      'two destinations on a brokering licence',
      { kind: 'brokering', destinations: [to('US'), to('CA')] },
      'SEVERAL_DESTINATIONS_REQUIRE_GLOBAL_LICENCE',
      'destinations',
    ],
    [
      'the same country twice on a global licence',
      { kind: 'global', destinations: [to('DE'), to('FR'), to('DE')] },
      'DUPLICATE_DESTINATION',
      'destinations.2.country',
    ],
    [
      'an unknown second country',
      { kind: 'global', destinations: [to('DE'), to('XX')] },
      'UNKNOWN_COUNTRY',
      'destinations.1.country',
    ],
    [
      'a blank end user on the second destination',
      { kind: 'global', destinations: [to('DE'), { country: 'FR', endUser: ' ' }] },
      'REQUIRED_TEXT_MISSING',
      'destinations[1].endUser',
    ],
  ])('given %s, when registered, then %s on %s', (_label, overrides, code, field) => {
    const error = whenRegistered(overrides).thenThrows(code, 'rule-violation');
    expect(error.details).toMatchObject({ field });
  });

  it('given a global licence for the EU except Cyprus and for AU CA IS JP NZ NO US CH (22054-301), when registered, then accepted', () => {
    const countries =
      'AT BE BG HR CZ DK EE FI FR DE GR HU IE IT LV LT LU MT NL PL PT RO SK SI ES SE AU CA IS JP NZ NO US CH';
    const destinations = countries.split(' ').map((c) => to(c));

    const state = whenRegistered({ kind: 'global', destinations }).thenState();
    expect(state?.details.destinations).toHaveLength(34);
    expect(state?.details.destinations).toEqual(destinations);
  });
});

describe('export type and firearms act', () => {
  it.each<[string, Overrides, string, string]>([
    ['an unknown export type', unchecked({ exportType: 'permanent' }), 'UNKNOWN_EXPORT_TYPE', 'exportType'],
    ['no firearms-act answer', unchecked({ firearmsAct: undefined }), 'FIREARMS_ACT_REQUIRED', 'firearmsAct'],
    [
      'a temporary export without purpose',
      { exportType: 'temporary' },
      'TEMPORARY_PURPOSE_REQUIRED',
      'temporaryPurpose',
    ],
    [
      'a temporary export with an unknown purpose',
      unchecked({ exportType: 'temporary', temporaryPurpose: 'holiday' }),
      'TEMPORARY_PURPOSE_REQUIRED',
      'temporaryPurpose',
    ],
    [
      'a purpose on a definitive export',
      { exportType: 'definitive', temporaryPurpose: 'repair' },
      'PURPOSE_WITHOUT_TEMPORARY_EXPORT',
      'temporaryPurpose',
    ],
  ])('given %s, when registered, then %s', (_label, overrides, code, field) => {
    const error = whenRegistered(overrides).thenThrows(code, 'rule-violation');
    expect(error.details).toEqual({ field });
  });

  it.each(['exhibition-or-demonstration', 'repair', 'testing', 'other'] as const)(
    'given a temporary export for %s, when registered, then accepted with its purpose',
    (temporaryPurpose) => {
      const state = whenRegistered({ exportType: 'temporary', temporaryPurpose }).thenState();
      expect(state?.details).toMatchObject({ exportType: 'temporary', temporaryPurpose });
    },
  );
});

describe('dual-use goods to an EU member state (2021/821 art. 2(2), art. 11(1))', () => {
  it.each(['1995-06-01', '2010-01-01', '2024-11-28'])(
    'given dual-use goods to DE, when registered on %s, then DUAL_USE_EXPORT_WITHIN_EU with the source',
    (on) => {
      const error = whenRegistered({ ...DUAL_USE, destination: to('DE') }, on).thenThrows(
        'DUAL_USE_EXPORT_WITHIN_EU',
        'rule-violation',
      );
      expect(error.details).toEqual({
        field: 'destinations',
        countries: ['DE'],
        controlListEntries: ['5A002.a'],
        source: expect.stringContaining('Annex IV'),
      });
    },
  );

  it('given dual-use goods to GB, then refused on 2020-01-31 (its last EU day) and accepted on 2020-02-01', () => {
    whenRegistered({ ...DUAL_USE, destination: to('GB') }, '2020-01-31').thenThrows(
      'DUAL_USE_EXPORT_WITHIN_EU',
    );
    expect(whenRegistered({ ...DUAL_USE, destination: to('GB') }, '2020-02-01').thenState()?.status).toBe(
      'applied',
    );
  });

  it.each(['1C001', '0B001.b', '9A007.a'])(
    'given the Annex IV item %s to DE, when registered, then accepted as an intra-Union transfer',
    (entry) => {
      const state = whenRegistered({
        goodsCategory: 'dual-use',
        goods: [item(entry)],
        destination: to('DE'),
      }).thenState();
      expect(state?.status).toBe('applied');
    },
  );

  it('given 9A007.b, which is not the Annex IV sub-item 9A007.a, when registered to DE, then refused', () => {
    whenRegistered({ goodsCategory: 'dual-use', goods: [item('9A007.b')], destination: to('DE') }).thenThrows(
      'DUAL_USE_EXPORT_WITHIN_EU',
    );
  });

  it('given an Annex IV item beside one that is not, then refused naming only the item outside Annex IV', () => {
    const error = whenRegistered({
      goodsCategory: 'dual-use',
      goods: [item('0B001.b'), item('5A002')],
      destination: to('FR'),
    }).thenThrows('DUAL_USE_EXPORT_WITHIN_EU');
    expect(error.details).toMatchObject({ countries: ['FR'], controlListEntries: ['5A002'] });
  });

  it('given a global dual-use licence to US and DE, then refused naming DE only', () => {
    const error = whenRegistered({
      ...DUAL_USE,
      kind: 'global',
      destinations: [to('US'), to('DE')],
    }).thenThrows('DUAL_USE_EXPORT_WITHIN_EU');
    expect(error.details).toMatchObject({ countries: ['DE'] });
  });

  it('given military goods to DE, then the dual-use check does not apply', () => {
    expect(whenRegistered({ destination: to('DE') }).thenState()?.status).toBe('applied');
  });

  it('given dual-use goods to HR applied for before Croatia joined the EU, when issued on its accession day, then refused', () => {
    const details = caseDetails({ ...DUAL_USE, destination: to('HR') });
    expect(whenRegistered({ ...DUAL_USE, destination: to('HR') }, '2013-06-28').thenState()?.status).toBe(
      'applied',
    );

    expect(given(appliedEvent(details, '2013-06-28')).when(ISSUE, '2013-06-30').thenState()?.status).toBe(
      'issued',
    );
    given(appliedEvent(details, '2013-06-28'))
      .when(ISSUE, '2013-07-01')
      .thenThrows('DUAL_USE_EXPORT_WITHIN_EU');
  });
});
