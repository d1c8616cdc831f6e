import {
  Heading2,
  Paragraph,
  Table,
  TableBody,
  TableCaption,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
} from '@utrecht/component-library-react';
import { REASSESSMENT_OUTCOMES } from '../../api/measure.types';
import type { MeasureView } from '../../api/measure.types';
import { AppLink } from '../../components/app-link';
import { Pager } from '../../components/pager';
import { defineMessages, useFormats, useMessages } from '../../i18n/i18n';
import { usePageParam } from './use-page-param';

const PAGE_SIZE = 50;

const messages = defineMessages({
  nl: {
    heading: 'Herbeoordelingen',
    notPaged:
      'De API geeft de hele werklijst van de maatregel in één antwoord, zonder paginering; de console toont haar hier in pagina’s van 50.',
    none: 'Deze maatregel vroeg (nog) geen herbeoordelingen.',
    totals: 'Uitkomsten in totaal',
    caption: 'Vergunningen op de werklijst en de uitkomst van hun herbeoordeling',
    licence: 'Vergunning',
    outcome: 'Uitkomst',
    pending: 'Nog te beoordelen',
    maintained: 'Gehandhaafd',
    'revocation-proposed': 'Intrekking voorgesteld',
    'not-applicable': 'Niet van toepassing',
    caseLabel: (id: string) => `Zaak ${id}`,
  },
  en: {
    heading: 'Reassessments',
    notPaged:
      'The API answers the measure’s whole work list at once, without paging; the console shows it here in pages of 50.',
    none: 'This measure has not asked for any reassessment (yet).',
    totals: 'Outcomes in total',
    caption: 'Licences on the work list and the outcome of their reassessment',
    licence: 'Licence',
    outcome: 'Outcome',
    pending: 'Still to assess',
    maintained: 'Maintained',
    'revocation-proposed': 'Revocation proposed',
    'not-applicable': 'Not applicable',
    caseLabel: (id: string) => `Case ${id}`,
  },
});

/** The licences the measure asked to reassess, each with what its reassessment decided. */
export function MeasureReassessments({ measure }: { measure: MeasureView }) {
  const t = useMessages(messages);
  const formats = useFormats();
  const [requested, setPage] = usePageParam();
  const page = Math.min(requested, Math.max(1, Math.ceil(measure.reassessments.length / PAGE_SIZE)));
  const shown = measure.reassessments.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE);
  return (
    <section className="console-approval-section" aria-labelledby="reassessments-heading">
      <Heading2 id="reassessments-heading">{t.heading}</Heading2>
      {measure.reassessments.length === 0 ? (
        <Paragraph>{t.none}</Paragraph>
      ) : (
        <>
          <Paragraph>
            {t.totals}:{' '}
            {REASSESSMENT_OUTCOMES.map((o) => `${t[o]} ${formats.number(measure.outcomes[o])}`).join(', ')}
          </Paragraph>
          <Paragraph>{t.notPaged}</Paragraph>
          <Table>
            <TableCaption>{t.caption}</TableCaption>
            <TableHeader>
              <TableRow>
                <TableHeaderCell scope="col">{t.licence}</TableHeaderCell>
                <TableHeaderCell scope="col">{t.outcome}</TableHeaderCell>
              </TableRow>
            </TableHeader>
            <TableBody>
              {shown.map(({ caseId, outcome }) => (
                <TableRow key={caseId}>
                  <TableHeaderCell scope="row">
                    <AppLink to={`/cases/${caseId}`} aria-label={t.caseLabel(caseId)}>
                      <code>{caseId.slice(0, 8)}</code>
                    </AppLink>
                  </TableHeaderCell>
                  <TableCell>{t[outcome]}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
          <Pager page={page} pageSize={PAGE_SIZE} total={measure.reassessments.length} onPage={setPage} />
        </>
      )}
    </section>
  );
}
