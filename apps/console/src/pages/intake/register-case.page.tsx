import { Button, Heading1, Paragraph } from '@utrecht/component-library-react';
import { useRef, useState } from 'react';
import type { FormEvent } from 'react';
import { useNavigate } from 'react-router';
import type { CommandResult } from '../../api/licence.types';
import { useSession } from '../../auth/session-context';
import { RadioGroupField } from '../../components/cases/choice-fields';
import { fieldError } from '../../components/form-fields';
import { ProblemAlert } from '../../components/problem-alert';
import { useMessages } from '../../i18n/i18n';
import { usePageTitle } from '../../layout/page-title';
import { PROCEDURES, procedureMessages } from '../../vocabulary/case.vocabulary';
import type { CaseDraft } from './case-draft';
import { emptyDraft, registrationBody, shownFields } from './case-draft';
import { CaseDetailsFields } from './case-details-fields';
import { registerMessages } from './register-case.messages';

/** The idempotency key of one submission: the same body sent again is the same submission. */
interface Attempt {
  readonly key: string;
  readonly body: string;
}

export function RegisterCasePage() {
  const t = useMessages(registerMessages);
  const procedures = useMessages(procedureMessages);
  const { api } = useSession();
  const navigate = useNavigate();
  usePageTitle(t.title);

  const [draft, setDraft] = useState<CaseDraft>(emptyDraft);
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const attempt = useRef<Attempt | undefined>(undefined);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (busy) return;
    const body = registrationBody(draft);
    const text = JSON.stringify(body);
    // A retry of the same submission keeps its key, so it cannot register the case twice.
    if (attempt.current?.body !== text) attempt.current = { key: crypto.randomUUID(), body: text };
    setBusy(true);
    setError(undefined);
    try {
      const result = await api.post<CommandResult>('/api/licences', body, {
        idempotencyKey: attempt.current.key,
      });
      void navigate(`/cases/${result.id}?minPosition=${result.position}`);
    } catch (refusal: unknown) {
      setError(refusal);
      setBusy(false);
    }
  }

  return (
    <>
      <Heading1>{t.title}</Heading1>
      <Paragraph>{t.intro}</Paragraph>
      <form className="console-form" noValidate onSubmit={(e) => void submit(e)}>
        <ProblemAlert error={error} shownFields={shownFields(draft)} />
        <RadioGroupField
          id="procedure"
          legend={t.procedure}
          description={t.procedureHelp}
          value={draft.procedure}
          choices={PROCEDURES.map((p) => ({ value: p, label: procedures[p] }))}
          onChange={(value) => setDraft((d) => ({ ...d, procedure: value as CaseDraft['procedure'] }))}
          error={fieldError(error, 'procedure')}
        />
        <CaseDetailsFields
          draft={draft}
          setDraft={setDraft}
          error={error}
          onRowsRemoved={() => setError(undefined)}
        />
        <div>
          <Button type="submit" appearance="primary-action-button" aria-disabled={busy}>
            {busy ? t.submitting : t.submit}
          </Button>
        </div>
      </form>
    </>
  );
}
