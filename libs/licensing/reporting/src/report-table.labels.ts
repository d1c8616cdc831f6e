import type { ReportLanguage } from './report.types';

/*
 * The words of the CSV and Markdown tables. The English table names and column headers are the
 * machine-readable keys consumers already read (camelCase, as in the JSON); the Dutch ones are
 * words for a Dutch reader. Values never change with the language in CSV.
 */

const DUTCH: Readonly<Record<string, string>> = {
  // tables
  report: 'rapport',
  rows: 'uitvoer',
  totals: 'uitvoer-totalen',
  'temporary-export-rows': 'tijdelijke-uitvoer',
  'temporary-export-totals': 'tijdelijke-uitvoer-totalen',
  'transit-rows': 'doorvoer',
  'transit-totals': 'doorvoer-totalen',
  'brokering-rows': 'bemiddeling',
  'brokering-totals': 'bemiddeling-totalen',
  notes: 'toelichting',
  military: 'militair',
  'dual-use': 'dual-use',
  denials: 'afwijzingen',
  licences: 'vergunningen',
  'value-by-category': 'waarde-per-categorie',
  'value-by-destination': 'waarde-per-bestemming',
  'licences-per-month': 'vergunningen-per-maand',
  'denials-by-goods-category': 'afwijzingen-per-goederensoort',
  revocations: 'intrekkingen',
  'validity-mix': 'geldigheidsduur',
  'validity-deviations': 'afwijkende-geldigheidsduur',
  activity: 'activiteit',
  'decision-days': 'beslistermijn',
  // columns
  period: 'periode',
  position: 'positie',
  policyVersion: 'beleidsversie',
  destination: 'bestemming',
  destinations: 'bestemmingen',
  destinationNameNl: 'naam (nl)',
  destinationNameEn: 'naam (en)',
  category: 'categorie',
  licencesIssued: 'vergunningen afgegeven',
  valueIssuedEur: 'waarde afgegeven (EUR)',
  actualExportsEur: 'feitelijke uitvoer (EUR)',
  note: 'toelichting',
  caseId: 'zaak',
  issuedOn: 'afgegeven op',
  deniedOn: 'afgewezen op',
  licenceKind: 'soort vergunning',
  exportType: 'soort uitvoer',
  goodsCategory: 'goederensoort',
  goodsDescription: 'goederen',
  controlListEntry: 'controlelijstnummer',
  valueEur: 'waarde (EUR)',
  validUntil: 'geldig tot',
  criteria: 'criteria',
  endUsers: 'eindgebruikers',
  totalValueEur: 'totale waarde (EUR)',
  month: 'maand',
  dualUse: 'dual-use',
  revokedOn: 'ingetrokken op',
  circumstances: 'omstandigheden',
  months: 'maanden',
  ruleMonths: 'maanden volgens regel',
  actualMonths: 'maanden werkelijk',
  extensions: 'verlengingen',
  sondagesRequested: 'sondages gevraagd',
  sondagesPositive: 'sondages positief',
  sondagesNegative: 'sondages negatief',
  'reassessments-suspensions-holds': 'herbeoordelingen-schorsingen-aanhoudingen',
  reassessments: 'herbeoordelingen',
  maintained: 'gehandhaafd',
  revocationProposed: 'intrekking voorgesteld',
  suspensions: 'schorsingen',
  reinstatements: 'opheffingen schorsing',
  holds: 'aanhoudingen',
  releases: 'vrijgegeven',
  decisions: 'besluiten',
  median: 'mediaan',
  p90: '90e percentiel',
  max: 'langste',
  // values that are words
  all: 'alle',
  'not recorded': 'niet vastgelegd',
  individual: 'individueel',
  global: 'globaal',
  transit: 'doorvoer',
  brokering: 'bemiddeling',
  definitive: 'definitief',
  temporary: 'tijdelijk',
};

/** The label in the report's language; English labels are the keys themselves. */
export function tableLabel(key: string, lang: ReportLanguage): string {
  if (lang === 'en') return key;
  if (/^criterion\d$/.test(key)) return `criterium ${key.slice('criterion'.length)}`;
  return DUTCH[key] ?? key;
}
