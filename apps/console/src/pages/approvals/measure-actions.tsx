import type { MeasureSummary } from '../../api/measure.types';
import { useSession } from '../../auth/session-context';
import { useMessages } from '../../i18n/i18n';
import { approvalMessages } from './approval.messages';
import { OwnProposalNote } from './approval-notes';
import { ApproveOrReject, ReasonStep } from './approval-steps';
import { isOwnProposal } from '../../components/four-eyes';
import { useCountryLabel } from './measure-facts';

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
  const { session, api } = useSession();
  const country = useCountryLabel()(measure.destination);
  if (session.actingRole !== 'senior-assessor') return null;
  const path = `/api/measures/${measure.id}`;
  const id = `measure-${measure.id}`;

  if (measure.status === 'proposed' && isOwnProposal(session.sub, measure.proposedBy)) {
    return <OwnProposalNote text={t.ownMeasure} />;
  }
  if (measure.status === 'proposed') {
    return (
      <ApproveOrReject
        id={id}
        legend={`${t.rejectMeasureLegend}: ${country}`}
        hint={t.rejectMeasureHint}
        onApprove={async () => {
          await api.post(`${path}/approve`);
          onDone(t.measureApproved(country));
        }}
        onReject={async (reason) => {
          await api.post(`${path}/reject`, { reason });
          onDone(t.measureRejected(country));
        }}
      />
    );
  }
  if (measure.status === 'approved') {
    return (
      <ReasonStep
        id={`${id}-lift`}
        label={t.lift}
        legend={`${t.liftMeasureLegend}: ${country}`}
        hint={t.liftMeasureHint}
        onSubmit={async (reason) => {
          await api.post(`${path}/lift`, { reason });
          onDone(t.measureLifted(country));
        }}
      />
    );
  }
  return null;
}
