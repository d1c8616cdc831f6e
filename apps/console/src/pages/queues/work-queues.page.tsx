import { Heading1, Heading2, Paragraph } from '@utrecht/component-library-react';
import { useState } from 'react';
import { useSession } from '../../auth/session-context';
import type { Page } from '../../api/licence.types';
import { todayInAmsterdam } from '../../components/cases/calendar-dates';
import { CaseResults } from '../../components/cases/case-results';
import type { CaseColumn, CaseRow } from '../../components/cases/case-table';
import { usePageParam } from '../../components/cases/use-page-param';
import { useApi } from '../../components/use-api';
import { queryString } from '../../api/api-client';
import { defineMessages, useFormats, useMessages } from '../../i18n/i18n';
import { usePageTitle } from '../../layout/page-title';
import { QUEUES, queueQuery } from './queue-queries';
import type { QueueName } from './queue-queries';

const messages = defineMessages({
  nl: {
    title: 'Werkvoorraad',
    intro: 'Zaken die op u wachten, de oudste eerst. Een aangehouden zaak is gemarkeerd.',
    sondages: 'Sondages die op een antwoord wachten',
    sondagesEmpty: 'Er wachten geen sondages op een antwoord.',
    applications: 'Aanvragen die op een besluit wachten',
    applicationsEmpty: 'Er wachten geen aanvragen op een besluit.',
    reassessments: 'Herbeoordelingen gevraagd door landenmaatregelen',
    reassessmentsEmpty: 'Er zijn geen herbeoordelingen gevraagd.',
    expiring: 'Vergunningen die binnen 90 dagen verlopen',
    expiringEmpty: 'Er verlopen binnen 90 dagen geen vergunningen.',
    registeredOn: 'Ingediend op',
    appliedOn: 'Aangevraagd op',
    requestedOn: 'Gevraagd op',
    expiresOn: 'Verloopt op',
  },
  en: {
    title: 'Work queues',
    intro: 'Cases waiting for you, oldest first. A case on hold is marked.',
    sondages: 'Sondages awaiting an answer',
    sondagesEmpty: 'No sondage is awaiting an answer.',
    applications: 'Applications awaiting a decision',
    applicationsEmpty: 'No application is awaiting a decision.',
    reassessments: 'Reassessments requested by country measures',
    reassessmentsEmpty: 'No reassessment has been requested.',
    expiring: 'Licences expiring within 90 days',
    expiringEmpty: 'No licence expires within 90 days.',
    registeredOn: 'Submitted on',
    appliedOn: 'Applied on',
    requestedOn: 'Requested on',
    expiresOn: 'Expires on',
  },
});

type Formats = ReturnType<typeof useFormats>;
type Texts = (typeof messages)['nl'];

/** Since when a case waits in its queue (or, for an expiring licence, until when it runs). */
function waitingColumn(queue: QueueName, t: Texts, f: Formats): CaseColumn {
  switch (queue) {
    case 'sondages':
      // The business date of the request (the last decision while it waits), not when it was typed in.
      return { header: t.registeredOn, cell: (row) => f.date(row.lastDecision.decisionDate) };
    case 'applications':
      return { header: t.appliedOn, cell: (row) => f.date(row.lastDecision.decisionDate) };
    case 'reassessments':
      return {
        header: t.requestedOn,
        cell: (row) => {
          const last = row.reassessmentRequests.at(-1);
          return last ? f.date(last.requestedOn) : '';
        },
      };
    case 'expiring':
      return { header: t.expiresOn, cell: (row) => (row.validUntil ? f.date(row.validUntil) : '') };
  }
}

function QueueSection({ queue, today }: { queue: QueueName; today: string }) {
  const t = useMessages(messages);
  const formats = useFormats();
  const { api } = useSession();
  const [page, setPage] = usePageParam(queue);
  const query = queueQuery(queue, today, page);
  const loaded = useApi(() => api.get<Page<CaseRow>>('/api/licences', query), queryString(query));
  const headingId = `queue-${queue}`;
  return (
    <section aria-labelledby={headingId}>
      <Heading2 id={headingId}>{t[queue]}</Heading2>
      <CaseResults
        loaded={loaded}
        name={{ labelledBy: headingId }}
        empty={t[`${queue}Empty`]}
        extra={[waitingColumn(queue, t, formats)]}
        onPage={setPage}
      />
    </section>
  );
}

export function WorkQueuesPage() {
  const t = useMessages(messages);
  usePageTitle(t.title);
  // The day is fixed when the page opens: a queue should not shift under the official at midnight.
  const [today] = useState(() => todayInAmsterdam());
  return (
    <>
      <Heading1>{t.title}</Heading1>
      <Paragraph>{t.intro}</Paragraph>
      {QUEUES.map((queue) => (
        <QueueSection key={queue} queue={queue} today={today} />
      ))}
    </>
  );
}
