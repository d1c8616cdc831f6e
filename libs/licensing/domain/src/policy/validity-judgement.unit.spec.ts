import type { LocalDate } from '../shared/local-date';
import { DUTCH_VALIDITY_POLICY } from './validity-policy';
import { judgeValidity } from './validity-policy.evaluator';
import type { RowVerdict, ValidityQuestion } from './validity-policy.evaluator';

const on = (value: string) => value as LocalDate;

const question = (overrides: Partial<ValidityQuestion> = {}): ValidityQuestion => ({
  destinations: ['DE'],
  goodsCategory: 'military',
  kind: 'individual',
  afterSales: false,
  exportType: 'definitive',
  firearmsAct: false,
  ...overrides,
});

const verdictOf = (rows: readonly RowVerdict[], ruleId: string) => rows.find((r) => r.ruleId === ruleId);

describe('judgeValidity: every row of the table with whether it matched and why', () => {
  it('given a trade fair to DE and TR, when judged on 2024-11-28, then each destination names every row, its role and its reasons', () => {
    const { decisive, destinations } = judgeValidity(
      DUTCH_VALIDITY_POLICY,
      question({ kind: 'global', destinations: ['DE', 'TR'], exportType: 'temporary' }),
      on('2024-11-28'),
    );

    const [de, tr] = destinations;
    expect(de?.rows.map((r) => r.ruleId)).toEqual(DUTCH_VALIDITY_POLICY.rules.map((r) => r.id));
    expect(de?.rows.map((r) => [r.ruleId, r.role])).toEqual([
      ['allies', 'outweighed'],
      ['brokering-within-eu', 'not-applicable'],
      ['after-sales', 'not-applicable'],
      ['dual-use-national-practice', 'not-applicable'],
      ['default', 'outweighed'],
      ['temporary-export-one-year', 'decided'],
      ['transit-one-year', 'not-applicable'],
      ['firearms-act-one-year', 'not-applicable'],
      ['dual-use-eu-maximum', 'not-applicable'],
    ]);
    expect(verdictOf(de?.rows ?? [], 'allies')).toEqual({
      ruleId: 'allies',
      effect: 'period',
      months: 36,
      inForce: true,
      matched: true,
      role: 'outweighed',
      reasons: [
        'in force since 2019-04-17',
        'kind global is individual or global',
        'goods military are military',
        'DE is not excepted (TR)',
        'DE is in EU, NATO, NATO+ on 2024-11-28',
      ],
    });
    expect(verdictOf(de?.rows ?? [], 'temporary-export-one-year')).toMatchObject({
      effect: 'limit',
      matched: true,
      reasons: ['in force since 2019-04-17', 'a temporary export'],
    });
    expect(verdictOf(de?.rows ?? [], 'brokering-within-eu')?.reasons).toContain(
      'kind global is not brokering',
    );
    expect(verdictOf(de?.rows ?? [], 'dual-use-national-practice')?.reasons).toEqual([
      'always in force',
      'goods military are not dual-use',
    ]);

    // Turkey: the allies row fails only on the exception; the one-year limit does not bind the default year.
    expect(verdictOf(tr?.rows ?? [], 'allies')).toMatchObject({ matched: false, role: 'not-applicable' });
    expect(verdictOf(tr?.rows ?? [], 'allies')?.reasons).toContain('TR is excepted');
    expect(verdictOf(tr?.rows ?? [], 'default')?.role).toBe('decided');
    expect(verdictOf(tr?.rows ?? [], 'temporary-export-one-year')?.role).toBe('not-binding');
    // Both give 12 months: the first destination decides the tie.
    expect([decisive.country, decisive.ruleId, decisive.months]).toEqual([
      'DE',
      'temporary-export-one-year',
      12,
    ]);
  });

  it('given a row not yet in force, then its only reason is the date from which it applies', () => {
    const { decisive } = judgeValidity(DUTCH_VALIDITY_POLICY, question(), on('2019-04-16'));

    expect(verdictOf(decisive.rows, 'allies')).toMatchObject({
      inForce: false,
      matched: false,
      role: 'not-applicable',
      reasons: ['in force only from 2019-04-17'],
    });
    expect(verdictOf(decisive.rows, 'dual-use-eu-maximum')?.reasons).toEqual([
      'in force only from 2021-09-09',
      'goods military are not dual-use',
    ]);
  });

  it('given any question, then exactly the matched rows are listed as matched, only rows in force match, and exactly one row decides', () => {
    const questions: [ValidityQuestion, string][] = [
      [question(), '2024-11-28'],
      [question({ kind: 'transit', destinations: ['US'] }), '2024-11-28'],
      [question({ goodsCategory: 'dual-use', destinations: ['US', 'JP'], kind: 'global' }), '2022-01-10'],
      [question({ afterSales: true, firearmsAct: true, destinations: ['SA'] }), '2023-04-18'],
    ];
    for (const [q, date] of questions) {
      for (const judged of judgeValidity(DUTCH_VALIDITY_POLICY, q, on(date)).destinations) {
        expect(judged.rows.filter((r) => r.role === 'decided').map((r) => r.ruleId)).toEqual([judged.ruleId]);
        expect(judged.rows.filter((r) => r.matched).map((r) => r.ruleId)).toEqual(judged.matchedRuleIds);
        for (const row of judged.rows) {
          expect(row.reasons.length).toBeGreaterThan(0);
          if (row.matched) expect(row.inForce).toBe(true);
          expect(row.reasons[0]?.startsWith('in force only')).toBe(!row.inForce);
        }
      }
    }
  });

  it('given dual-use goods judged on 2022-01-10, then the legal maximum is named as not binding beside the one-year practice', () => {
    const { decisive } = judgeValidity(
      DUTCH_VALIDITY_POLICY,
      question({ goodsCategory: 'dual-use', destinations: ['US'] }),
      on('2022-01-10'),
    );

    expect(decisive.ruleId).toBe('dual-use-national-practice');
    expect(verdictOf(decisive.rows, 'dual-use-eu-maximum')).toMatchObject({
      effect: 'legal-maximum',
      months: 24,
      role: 'not-binding',
    });
    expect(decisive.legalMaximum).toMatchObject({ ruleId: 'dual-use-eu-maximum', months: 24 });
  });

  it('given no destination, then judging is a programming error, not a rule', () => {
    expect(() =>
      judgeValidity(DUTCH_VALIDITY_POLICY, question({ destinations: [] }), on('2024-11-28')),
    ).toThrow(/at least one destination/);
  });
});
