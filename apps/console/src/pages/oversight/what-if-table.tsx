import {
  Table,
  TableBody,
  TableCaption,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
} from '@utrecht/component-library-react';
import type { WhatIfLicence } from '../../api/oversight.types';
import { AppLink } from '../../components/app-link';
import { defineMessages, useFormats, useLanguage, useMessages } from '../../i18n/i18n';
import { categoryMessages, kindMessages } from '../../vocabulary/case.vocabulary';
import { countryName } from '../../vocabulary/country.vocabulary';

const messages = defineMessages({
  nl: {
    caption: 'Vergunningen in de periode: wat is besloten en wat de variant zou geven',
    caseId: 'Zaak',
    destinations: 'Bestemming',
    kind: 'Soort en categorie',
    issuedOn: 'Verleend op',
    basis: 'Termijn volgens de variant',
    covered: 'Valt onder de variant',
    months: 'Maanden (besloten / variant)',
    validUntil: 'Geldig tot (besloten / variant)',
    difference: 'Verschil in dagen',
    extensions: 'Verlengingen (niet nodig)',
    revocation: 'Intrekking',
    yes: 'Ja',
    no: 'Nee',
    contractTerm: (months: number | null) => `Contracttermijn${months === null ? '' : ` ${months} mnd`}`,
    nationalRule: 'Nationale regel',
    none: '–',
    revokedOn: (date: string, actual: number, whatIf: number) =>
      `op ${date}; nog ${actual} dagen geldig, onder de variant ${whatIf}`,
    replay: (id: string) => `Zaak ${id} herafspelen`,
  },
  en: {
    caption: 'Licences in the period: what was decided and what the variant would give',
    caseId: 'Case',
    destinations: 'Destination',
    kind: 'Kind and category',
    issuedOn: 'Issued on',
    basis: 'Period under the variant',
    covered: 'Covered by the variant',
    months: 'Months (decided / variant)',
    validUntil: 'Valid until (decided / variant)',
    difference: 'Difference in days',
    extensions: 'Extensions (not needed)',
    revocation: 'Revocation',
    yes: 'Yes',
    no: 'No',
    contractTerm: (months: number | null) => `Contract term${months === null ? '' : ` ${months} months`}`,
    nationalRule: 'National rule',
    none: '–',
    revokedOn: (date: string, actual: number, whatIf: number) =>
      `on ${date}; ${actual} days of validity left, under the variant ${whatIf}`,
    replay: (id: string) => `Replay case ${id}`,
  },
});

/** One page of the what-if's licences, the decided value beside the variant's. */
export function WhatIfTable({ licences }: { licences: readonly WhatIfLicence[] }) {
  const t = useMessages(messages);
  const kinds = useMessages(kindMessages) as Readonly<Record<string, string>>;
  const categories = useMessages(categoryMessages) as Readonly<Record<string, string>>;
  const { language } = useLanguage();
  const formats = useFormats();
  return (
    <div className="console-table-wrap">
      <Table>
        <TableCaption>{t.caption}</TableCaption>
        <TableHeader>
          <TableRow>
            {[
              t.caseId,
              t.destinations,
              t.kind,
              t.issuedOn,
              t.basis,
              t.covered,
              t.months,
              t.validUntil,
              t.difference,
              t.extensions,
              t.revocation,
            ].map((name) => (
              <TableHeaderCell key={name} scope="col">
                {name}
              </TableHeaderCell>
            ))}
          </TableRow>
        </TableHeader>
        <TableBody>
          {licences.map((l) => (
            <TableRow key={l.caseId} data-testid="what-if-row">
              <TableCell>
                <AppLink to={`/oversight/cases/${l.caseId}`} aria-label={t.replay(l.caseId)}>
                  <code>{l.caseId.slice(0, 8)}</code>
                </AppLink>
              </TableCell>
              <TableCell>{l.destinations.map((c) => countryName(c, language)).join(', ')}</TableCell>
              <TableCell>
                {kinds[l.kind] ?? l.kind}, {categories[l.goodsCategory] ?? l.goodsCategory}
              </TableCell>
              <TableCell>{formats.date(l.issuedOn)}</TableCell>
              <TableCell>
                {l.basis === 'contract-term' ? t.contractTerm(l.contractTermMonths) : t.nationalRule}
              </TableCell>
              <TableCell>{l.coveredByVariant ? t.yes : t.no}</TableCell>
              <TableCell>
                {l.months.actual ?? t.none} / {l.months.whatIf}
              </TableCell>
              <TableCell>
                {formats.date(l.validUntil.actual)} / {formats.date(l.validUntil.whatIf)}
              </TableCell>
              <TableCell>{l.differenceDays > 0 ? `+${l.differenceDays}` : l.differenceDays}</TableCell>
              <TableCell>
                {l.extensions} ({l.extensionsNotNeeded})
              </TableCell>
              <TableCell>
                {l.revocation
                  ? t.revokedOn(
                      formats.date(l.revocation.revokedOn),
                      l.revocation.actualDaysAfterRevocation,
                      l.revocation.whatIfDaysAfterRevocation,
                    )
                  : t.none}
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </div>
  );
}
