import { defineMessages } from '../../i18n/i18n';

export const findMessages = defineMessages({
  nl: {
    title: 'Zaken zoeken',
    intro: 'Zoek sondages, aanvragen en vergunningen. Laat een veld leeg om er niet op te filteren.',
    filters: 'Zoekfilters',
    any: 'Alle',
    status: 'Status',
    destination: 'Bestemming (ISO-code van 2 letters)',
    destinationHelp: 'Vindt een zaak als een van haar bestemmingen dit land is, bijvoorbeeld DE.',
    destinationIs: (name: string) => `Land: ${name}.`,
    goodsCategory: 'Categorie goederen',
    controlListEntry: 'Rubriek van de controlelijst',
    controlListEntryHelp: 'Vindt ook de onderdelen: ML10 vindt ML10.a.',
    kind: 'Soort vergunning',
    onHold: 'Aangehouden',
    onHoldYes: 'Alleen aangehouden zaken',
    onHoldNo: 'Alleen zaken die niet zijn aangehouden',
    past: 'Terug in de tijd',
    pastHelp:
      'Het verleden kent twee betekenissen. Een geldigheidsdatum kijkt naar de werkelijkheid van toen met alles wat nu bekend is; een registratietijdstip toont wat het systeem toen wist.',
    validOn: 'Geldig op (datum)',
    validOnHelp:
      'Alleen de vergunningen die op deze dag geldig waren: verleend, ingegaan en niet verlopen, ingetrokken of geschorst. Gebruikt alles wat nu bekend is.',
    asOf: 'Zoals bekend op (tijdstip)',
    asOfHelp: (zone: string) =>
      `Laat alles weg wat na dit tijdstip is vastgelegd: de lijst zoals het systeem haar toen kende. Tijd in tijdzone ${zone}.`,
    search: 'Zoeken',
    clear: 'Filters wissen',
    results: 'Gevonden zaken',
    empty: 'Geen zaken gevonden met deze filters.',
  },
  en: {
    title: 'Find cases',
    intro: 'Find sondages, applications and licences. Leave a field empty not to filter on it.',
    filters: 'Search filters',
    any: 'Any',
    status: 'Status',
    destination: 'Destination (2-letter ISO code)',
    destinationHelp: 'Finds a case when any of its destinations is this country, e.g. DE.',
    destinationIs: (name: string) => `Country: ${name}.`,
    goodsCategory: 'Goods category',
    controlListEntry: 'Control list entry',
    controlListEntryHelp: 'Also finds its sub-items: ML10 finds ML10.a.',
    kind: 'Kind of licence',
    onHold: 'On hold',
    onHoldYes: 'Only cases on hold',
    onHoldNo: 'Only cases not on hold',
    past: 'Back in time',
    pastHelp:
      'The past has two senses. A validity date looks at the situation then with everything known now; a recorded instant shows what the system knew then.',
    validOn: 'Valid on (date)',
    validOnHelp:
      'Only the licences valid on this day: issued, started and not expired, revoked or suspended. Uses everything known now.',
    asOf: 'As known at (instant)',
    asOfHelp: (zone: string) =>
      `Leaves out everything recorded after this instant: the list as the system knew it then. Time in time zone ${zone}.`,
    search: 'Search',
    clear: 'Clear filters',
    results: 'Cases found',
    empty: 'No cases found with these filters.',
  },
});
