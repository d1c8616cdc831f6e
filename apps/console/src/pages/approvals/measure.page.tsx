import { Heading1, Heading2, Paragraph, StatusBadge } from '@utrecht/component-library-react';
import { useState } from 'react';
import { useParams } from 'react-router';
import type { MeasureView } from '../../api/measure.types';
import { useSession } from '../../auth/session-context';
import { AppLink } from '../../components/app-link';
import { ProblemAlert } from '../../components/problem-alert';
import { useApi } from '../../components/use-api';
import { defineMessages, useMessages } from '../../i18n/i18n';
import { usePageTitle } from '../../layout/page-title';
import { measureStatusMessages } from './approval.messages';
import { DoneNotice } from './approval-notes';
import { MeasureActions } from './measure-actions';
import { MeasureFacts, useCountryLabel } from './measure-facts';
import { MeasureProgress } from './measure-progress';
import { MeasureReassessments } from './measure-reassessments';
import './approvals.css';

const messages = defineMessages({
  nl: {
    title: 'Landenmaatregel',
    titleFor: (country: string) => `Landenmaatregel voor ${country}`,
    loading: 'De maatregel wordt geladen…',
    status: 'Status:',
    details: 'Gegevens',
    actions: 'Acties',
    back: 'Terug naar de goedkeuringen',
  },
  en: {
    title: 'Country measure',
    titleFor: (country: string) => `Country measure for ${country}`,
    loading: 'Loading the measure…',
    status: 'Status:',
    details: 'Details',
    actions: 'Actions',
    back: 'Back to approvals',
  },
});

/** One country measure: what it is, who took each step, how far it got, and the next step. */
export function MeasurePage() {
  const t = useMessages(messages);
  const statuses = useMessages(measureStatusMessages);
  const country = useCountryLabel();
  const { id = '' } = useParams();
  const { session, api } = useSession();
  const [notice, setNotice] = useState<string>();
  const { data, error, loading, reload } = useApi(
    () => api.get<MeasureView>(`/api/measures/${encodeURIComponent(id)}`),
    `measure:${id}`,
  );
  const measure = data?.id === id ? data : undefined;
  const title = measure ? t.titleFor(country(measure.destination)) : t.title;
  usePageTitle(title);
  const senior = session.actingRole === 'senior-assessor';
  return (
    <>
      <Heading1>{title}</Heading1>
      <DoneNotice message={notice} />
      <ProblemAlert error={error} />
      {loading && !measure && <Paragraph>{t.loading}</Paragraph>}
      {measure && (
        <>
          <Paragraph>
            {t.status} <StatusBadge status={measure.status}>{statuses[measure.status]}</StatusBadge>
          </Paragraph>
          <section className="console-approval-section" aria-labelledby="details-heading">
            <Heading2 id="details-heading">{t.details}</Heading2>
            <MeasureFacts measure={measure} />
          </section>
          {senior && (measure.status === 'proposed' || measure.status === 'approved') && (
            <section className="console-approval-section" aria-labelledby="actions-heading">
              <Heading2 id="actions-heading">{t.actions}</Heading2>
              <MeasureActions
                measure={measure}
                onDone={(message) => {
                  reload();
                  setNotice(message);
                }}
              />
            </section>
          )}
          <MeasureProgress measure={measure} />
          <MeasureReassessments measure={measure} />
        </>
      )}
      {senior && (
        <Paragraph>
          <AppLink to="/approvals">{t.back}</AppLink>
        </Paragraph>
      )}
    </>
  );
}
