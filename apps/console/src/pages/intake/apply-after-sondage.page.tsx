import { Alert, Heading1, Paragraph } from '@utrecht/component-library-react';
import { useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import type { LicenceView } from '../../api/licence.types';
import { useSession } from '../../auth/session-context';
import { AppLink } from '../../components/app-link';
import { ProblemAlert } from '../../components/problem-alert';
import { useApi } from '../../components/use-api';
import { useFormats, useMessages } from '../../i18n/i18n';
import { usePageTitle } from '../../layout/page-title';
import { statusMessages } from '../../vocabulary/case.vocabulary';
import { ActionForm } from '../cases/case-action-form';
import { offeredActions } from '../cases/case-actions';
import { useCaseCommand } from '../cases/case-command';
import { applyMessages } from './apply-after-sondage.messages';
import type { CaseDraft } from './case-draft';
import { applicationBody, draftFromView, shownFields } from './case-draft';
import { CaseDetailsFields } from './case-details-fields';

/**
 * An answered sondage turned into an application whose details changed since the enquiry: the
 * registration's fields, filled from the case. The API records what changed; the console only
 * sends the details as typed.
 */
export function ApplyAfterSondagePage() {
  const t = useMessages(applyMessages);
  const statuses = useMessages(statusMessages);
  const { id = '' } = useParams();
  const { api, session } = useSession();
  usePageTitle(t.title);
  const path = `/api/licences/${encodeURIComponent(id)}`;
  const loaded = useApi(() => api.get<LicenceView>(path), path);
  const view = loaded.data;
  const back = <AppLink to={`/cases/${encodeURIComponent(id)}`}>{t.back}</AppLink>;

  let content;
  if (!view) {
    content = loaded.error ? <ProblemAlert error={loaded.error} /> : <Paragraph>{t.loading}</Paragraph>;
  } else if (session.actingRole !== 'intake') {
    content = (
      <Alert type="warning">
        <Paragraph>{t.notIntake}</Paragraph>
      </Alert>
    );
  } else if (!offeredActions(view, session).actions.includes('apply')) {
    content = (
      <Alert type="warning">
        <Paragraph>{t.notAnswered(statuses[view.status])}</Paragraph>
      </Alert>
    );
  } else {
    // Keyed by the case only: loading it again after a stale revision keeps what was typed.
    content = <ApplicationForm key={view.id} view={view} onReload={loaded.reload} />;
  }
  return (
    <>
      <Heading1>{t.title}</Heading1>
      {content}
      <Paragraph>{back}</Paragraph>
    </>
  );
}

function ApplicationForm({ view, onReload }: { view: LicenceView; onReload: () => void }) {
  const t = useMessages(applyMessages);
  const formats = useFormats();
  const navigate = useNavigate();
  const [draft, setDraft] = useState<CaseDraft>(() => draftFromView(view));
  // The refusal named rows by position; after a removal those positions are other rows.
  const [rowsRemoved, setRowsRemoved] = useState(false);
  const command = useCaseCommand(
    {
      caseId: view.id,
      revision: view.revision,
      onDone: (_action, result) =>
        void navigate(`/cases/${encodeURIComponent(view.id)}?minPosition=${result.position}`),
    },
    'apply',
  );
  const { sondage } = view;
  return (
    <>
      {sondage && (
        <Paragraph>
          {t.answered(t[sondage.outcome], formats.date(sondage.decisionDate))} {t.unchanged}
        </Paragraph>
      )}
      <Paragraph>{t.intro}</Paragraph>
      <Paragraph>{t.recorded}</Paragraph>
      <Paragraph>{t.sameApplicant}</Paragraph>
      <ActionForm
        id="apply-after-sondage-form"
        command={command}
        shownFields={shownFields(draft)}
        onReload={onReload}
        onSubmit={() => {
          setRowsRemoved(false);
          void command.submit('apply', applicationBody(draft));
        }}
      >
        <CaseDetailsFields
          draft={draft}
          setDraft={setDraft}
          error={rowsRemoved ? undefined : command.error}
          onRowsRemoved={() => setRowsRemoved(true)}
        />
      </ActionForm>
    </>
  );
}
