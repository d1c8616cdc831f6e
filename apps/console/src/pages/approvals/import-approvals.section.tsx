import { Code, Heading2, Heading3, Paragraph } from '@utrecht/component-library-react';
import type { ImportReport, ImportSummary } from '../../api/import.types';
import { useSession } from '../../auth/session-context';
import { ProblemAlert } from '../../components/problem-alert';
import { useApi } from '../../components/use-api';
import { defineMessages, useFormats, useMessages } from '../../i18n/i18n';
import { approvalMessages } from './approval.messages';
import { OwnProposalNote } from './approval-notes';
import { ApproveOrReject } from './approval-steps';
import { FactList } from './fact-list';
import type { Fact } from './fact-list';
import { isOwnProposal } from '../../components/four-eyes';
import { useOfficialLabel } from './measure-facts';

const messages = defineMessages({
  nl: {
    heading: 'Historische imports',
    intro:
      'Een import van besluiten van vóór het systeem vraagt twee beheerders: de een zet het bestand klaar, een ander keurt het goed of wijst het af. Bij goedkeuring controleert de API het bestand opnieuw.',
    notPaged: (count: number) =>
      `De API geeft alle imports in één lijst, zonder paginering; hier staan de ${count} klaargezette.`,
    none: 'Er wachten geen imports op goedkeuring.',
    loading: 'Imports worden geladen…',
    title: (id: string) => `Import ${id}`,
    file: 'Bestand (sha256)',
    staged: 'Klaargezet',
    byOn: (who: string, on: string) => `door ${who} op ${on}`,
    lines: 'Regels',
    accepted: 'Zaken die worden toegevoegd',
    refused: 'Geweigerde zaken en regels',
    deviations: 'Afwijkingen bij herafspelen',
  },
  en: {
    heading: 'Historical imports',
    intro:
      'Importing decisions from before the system takes two administrators: one stages the file, another approves or rejects it. On approval the API checks the file again.',
    notPaged: (count: number) =>
      `The API answers every import in one list, without paging; the ${count} staged ones are shown here.`,
    none: 'No imports await approval.',
    loading: 'Loading imports…',
    title: (id: string) => `Import ${id}`,
    file: 'File (sha256)',
    staged: 'Staged',
    byOn: (who: string, on: string) => `by ${who} on ${on}`,
    lines: 'Lines',
    accepted: 'Cases to be appended',
    refused: 'Refused cases and lines',
    deviations: 'Replay deviations',
  },
});

function ImportActions({ staged, onDone }: { staged: ImportSummary; onDone: (message: string) => void }) {
  const t = useMessages(approvalMessages);
  const { session, api } = useSession();
  if (isOwnProposal(session.sub, staged.uploadedBy)) {
    return <OwnProposalNote text={t.ownImport} badge={t.ownImportBadge} />;
  }
  const path = `/api/imports/${staged.importId}`;
  return (
    <ApproveOrReject
      id={`import-${staged.importId}`}
      legend={t.rejectImportLegend}
      hint={t.rejectImportHint}
      onApprove={async () => {
        // No body and no headers beyond the token: the route takes none.
        const report = await api.post<ImportReport>(`${path}/approve`);
        onDone(t.importApproved(report.accepted, report.eventsAppended));
      }}
      onReject={async (reason) => {
        await api.post(`${path}/reject`, { reason });
        onDone(t.importRejected);
      }}
    />
  );
}

/** Staged historical imports, each approvable by any administrator but the one who staged it. */
export function ImportApprovalsSection({ onDone }: { onDone: (message: string) => void }) {
  const t = useMessages(messages);
  const formats = useFormats();
  const official = useOfficialLabel();
  const { api } = useSession();
  const { data, error, loading, reload } = useApi(() => api.get<ImportSummary[]>('/api/imports'), 'imports');
  const staged = (data ?? []).filter((item) => item.status === 'staged');
  return (
    <section className="console-approval-section" aria-labelledby="imports-heading">
      <Heading2 id="imports-heading">{t.heading}</Heading2>
      <Paragraph>{t.intro}</Paragraph>
      <ProblemAlert error={error} />
      {loading && !data && <Paragraph>{t.loading}</Paragraph>}
      {data && <Paragraph>{staged.length === 0 ? t.none : t.notPaged(staged.length)}</Paragraph>}
      {staged.map((item) => {
        const facts: Fact[] = [
          [t.file, <Code key="id">{item.importId}</Code>],
          [t.staged, t.byOn(official(item.uploadedBy), formats.instant(item.stagedAt))],
          [t.lines, formats.number(item.lines)],
          [t.accepted, formats.number(item.accepted)],
          [t.refused, formats.number(item.refusedTotal)],
          [t.deviations, formats.number(item.deviations)],
        ];
        return (
          <article
            key={item.importId}
            className="console-approval-item"
            aria-labelledby={`import-${item.importId}-title`}
          >
            <Heading3 id={`import-${item.importId}-title`}>{t.title(item.importId.slice(0, 12))}</Heading3>
            <FactList facts={facts} />
            <ImportActions
              staged={item}
              onDone={(message) => {
                reload();
                onDone(message);
              }}
            />
          </article>
        );
      })}
    </section>
  );
}
