import type { LocalDate } from '../shared/local-date';
import { compareDates, localDate } from '../shared/local-date';

/**
 * Country groups used by the licensing rules. Membership changes over time, so it is
 * always evaluated on a given date (the decision date), never "today".
 *
 * NATO+ in Dutch practice is a group, not a treaty: the NATO members plus Australia,
 * Japan, New Zealand and Switzerland (the CDIU handles applications for "EU,
 * NAVO-lidstaten, Zwitserland, Japan, Australië en Nieuw-Zeeland"). The data below holds
 * only the four non-NATO countries as explicit 'NATO+' rows; `countryGroupsOn` reports
 * 'NATO+' for a country that on that date is either a NATO member or holds one of
 * those four rows.
 */
export type CountryGroup = 'EU' | 'NATO' | 'NATO+';

export interface Membership {
  country: string;
  group: 'EU' | 'NATO' | 'NATO+';
  from: LocalDate;
  /** Last day of membership, inclusive; absent while the membership lasts. */
  until?: LocalDate;
  source: string;
}

export interface CountryGroupFacts {
  country: string;
  on: LocalDate;
  /** Sorted EU, NATO, NATO+. */
  groups: CountryGroup[];
  /** The membership rows the groups were derived from. */
  memberships: Membership[];
}

const EU_SOURCE = 'EU treaties of accession; UK withdrawal agreement (brief)';
const NATO_SOURCE = 'NATO accession (brief: recent accessions)';
const NATO_PLUS_SOURCE =
  'Kamerstuk 22054-157 (2010); CDIU practice: EU, NAVO, Zwitserland, Japan, Australië en Nieuw-Zeeland (brief); start date an assumption';

/** First day of the NATO+ rows for the four countries beyond NATO (see the rows below). */
export const NATO_PLUS_FROM = '2010-01-01';

function rows(
  group: CountryGroup,
  countries: string,
  from: string,
  source: string,
  until?: string,
): Membership[] {
  return countries.split(' ').map((country) =>
    Object.freeze({
      country,
      group,
      from: localDate(from),
      ...(until === undefined ? {} : { until: localDate(until) }),
      source,
    }),
  );
}

export const COUNTRY_GROUP_MEMBERSHIPS: readonly Membership[] = Object.freeze([
  // European Union (EEC from 1958).
  ...rows('EU', 'BE DE FR IT LU NL', '1958-01-01', EU_SOURCE),
  ...rows('EU', 'DK IE', '1973-01-01', EU_SOURCE),
  // The United Kingdom left the EU on 2020-01-31: its last day as a member.
  ...rows('EU', 'GB', '1973-01-01', EU_SOURCE, '2020-01-31'),
  ...rows('EU', 'GR', '1981-01-01', EU_SOURCE),
  ...rows('EU', 'ES PT', '1986-01-01', EU_SOURCE),
  ...rows('EU', 'AT FI SE', '1995-01-01', EU_SOURCE),
  ...rows('EU', 'CY CZ EE HU LV LT MT PL SK SI', '2004-05-01', EU_SOURCE),
  ...rows('EU', 'BG RO', '2007-01-01', EU_SOURCE),
  ...rows('EU', 'HR', '2013-07-01', EU_SOURCE),
  // NATO, by accession date.
  ...rows('NATO', 'BE CA DK FR IS IT LU NL NO PT GB US', '1949-08-24', NATO_SOURCE),
  ...rows('NATO', 'GR TR', '1952-02-18', NATO_SOURCE),
  ...rows('NATO', 'DE', '1955-05-06', NATO_SOURCE),
  ...rows('NATO', 'ES', '1982-05-30', NATO_SOURCE),
  ...rows('NATO', 'CZ HU PL', '1999-03-12', NATO_SOURCE),
  ...rows('NATO', 'BG EE LV LT RO SK SI', '2004-03-29', NATO_SOURCE),
  ...rows('NATO', 'AL HR', '2009-04-01', NATO_SOURCE),
  ...rows('NATO', 'ME', '2017-06-05', NATO_SOURCE),
  ...rows('NATO', 'MK', '2020-03-27', NATO_SOURCE),
  ...rows('NATO', 'FI', '2023-04-04', NATO_SOURCE),
  ...rows('NATO', 'SE', '2024-03-07', NATO_SOURCE),
  // NATO+ beyond NATO itself. The group is older than the three-year rule of 2019: Kamerstuk
  // 22054-157 (2010) names it. Assumption: the exact date of that letter is not verified, so the
  // rows start on the first day of 2010; the group may be older still, and no rule before
  // 2019-04-17 depends on it.
  ...rows('NATO+', 'AU JP NZ CH', NATO_PLUS_FROM, NATO_PLUS_SOURCE),
]);

/** NATO members that the allied (3-year) rule nevertheless does not cover. */
export const EXCLUDED_FROM_ALLIED_RULE: readonly { country: string; source: string }[] = Object.freeze([
  { country: 'TR', source: 'letter BZ2408569: "met uitzondering van Turkije"' },
]);

const GROUP_ORDER: readonly CountryGroup[] = ['EU', 'NATO', 'NATO+'];

function holdsOn(membership: Membership, on: LocalDate): boolean {
  return (
    compareDates(membership.from, on) <= 0 &&
    (membership.until === undefined || compareDates(on, membership.until) <= 0)
  );
}

/**
 * The groups `country` belongs to on `on`, with the membership rows relied on.
 * A NATO membership also places the country in NATO+.
 */
export function countryGroupsOn(country: string, on: LocalDate): CountryGroupFacts {
  const memberships = COUNTRY_GROUP_MEMBERSHIPS.filter((m) => m.country === country && holdsOn(m, on));
  const held = new Set<CountryGroup>(memberships.map((m) => m.group));
  if (held.has('NATO')) held.add('NATO+');
  return {
    country,
    on,
    groups: GROUP_ORDER.filter((group) => held.has(group)),
    memberships: memberships.map((m) => ({ ...m })),
  };
}
