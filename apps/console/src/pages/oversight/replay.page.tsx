import {
  DataList,
  DataListItem,
  DataListKey,
  DataListValue,
  Heading2,
  Paragraph,
} from '@utrecht/component-library-react';
import { useParams } from 'react-router';
import type { CaseReplay } from '../../api/oversight.types';
import { useSession } from '../../auth/session-context';
import { AppLink } from '../../components/app-link';
import { ProblemAlert } from '../../components/problem-alert';
import { useApi } from '../../components/use-api';
import { defineMessages, useMessages } from '../../i18n/i18n';
import { FindingItem } from './finding-item';
import { severityMessages } from './finding.vocabulary';
import { placeFindings } from './replay-findings';
import { ReplayTimeline } from './replay-timeline';
import { OversightHeading } from './oversight-heading';
import './oversight.css';

const messages = defineMessages({
  nl: {
    title: 'Zaak herafspelen',
    intro:
      'Elke stap van de zaak opnieuw afgespeeld; elke verlening en verlenging opnieuw getoetst aan het beleid dat op de besluitdatum gold.',
    caseId: 'Zaak',
    openCase: 'Open de zaak',
    summary: 'Samenvatting',
    steps: 'Stappen',
    findings: 'Bevindingen',
    timeline: 'Tijdlijn',
    unplaced: 'Bevindingen zonder stap',
    unplacedIntro: 'Deze bevindingen horen bij geen van de stappen hierboven.',
    loading: 'De zaak wordt herafgespeeld…',
  },
  en: {
    title: 'Replay a case',
    intro:
      'Every step of the case replayed; every issue and extension re-checked against the policy in force on its decision date.',
    caseId: 'Case',
    openCase: 'Open the case',
    summary: 'Summary',
    steps: 'Steps',
    findings: 'Findings',
    timeline: 'Timeline',
    unplaced: 'Findings without a step',
    unplacedIntro: 'These findings belong to none of the steps above.',
    loading: 'Replaying the case…',
  },
});

export function ReplayPage() {
  const t = useMessages(messages);
  const severities = useMessages(severityMessages);
  const { id = '' } = useParams();
  const { api } = useSession();
  const { data, error, loading } = useApi(
    () => api.get<CaseReplay>(`/api/oversight/licences/${encodeURIComponent(id)}/replay`),
    id,
  );
  const placed = data && placeFindings(data.id, data.steps, data.findings);
  return (
    <>
      <OversightHeading title={t.title} intro={t.intro} />
      <ProblemAlert error={error} />
      {loading && <Paragraph aria-live="polite">{t.loading}</Paragraph>}
      {data && placed && (
        <>
          <Heading2>{t.summary}</Heading2>
          <DataList>
            <DataListItem>
              <DataListKey>{t.caseId}</DataListKey>
              <DataListValue>
                <code>{data.id}</code> (<AppLink to={`/cases/${data.id}`}>{t.openCase}</AppLink>)
              </DataListValue>
            </DataListItem>
            <DataListItem>
              <DataListKey>{t.steps}</DataListKey>
              <DataListValue>{data.steps.length}</DataListValue>
            </DataListItem>
            <DataListItem>
              <DataListKey>{t.findings}</DataListKey>
              <DataListValue>
                <span data-testid="finding-counts">
                  {severities.deviation}: {placed.counts.deviation}; {severities.note}: {placed.counts.note}
                </span>
              </DataListValue>
            </DataListItem>
          </DataList>
          <Heading2>{t.timeline}</Heading2>
          <ReplayTimeline steps={data.steps} findingsByRevision={placed.byRevision} />
          {placed.unplaced.length > 0 && (
            <section aria-labelledby="unplaced-findings">
              <Heading2 id="unplaced-findings">{t.unplaced}</Heading2>
              <Paragraph>{t.unplacedIntro}</Paragraph>
              {placed.unplaced.map((finding, i) => (
                <FindingItem key={`${finding.code}-${i}`} finding={finding} />
              ))}
            </section>
          )}
        </>
      )}
    </>
  );
}
