import { defineMessages } from '../../i18n/i18n';
import type { PeriodKind, ReportFormat, ReportName } from '../../api/report.types';

export const reportNameMessages = defineMessages({
  nl: {
    'eu-annual': 'EU-jaarrapport (Gemeenschappelijk Standpunt, art. 8)',
    issued: 'Verleende vergunningen en afwijzingen (maand- en kwartaalpublicatie)',
    'large-licences': 'Vergunningen boven € 2 miljoen',
    'yearly-overview': 'Jaaroverzicht exportcontrolebeleid',
  } satisfies Record<ReportName, string>,
  en: {
    'eu-annual': 'EU annual report (Common Position, art. 8)',
    issued: 'Licences issued and denials (monthly and quarterly publication)',
    'large-licences': 'Licences above EUR 2 million',
    'yearly-overview': 'Yearly overview of export control policy',
  } satisfies Record<ReportName, string>,
});

export const periodKindMessages = defineMessages({
  nl: {
    year: 'Kalenderjaar',
    quarter: 'Kwartaal',
    month: 'Maand',
    range: 'Van en tot en met een datum',
  } satisfies Record<PeriodKind, string>,
  en: {
    year: 'Calendar year',
    quarter: 'Quarter',
    month: 'Month',
    range: 'From and up to a date',
  } satisfies Record<PeriodKind, string>,
});

export const formatMessages = defineMessages({
  nl: {
    html: 'HTML (opent in een nieuw venster)',
    json: 'JSON (downloaden)',
    csv: 'CSV (downloaden)',
    md: 'Markdown (downloaden)',
  } satisfies Record<ReportFormat, string>,
  en: {
    html: 'HTML (opens in a new window)',
    json: 'JSON (download)',
    csv: 'CSV (download)',
    md: 'Markdown (download)',
  } satisfies Record<ReportFormat, string>,
});
