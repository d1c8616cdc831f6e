import type { LocalDate } from '../shared/local-date';
import { policyVersions } from './policy-versions';
import { DUTCH_VALIDITY_POLICY } from './validity-policy';
import type { ValidityPolicy } from './validity-policy';
import { policyVersionOn } from './validity-policy.evaluator';

const V = 'nl-export-licence-validity';

describe('policyVersions', () => {
  it('given the Dutch table, then four versions with the rows in force and back-to-back dates', () => {
    const versions = policyVersions(DUTCH_VALIDITY_POLICY);

    const since2019 = [
      'allies',
      'brokering-within-eu',
      'dual-use-national-practice',
      'default',
      'temporary-export-one-year',
      'transit-one-year',
      'firearms-act-one-year',
    ];
    expect(versions.map((v) => [v.version, v.inForceFrom, v.inForceUntil, v.rows.map((r) => r.id)])).toEqual([
      [`${V}@initial`, null, '2019-04-16', ['dual-use-national-practice', 'default']],
      [`${V}@2019-04-17`, '2019-04-17', '2021-09-08', since2019],
      // Regulation (EU) 2021/821 applies from 2021-09-09: its legal maximum is a row change.
      [`${V}@2021-09-09`, '2021-09-09', '2023-04-17', [...since2019, 'dual-use-eu-maximum']],
      [
        `${V}@2023-04-18`,
        '2023-04-18',
        undefined,
        ['allies', 'brokering-within-eu', 'after-sales', ...since2019.slice(2), 'dual-use-eu-maximum'],
      ],
    ]);
  });

  it('given any version, then its label is the one decisions record on each of its days', () => {
    for (const version of policyVersions(DUTCH_VALIDITY_POLICY)) {
      for (const day of [version.inForceFrom, version.inForceUntil]) {
        if (day) expect(policyVersionOn(DUTCH_VALIDITY_POLICY, day)).toBe(version.version);
      }
    }
  });

  it('given a row that stopped applying, then the day after its last day starts a version without it', () => {
    const policy: ValidityPolicy = {
      id: 'p',
      title: 't',
      rules: [
        {
          id: 'old',
          description: '',
          effect: 'period',
          months: 24,
          inForceUntil: '2020-06-30' as LocalDate,
          scope: {},
          source: { reference: 'r' },
        },
        { id: 'base', description: '', effect: 'period', months: 12, scope: {}, source: { reference: 'r' } },
      ],
    };

    expect(policyVersions(policy).map((v) => [v.version, v.inForceUntil, v.rows.map((r) => r.id)])).toEqual([
      ['p@initial', '2020-06-30', ['old', 'base']],
      ['p@2020-07-01', undefined, ['base']],
    ]);
  });
});
