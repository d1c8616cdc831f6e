import { Alert, Button, Heading1, Heading2, Paragraph } from '@utrecht/component-library-react';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useParams, useSearchParams } from 'react-router';
import type { CommandResult, LicenceHistory, LicenceView } from '../../api/licence.types';
import { useSession } from '../../auth/session-context';
import { ProblemAlert } from '../../components/problem-alert';
import { Timeline } from '../../components/timeline/timeline';
import { useApi } from '../../components/use-api';
import { defineMessages, useMessages } from '../../i18n/i18n';
import { usePageTitle } from '../../layout/page-title';
import type { CaseAction } from './case-actions';
import { actionMessages } from './case-action.messages';
import { CaseActionPanel } from './case-action-panel';
import { CaseDetails, CaseStatus } from './case-details';
import { TimeTravelBanner, TimeTravelForm } from './case-time-travel';
import type { PointInTime } from './case-time-travel';
import './case.page.css';

const messages = defineMessages({
  nl: {
    title: 'Zaak',
    titleOf: (applicant: string) => `Zaak van ${applicant}`,
    loading: 'De zaak wordt geladen…',
    retry: 'Opnieuw laden',
    timeline: 'Tijdlijn van de besluiten',
    recorded: (action: string) => `Vastgelegd: ${action}. De zaak hieronder toont de nieuwe stand.`,
  },
  en: {
    title: 'Case',
    titleOf: (applicant: string) => `Case of ${applicant}`,
    loading: 'Loading the case…',
    retry: 'Load again',
    timeline: 'Timeline of decisions',
    recorded: (action: string) => `Recorded: ${action}. The case below shows its new state.`,
  },
});

const PARAMS = ['asOf', 'validOn', 'minPosition'] as const;

/** The case with its details, every decision, the past as known then, and the actions allowed now. */
export function CasePage() {
  const t = useMessages(messages);
  const actions = useMessages(actionMessages);
  const { id = '' } = useParams();
  const { api } = useSession();
  const [search, setSearch] = useSearchParams();
  const [asOf, validOn, minPosition] = PARAMS.map((name) => search.get(name) ?? undefined);
  const point: PointInTime = { asOf, validOn };
  const past = Boolean(asOf || validOn);
  const path = `/api/licences/${encodeURIComponent(id)}`;

  const loaded = useApi(
    () =>
      Promise.all([
        api.get<LicenceView>(path, { asOf, validOn, minPosition }),
        api.get<LicenceHistory>(`${path}/history`, { asOf, minPosition }),
      ]),
    JSON.stringify([path, asOf, validOn, minPosition]),
  );
  const [view, history] = loaded.data ?? [];
  const title = view ? t.titleOf(view.applicant.name) : t.title;
  usePageTitle(title);

  const [recorded, setRecorded] = useState<{ action: CaseAction; generation: number }>();
  const generation = recorded?.generation ?? 0;
  const recordedRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (recorded) recordedRef.current?.focus();
  }, [recorded]);

  const setPoint = (next: PointInTime) =>
    setSearch((current) => {
      const params = new URLSearchParams(current);
      for (const name of ['asOf', 'validOn'] as const) {
        const value = next[name];
        if (value) params.set(name, value);
        else params.delete(name);
      }
      return params;
    });

  // Read what was just recorded: the next GETs wait until the read models include its position.
  const onDone = useCallback(
    (action: CaseAction, result: CommandResult) => {
      setSearch(
        (current) => {
          const params = new URLSearchParams(current);
          params.set('minPosition', String(result.position));
          return params;
        },
        { replace: true },
      );
      setRecorded((previous) => ({ action, generation: (previous?.generation ?? 0) + 1 }));
    },
    [setSearch],
  );

  return (
    <div className="console-case">
      <Heading1>{title}</Heading1>
      {view && (
        <Paragraph>
          <CaseStatus view={view} />
        </Paragraph>
      )}
      {recorded && (
        // The alert announces itself (role="status"); the wrapper only takes the focus.
        <div ref={recordedRef} tabIndex={-1} data-testid="recorded">
          <Alert type="ok">
            <Paragraph>{t.recorded(actions[recorded.action])}</Paragraph>
          </Alert>
        </div>
      )}
      <TimeTravelBanner point={point} onPresent={() => setPoint({})} />
      <TimeTravelForm key={`${asOf ?? ''}|${validOn ?? ''}`} point={point} onChange={setPoint} />
      {loaded.error !== undefined && (
        <>
          <ProblemAlert error={loaded.error} />
          <Button appearance="secondary-action-button" onClick={loaded.reload}>
            {t.retry}
          </Button>
        </>
      )}
      {!view && loaded.loading && <Paragraph aria-live="polite">{t.loading}</Paragraph>}
      {view && history && (
        <div className="console-case__columns">
          <div className="console-case__main">
            <CaseDetails view={view} />
            <section aria-labelledby="timeline-heading">
              <Heading2 id="timeline-heading">{t.timeline}</Heading2>
              <Timeline steps={history.decisions} label={t.timeline} />
            </section>
          </div>
          <div className="console-case__aside">
            <CaseActionPanel
              view={view}
              past={past}
              generation={generation}
              onReload={loaded.reload}
              target={{ caseId: view.id, revision: view.revision, onDone }}
            />
          </div>
        </div>
      )}
    </div>
  );
}
