import {
  Button,
  Heading1,
  Heading2,
  Paragraph,
  UnorderedList,
  UnorderedListItem,
} from '@utrecht/component-library-react';
import { useState } from 'react';
import type { FormEvent } from 'react';
import { useNavigate } from 'react-router';
import type { IntegrityAnswer } from '../../api/oversight.types';
import { useSession } from '../../auth/session-context';
import { AppLink } from '../../components/app-link';
import { TextField } from '../../components/form-fields';
import { ProblemAlert } from '../../components/problem-alert';
import { useApi } from '../../components/use-api';
import { defineMessages, useMessages } from '../../i18n/i18n';
import { usePageTitle } from '../../layout/page-title';
import { IntegrityStatus } from './integrity-status';
import './oversight.css';

const messages = defineMessages({
  nl: {
    title: 'Toezicht',
    integrity: 'Integriteit van het register',
    integrityIntro:
      'De API berekent de hashketens over alle gebeurtenissen en over het toegangslogboek opnieuw bij elke opvraging.',
    checking: 'De ketens worden gecontroleerd…',
    checkAgain: 'Opnieuw controleren',
    pages: 'Toezicht uitoefenen',
    decisions: 'Besluiten in een periode, met de bevindingen van de hertoetsing',
    whatIf: 'Wat-als: een andere geldigheidsregel op de verleende vergunningen',
    replay: 'Een zaak herafspelen',
    caseId: 'Zaaknummer (UUID)',
    caseIdHelp: 'Het nummer van de zaak zoals de API het geeft, bijvoorbeeld uit de lijst met besluiten.',
    open: 'Herafspelen',
  },
  en: {
    title: 'Oversight',
    integrity: 'Integrity of the record',
    integrityIntro:
      'The API recomputes the hash chains over every event and over the access log on every request.',
    checking: 'Checking the chains…',
    checkAgain: 'Check again',
    pages: 'Oversight',
    decisions: 'Decisions in a period, with the findings of the re-check',
    whatIf: 'What-if: another validity rule over the licences issued',
    replay: 'Replay a case',
    caseId: 'Case number (UUID)',
    caseIdHelp: 'The number of the case as the API gives it, for instance from the list of decisions.',
    open: 'Replay',
  },
});

export function OversightPage() {
  const t = useMessages(messages);
  usePageTitle(t.title);
  const { api } = useSession();
  const navigate = useNavigate();
  const [caseId, setCaseId] = useState('');
  const integrity = useApi(() => api.get<IntegrityAnswer>('/api/oversight/integrity'), 'integrity');

  // The API checks the number (a UUID) and the replay page shows its answer.
  const openReplay = (event: FormEvent) => {
    event.preventDefault();
    const id = caseId.trim();
    if (id) void navigate(`/oversight/cases/${encodeURIComponent(id)}`);
  };

  return (
    <>
      <Heading1>{t.title}</Heading1>
      <nav aria-labelledby="oversight-pages">
        <Heading2 id="oversight-pages">{t.pages}</Heading2>
        <UnorderedList>
          <UnorderedListItem>
            <AppLink to="/oversight/decisions">{t.decisions}</AppLink>
          </UnorderedListItem>
          <UnorderedListItem>
            <AppLink to="/oversight/what-if">{t.whatIf}</AppLink>
          </UnorderedListItem>
        </UnorderedList>
      </nav>
      <section aria-labelledby="replay-form">
        <Heading2 id="replay-form">{t.replay}</Heading2>
        <form className="console-form" onSubmit={openReplay}>
          <TextField
            id="replay-case"
            label={t.caseId}
            description={t.caseIdHelp}
            value={caseId}
            onChange={setCaseId}
            required
          />
          <div>
            <Button type="submit" appearance="primary-action-button">
              {t.open}
            </Button>
          </div>
        </form>
      </section>
      <section aria-labelledby="integrity" className="console-integrity">
        <Heading2 id="integrity">{t.integrity}</Heading2>
        <Paragraph>{t.integrityIntro}</Paragraph>
        <ProblemAlert error={integrity.error} />
        {integrity.loading && <Paragraph aria-live="polite">{t.checking}</Paragraph>}
        {integrity.data && <IntegrityStatus report={integrity.data} />}
        <Button appearance="secondary-action-button" onClick={integrity.reload}>
          {t.checkAgain}
        </Button>
      </section>
    </>
  );
}
