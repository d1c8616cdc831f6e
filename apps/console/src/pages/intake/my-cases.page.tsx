import { Heading1, Paragraph } from '@utrecht/component-library-react';
import { queryString } from '../../api/api-client';
import type { Page } from '../../api/licence.types';
import { useSession } from '../../auth/session-context';
import { AppLink } from '../../components/app-link';
import { CaseResults } from '../../components/cases/case-results';
import type { CaseRow } from '../../components/cases/case-table';
import { usePageParam } from '../../components/cases/use-page-param';
import { useApi } from '../../components/use-api';
import { defineMessages, useFormats, useMessages } from '../../i18n/i18n';
import { usePageTitle } from '../../layout/page-title';

const messages = defineMessages({
  nl: {
    title: 'Mijn zaken',
    intro: (name: string) => `De sondages en aanvragen die u als ${name} registreerde, de oudste eerst.`,
    caption: 'Zaken die u registreerde',
    empty: 'U hebt nog geen zaken geregistreerd.',
    register: 'Een nieuwe zaak registreren',
    registeredAt: 'Geregistreerd op',
  },
  en: {
    title: 'My cases',
    intro: (name: string) => `The sondages and applications you registered as ${name}, oldest first.`,
    caption: 'Cases you registered',
    empty: 'You have not registered any cases yet.',
    register: 'Register a new case',
    registeredAt: 'Registered on',
  },
});

const PAGE_SIZE = 25;

export function MyCasesPage() {
  const t = useMessages(messages);
  const formats = useFormats();
  const { api, session } = useSession();
  usePageTitle(t.title);
  const [page, setPage] = usePageParam('page');
  const query = { registeredBy: session.sub, page, pageSize: PAGE_SIZE };
  const loaded = useApi(() => api.get<Page<CaseRow>>('/api/licences', query), queryString(query));
  return (
    <>
      <Heading1>{t.title}</Heading1>
      <Paragraph>{t.intro(session.sub)}</Paragraph>
      <Paragraph>
        <AppLink to="/intake/new">{t.register}</AppLink>
      </Paragraph>
      <CaseResults
        loaded={loaded}
        name={{ caption: t.caption }}
        empty={t.empty}
        extra={[
          {
            header: t.registeredAt,
            cell: (row) => formats.instant(row.registeredAt),
          },
        ]}
        onPage={setPage}
      />
    </>
  );
}
