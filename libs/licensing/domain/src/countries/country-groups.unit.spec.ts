import { localDate } from '../shared/local-date';
import type { CountryGroup } from './country-groups';
import {
  COUNTRY_GROUP_MEMBERSHIPS,
  EXCLUDED_FROM_ALLIED_RULE,
  NATO_PLUS_FROM,
  countryGroupsOn,
} from './country-groups';
import { isIsoCountryCode } from './iso-3166-alpha2';

const groupsOf = (country: string, on: string): CountryGroup[] =>
  countryGroupsOn(country, localDate(on)).groups;

describe('countryGroupsOn', () => {
  describe('recent NATO accessions', () => {
    it('given Finland, when evaluated the day before accession, then it is EU but not NATO or NATO+', () => {
      expect(groupsOf('FI', '2023-04-03')).toEqual(['EU']);
    });

    it('given Finland, when evaluated on its accession day, then it is EU, NATO and NATO+', () => {
      expect(groupsOf('FI', '2023-04-04')).toEqual(['EU', 'NATO', 'NATO+']);
    });

    it('given Sweden, when evaluated around 2024-03-07, then it is NATO from that day on', () => {
      expect(groupsOf('SE', '2024-03-06')).toEqual(['EU']);
      expect(groupsOf('SE', '2024-03-07')).toEqual(['EU', 'NATO', 'NATO+']);
    });

    it('given North Macedonia, when evaluated around 2020-03-27, then it is NATO from that day on', () => {
      expect(groupsOf('MK', '2020-03-26')).toEqual([]);
      expect(groupsOf('MK', '2020-03-27')).toEqual(['NATO', 'NATO+']);
    });

    it('given Montenegro, when evaluated around 2017-06-05, then it is NATO from that day on', () => {
      expect(groupsOf('ME', '2017-06-04')).toEqual([]);
      expect(groupsOf('ME', '2017-06-05')).toEqual(['NATO', 'NATO+']);
    });
  });

  describe('the United Kingdom leaving the EU', () => {
    it('given GB, when evaluated on 2020-01-31, then it is still EU and NATO', () => {
      expect(groupsOf('GB', '2020-01-31')).toEqual(['EU', 'NATO', 'NATO+']);
    });

    it('given GB, when evaluated on 2020-02-01, then it is NATO but no longer EU', () => {
      expect(groupsOf('GB', '2020-02-01')).toEqual(['NATO', 'NATO+']);
    });
  });

  describe('NATO+ beyond NATO', () => {
    it.each(['JP', 'CH', 'AU', 'NZ'])(
      'given %s, when evaluated, then it is NATO+ but neither NATO nor EU',
      (c) => {
        expect(groupsOf(c, '2024-06-01')).toEqual(['NATO+']);
      },
    );

    // Kamerstuk 22054-157 (2010) already names the group; it does not start with the 3-year rule.
    it.each(['JP', 'CH', 'AU', 'NZ'])(
      'given %s, when evaluated on 2009-12-31 and on 2010-01-01, then it is NATO+ only from 2010-01-01',
      (c) => {
        expect(NATO_PLUS_FROM).toBe('2010-01-01');
        expect(groupsOf(c, '2009-12-31')).toEqual([]);
        expect(groupsOf(c, '2010-01-01')).toEqual(['NATO+']);
      },
    );

    it('given Japan, when evaluated the day before the 3-year rule came into force, then it is already NATO+', () => {
      expect(groupsOf('JP', '2019-04-16')).toEqual(['NATO+']);
      expect(groupsOf('JP', '2015-06-01')).toEqual(['NATO+']);
    });
  });

  describe('other countries', () => {
    it('given Turkey, when evaluated, then it is NATO (and NATO+) but not EU', () => {
      expect(groupsOf('TR', '2024-06-01')).toEqual(['NATO', 'NATO+']);
    });

    it('given Turkey, then it is listed as excluded from the allied rule with its source', () => {
      expect(EXCLUDED_FROM_ALLIED_RULE).toEqual([
        { country: 'TR', source: 'letter BZ2408569: "met uitzondering van Turkije"' },
      ]);
    });

    it('given the United States, when evaluated, then it is NATO but not EU', () => {
      expect(groupsOf('US', '2024-06-01')).toEqual(['NATO', 'NATO+']);
    });

    it('given Russia, when evaluated, then it belongs to no group', () => {
      const facts = countryGroupsOn('RU', localDate('2024-06-01'));
      expect(facts.groups).toEqual([]);
      expect(facts.memberships).toEqual([]);
    });

    it('given Croatia, when evaluated around 2013-07-01, then it is EU from that day on', () => {
      expect(groupsOf('HR', '2013-06-30')).toEqual(['NATO', 'NATO+']);
      expect(groupsOf('HR', '2013-07-01')).toEqual(['EU', 'NATO', 'NATO+']);
    });

    it('given the Netherlands, when evaluated, then it is EU, NATO and NATO+', () => {
      expect(groupsOf('NL', '2024-06-01')).toEqual(['EU', 'NATO', 'NATO+']);
    });

    it('given a lowercase code, when evaluated, then nothing matches (callers normalise)', () => {
      expect(groupsOf('nl', '2024-06-01')).toEqual([]);
    });
  });

  describe('the facts', () => {
    it('given Finland on 2023-04-04, then the facts name the country, date and the rows relied on', () => {
      const facts = countryGroupsOn('FI', localDate('2023-04-04'));
      expect(facts.country).toBe('FI');
      expect(facts.on).toBe('2023-04-04');
      expect(facts.memberships).toEqual([
        { country: 'FI', group: 'EU', from: '1995-01-01', source: expect.stringContaining('EU') },
        { country: 'FI', group: 'NATO', from: '2023-04-04', source: expect.stringContaining('NATO') },
      ]);
    });

    it('given GB after leaving the EU, then only the NATO row is relied on', () => {
      const facts = countryGroupsOn('GB', localDate('2020-02-01'));
      expect(facts.memberships.map((m) => m.group)).toEqual(['NATO']);
    });

    it('given GB while in the EU, then the EU row with its last day is relied on', () => {
      const facts = countryGroupsOn('GB', localDate('2020-01-31'));
      expect(facts.memberships.find((m) => m.group === 'EU')).toMatchObject({
        from: '1973-01-01',
        until: '2020-01-31',
      });
    });

    it('given Switzerland, then the NATO+ row relied on cites Kamerstuk 22054-157 and CDIU practice', () => {
      const facts = countryGroupsOn('CH', localDate('2024-06-01'));
      expect(facts.memberships).toEqual([
        {
          country: 'CH',
          group: 'NATO+',
          from: '2010-01-01',
          source: expect.stringMatching(/22054-157.*CDIU practice/),
        },
      ]);
    });

    it('given any country and date, then every group reported is backed by a membership row', () => {
      for (const country of ['FI', 'SE', 'GB', 'TR', 'JP', 'NL', 'RU']) {
        const facts = countryGroupsOn(country, localDate('2024-06-01'));
        const backed = new Set(facts.memberships.map((m) => m.group));
        for (const group of facts.groups) {
          expect(backed.has(group) || (group === 'NATO+' && backed.has('NATO'))).toBe(true);
        }
      }
    });
  });

  describe('the membership data', () => {
    it('given every row, then it uses an ISO code, valid dates and a source', () => {
      for (const m of COUNTRY_GROUP_MEMBERSHIPS) {
        expect(isIsoCountryCode(m.country)).toBe(true);
        expect(localDate(m.from)).toBe(m.from);
        if (m.until !== undefined) expect(m.from <= m.until).toBe(true);
        expect(m.source.length).toBeGreaterThan(0);
      }
    });

    it('given the data, then the EU has 27 members and NATO 32 members today', () => {
      const count = (group: CountryGroup) =>
        COUNTRY_GROUP_MEMBERSHIPS.filter((m) => m.group === group && m.until === undefined).length;
      expect(count('EU')).toBe(27);
      expect(count('NATO')).toBe(32);
    });

    it('given the data, then no country holds two rows for the same group', () => {
      const keys = COUNTRY_GROUP_MEMBERSHIPS.map((m) => `${m.country}:${m.group}`);
      expect(new Set(keys).size).toBe(keys.length);
    });
  });
});
