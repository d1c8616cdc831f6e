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
import type { LicenceView, Page } from '../../api/licence.types';
import { useSession } from '../../auth/session-context';
import { AppLink } from '../../components/app-link';
import { Pager } from '../../components/pager';
import { ProblemAlert } from '../../components/problem-alert';
import { useApi } from '../../components/use-api';
import { defineMessages, useFormats, useLanguage, useMessages } from '../../i18n/i18n';
import { roleMessages } from '../../layout/role.messages';
import { countryName } from '../../vocabulary/country.vocabulary';
import { approvalMessages } from './approval.messages';
import { OwnProposalNote } from './approval-notes';
import { isOwnProposal } from '../../components/four-eyes';
import { usePageParam } from './use-page-param';

const PAGE_SIZE = 20;

const messages = defineMessages({
  nl: {
    heading: 'Voorstellen tot intrekking',
    intro:
      'Open voorstellen om een vergunning in te trekken. Goedkeuren of afwijzen doet u op de zaakpagina; de vergunning blijft geldig zolang het voorstel openstaat.',
    caption: 'Open voorstellen tot intrekking',
    licence: 'Vergunning',
    destination: 'Bestemming',
    proposedBy: 'Voorgesteld door',
    proposedOn: 'Voorgesteld op',
    circumstances: 'Omstandigheden',
    criteria: 'Criteria',
    fourEyes: 'Vier ogen',
    review: 'Beoordelen',
    reviewLabel: (applicant: string) => `Voorstel tot intrekking voor ${applicant} beoordelen`,
    none: 'Er staan geen voorstellen tot intrekking open.',
    loading: 'Voorstellen worden geladen…',
  },
  en: {
    heading: 'Revocation proposals',
    intro:
      'Open proposals to revoke a licence. You approve or reject them on the case page; the licence stays valid while the proposal is open.',
    caption: 'Open revocation proposals',
    licence: 'Licence',
    destination: 'Destination',
    proposedBy: 'Proposed by',
    proposedOn: 'Proposed on',
    circumstances: 'Circumstances',
    criteria: 'Criteria',
    fourEyes: 'Four eyes',
    review: 'Review',
    reviewLabel: (applicant: string) => `Review the revocation proposal for ${applicant}`,
    none: 'There are no open revocation proposals.',
    loading: 'Loading proposals…',
  },
});

/** Open revocation proposals, paged by the API; the case page holds the approve and reject forms. */
export function RevocationProposalsSection() {
  const t = useMessages(messages);
  const shared = useMessages(approvalMessages);
  const roles = useMessages(roleMessages);
  const { language } = useLanguage();
  const formats = useFormats();
  const { session, api } = useSession();
  const [page, setPage] = usePageParam();
  const { data, error, loading } = useApi(
    () =>
      api.get<Page<LicenceView>>('/api/licences', { revocationProposed: 'true', page, pageSize: PAGE_SIZE }),
    `revocations:${page}`,
  );
  const roleName = (role: string) => (role in roles ? roles[role as keyof typeof roles] : role);

  return (
    <section className="console-approval-section" aria-labelledby="revocations-heading">
      <Heading2 id="revocations-heading">{t.heading}</Heading2>
      <Paragraph>{t.intro}</Paragraph>
      <ProblemAlert error={error} />
      {loading && !data && <Paragraph>{t.loading}</Paragraph>}
      {data && data.total === 0 && <Paragraph>{t.none}</Paragraph>}
      {data && data.items.length > 0 && (
        <>
          <Table>
            <TableCaption>{t.caption}</TableCaption>
            <TableHeader>
              <TableRow>
                <TableHeaderCell scope="col">{t.licence}</TableHeaderCell>
                <TableHeaderCell scope="col">{t.destination}</TableHeaderCell>
                <TableHeaderCell scope="col">{t.proposedBy}</TableHeaderCell>
                <TableHeaderCell scope="col">{t.proposedOn}</TableHeaderCell>
                <TableHeaderCell scope="col">{t.circumstances}</TableHeaderCell>
                <TableHeaderCell scope="col">{t.criteria}</TableHeaderCell>
                <TableHeaderCell scope="col">{t.fourEyes}</TableHeaderCell>
              </TableRow>
            </TableHeader>
            <TableBody>
              {data.items.map((licence) => {
                const proposal = licence.revocationProposal;
                const own = isOwnProposal(session.sub, proposal?.proposedBy);
                return (
                  <TableRow key={licence.id}>
                    <TableHeaderCell scope="row">
                      <AppLink to={`/cases/${licence.id}`}>{licence.applicant.name}</AppLink>
                    </TableHeaderCell>
                    <TableCell>
                      {licence.destinations.map((d) => countryName(d.country, language)).join(', ')}
                    </TableCell>
                    <TableCell>
                      {proposal &&
                        shared.official(proposal.proposedBy.sub, roleName(proposal.proposedBy.role))}
                    </TableCell>
                    <TableCell>{proposal && formats.date(proposal.proposedOn)}</TableCell>
                    <TableCell>{proposal?.circumstances}</TableCell>
                    <TableCell>{proposal?.criteria.join(', ')}</TableCell>
                    <TableCell>
                      {own ? (
                        <OwnProposalNote text={shared.ownRevocation} />
                      ) : (
                        <AppLink
                          to={`/cases/${licence.id}`}
                          aria-label={t.reviewLabel(licence.applicant.name)}
                        >
                          {t.review}
                        </AppLink>
                      )}
                    </TableCell>
                  </TableRow>
                );
              })}
            </TableBody>
          </Table>
          <Pager page={data.page} pageSize={data.pageSize} total={data.total} onPage={setPage} />
        </>
      )}
    </section>
  );
}
