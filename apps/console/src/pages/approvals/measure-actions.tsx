import { Button, ButtonGroup } from '@utrecht/component-library-react';
import { useState } from 'react';
import type { MeasureSummary } from '../../api/measure.types';
import { useSession } from '../../auth/session-context';
import { ProblemAlert } from '../../components/problem-alert';
import { useLanguage, useMessages } from '../../i18n/i18n';
import { countryName } from '../../vocabulary/country.vocabulary';
import { approvalMessages } from './approval.messages';
import { OwnProposalNote } from './approval-notes';
import { isOwnProposal } from './four-eyes';
import { ReasonForm } from './reason-form';
import { useCommand } from './use-command';

/**
 * What a senior assessor may do with a measure in its status: approve or reject another's
 * proposal, lift an approved one. Measure routes take neither If-Match nor Idempotency-Key (the
 * API refuses them): each step is allowed in one status only, so a repeat is refused there.
 */
export function MeasureActions({
  measure,
  onDone,
}: {
  measure: MeasureSummary;
  onDone: (message: string) => void;
}) {
  const t = useMessages(approvalMessages);
  const { language } = useLanguage();
  const { session, api } = useSession();
  const [open, setOpen] = useState<'reject' | 'lift'>();
  const approval = useCommand();
  if (session.actingRole !== 'senior-assessor') return null;
  const country = `${countryName(measure.destination, language)} (${measure.destination})`;
  const path = `/api/measures/${measure.id}`;
  const idPrefix = `measure-${measure.id}`;

  if (measure.status === 'proposed' && isOwnProposal(session.sub, measure.proposedBy)) {
    return <OwnProposalNote text={t.ownMeasure} />;
  }
  if (measure.status === 'proposed') {
    return (
      <>
        <ProblemAlert error={approval.error} />
        <ButtonGroup>
          <Button
            appearance="primary-action-button"
            busy={approval.busy}
            onClick={() => {
              if (approval.busy) return;
              void approval.run(async () => {
                await api.post(`${path}/approve`);
                onDone(t.measureApproved(country));
              });
            }}
          >
            {t.approve}
          </Button>
          <Button
            appearance="secondary-action-button"
            aria-expanded={open === 'reject'}
            aria-controls={open === 'reject' ? `${idPrefix}-reject` : undefined}
            onClick={() => setOpen(open === 'reject' ? undefined : 'reject')}
          >
            {t.reject}
          </Button>
        </ButtonGroup>
        {open === 'reject' && (
          <ReasonForm
            id={`${idPrefix}-reject`}
            legend={`${t.rejectMeasureLegend}: ${country}`}
            hint={t.rejectMeasureHint}
            submitLabel={t.reject}
            onCancel={() => setOpen(undefined)}
            onSubmit={async (reason) => {
              await api.post(`${path}/reject`, { reason });
              onDone(t.measureRejected(country));
            }}
          />
        )}
      </>
    );
  }
  if (measure.status === 'approved') {
    return (
      <>
        <ButtonGroup>
          <Button
            appearance="secondary-action-button"
            aria-expanded={open === 'lift'}
            aria-controls={open === 'lift' ? `${idPrefix}-lift` : undefined}
            onClick={() => setOpen(open === 'lift' ? undefined : 'lift')}
          >
            {t.lift}
          </Button>
        </ButtonGroup>
        {open === 'lift' && (
          <ReasonForm
            id={`${idPrefix}-lift`}
            legend={`${t.liftMeasureLegend}: ${country}`}
            hint={t.liftMeasureHint}
            submitLabel={t.lift}
            onCancel={() => setOpen(undefined)}
            onSubmit={async (reason) => {
              await api.post(`${path}/lift`, { reason });
              onDone(t.measureLifted(country));
            }}
          />
        )}
      </>
    );
  }
  return null;
}
