/**
 * Destination groups the demo draws from, chosen so that every branch of the validity rules and
 * every membership change the brief names shows up: EU, NATO (incl. the recent accessions),
 * NATO+, Turkey (NATO, yet outside the three-year rule), the United Kingdom (EU until 2020-01-31)
 * and non-allied destinations.
 */
export const DESTINATION_GROUPS = [
  'eu',
  'nato',
  'recent-accession',
  'united-kingdom',
  'turkey',
  'nato-plus',
  'non-allied',
] as const;
export type DestinationGroup = (typeof DESTINATION_GROUPS)[number];

export interface DemoDestination {
  readonly country: string;
  readonly name: string;
  readonly group: DestinationGroup;
  /** Member of the EU throughout the demo years: dual-use goods are not "exported" there (2021/821 art. 2(2)). */
  readonly eu: boolean;
}

const d = (group: DestinationGroup, eu: boolean, entries: string): DemoDestination[] =>
  entries.split(';').map((entry) => {
    const [country, name] = entry.split('=') as [string, string];
    return { country, name, group, eu };
  });

export const DESTINATIONS: readonly DemoDestination[] = [
  ...d(
    'eu',
    true,
    'DE=Germany;FR=France;BE=Belgium;ES=Spain;IT=Italy;PL=Poland;DK=Denmark;AT=Austria;PT=Portugal;GR=Greece;CZ=Czechia;RO=Romania;LT=Lithuania;EE=Estonia;IE=Ireland',
  ),
  ...d('nato', false, 'US=United States;CA=Canada;NO=Norway;AL=Albania;IS=Iceland'),
  // Finland (2023-04-04) and Sweden (2024-03-07) joined NATO as EU members; North Macedonia
  // (2020-03-27) and Montenegro (2017-06-05) are outside the EU, so their accession changes the rule.
  ...d('recent-accession', true, 'FI=Finland;SE=Sweden'),
  ...d('recent-accession', false, 'MK=North Macedonia;ME=Montenegro'),
  ...d('united-kingdom', false, 'GB=United Kingdom'),
  ...d('turkey', false, 'TR=Turkey'),
  ...d('nato-plus', false, 'AU=Australia;JP=Japan;NZ=New Zealand;CH=Switzerland'),
  ...d(
    'non-allied',
    false,
    'AE=United Arab Emirates;SA=Saudi Arabia;IN=India;EG=Egypt;BR=Brazil;ID=Indonesia;QA=Qatar;KR=Republic of Korea;SG=Singapore;MA=Morocco;ZA=South Africa;JO=Jordan;CL=Chile;MY=Malaysia;KW=Kuwait;TH=Thailand;MX=Mexico',
  ),
];

/** Shares of the cases per group, in percent. */
export const DESTINATION_GROUP_WEIGHTS: readonly (readonly [DestinationGroup, number])[] = [
  ['eu', 32],
  ['nato', 12],
  ['recent-accession', 8],
  ['united-kingdom', 6],
  ['turkey', 5],
  ['nato-plus', 9],
  ['non-allied', 28],
];

export function destinationsIn(group: DestinationGroup): DemoDestination[] {
  return DESTINATIONS.filter((destination) => destination.group === group);
}

export function destinationOf(country: string): DemoDestination {
  const found = DESTINATIONS.find((destination) => destination.country === country);
  if (!found) throw new RangeError(`No demo destination ${country}`);
  return found;
}

/** Groups whose licences the allied (three-year) rule can cover, as opposed to Turkey and non-allied ones. */
export function isAlliedGroup(group: DestinationGroup): boolean {
  return group !== 'turkey' && group !== 'non-allied';
}
