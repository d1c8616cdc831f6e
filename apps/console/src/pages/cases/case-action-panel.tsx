import { Alert, Heading2, Paragraph } from '@utrecht/component-library-react';
import type { ReactNode } from 'react';
import type { LicenceView } from '../../api/licence.types';
import { useSession } from '../../auth/session-context';
import { defineMessages, useMessages } from '../../i18n/i18n';
import { offeredActions } from './case-actions';
import type { CaseAction } from './case-actions';
import { actionMessages } from './case-action.messages';
import type { CommandTarget } from './case-command';
import { DenyForm, ExtendForm, IssueForm, SondageAnswerForm } from './case-decision-forms';
import { ApplyForm, ReasonForm } from './case-reason-forms';
import type { ActionFormProps } from './case-reason-forms';
import {
  ApproveRevocationForm,
  ProposeRevocationForm,
  ReassessForm,
  SuspendForm,
} from './case-revocation-forms';
import { ValidityToday } from './case-validity-today';

const messages = defineMessages({
  nl: {
    title: 'Acties',
    noneForRole: 'Er is in deze stand van de zaak geen actie voor uw rol.',
    past: 'U bekijkt het verleden. Besluiten neemt u alleen op de zaak zoals die nu is.',
    ownProposal:
      'U heeft deze intrekking zelf voorgesteld. Een andere senior beoordelaar moet het voorstel goedkeuren of afwijzen (vier-ogenprincipe); u kunt het wel terugnemen.',
  },
  en: {
    title: 'Actions',
    noneForRole: 'There is no action for your role on the case as it stands.',
    past: 'You are looking at the past. Decisions are taken on the case as it is now.',
    ownProposal:
      'You proposed this revocation yourself. Another senior assessor must approve or reject it (four-eyes rule); you may withdraw it.',
  },
});

/** The decisions that set a validity period: the policy's answer for today is shown with them. */
const SETS_VALIDITY: readonly CaseAction[] = ['issue', 'extend', 'answer-sondage'];

function formOf(action: CaseAction, props: ActionFormProps, view: LicenceView): ReactNode {
  switch (action) {
    case 'answer-sondage':
      return <SondageAnswerForm {...props} />;
    case 'apply':
      return <ApplyForm {...props} />;
    case 'issue':
      return <IssueForm {...props} />;
    case 'deny':
      return <DenyForm {...props} />;
    case 'extend':
      return <ExtendForm {...props} />;
    case 'reassess':
      return <ReassessForm {...props} requests={view.reassessmentRequests} />;
    case 'propose-revocation':
      return <ProposeRevocationForm {...props} />;
    case 'approve-revocation':
      return <ApproveRevocationForm {...props} />;
    case 'suspend':
      return <SuspendForm {...props} />;
    case 'withdraw':
    case 'hold':
    case 'release':
    case 'reinstate':
    case 'withdraw-proposal':
    case 'reject-proposal':
      return <ReasonForm {...props} action={action} />;
  }
}

/**
 * The actions the case's state and the acting role allow, each a form that opens in place.
 * `generation` counts the decisions recorded here, so that a recorded form starts empty again.
 */
export function CaseActionPanel({
  view,
  target,
  onReload,
  past,
  generation,
}: {
  view: LicenceView;
  target: CommandTarget;
  onReload: () => void;
  past: boolean;
  generation: number;
}) {
  const t = useMessages(messages);
  const names = useMessages(actionMessages);
  const { session } = useSession();
  const offered = offeredActions(view, session);
  const props = { target, onReload };
  return (
    <section aria-labelledby="actions-heading" className="console-case-actions">
      <Heading2 id="actions-heading">{t.title}</Heading2>
      {past ? (
        <Paragraph>{t.past}</Paragraph>
      ) : (
        <>
          {offered.ownProposal && (
            <Alert type="info">
              <Paragraph>{t.ownProposal}</Paragraph>
            </Alert>
          )}
          {offered.actions.length === 0 && <Paragraph>{t.noneForRole}</Paragraph>}
          {offered.actions.some((a) => SETS_VALIDITY.includes(a)) && <ValidityToday view={view} />}
          {offered.actions.map((action) => (
            <details key={`${action}-${generation}`} className="console-case-action" data-action={action}>
              <summary>{names[action]}</summary>
              {formOf(action, props, view)}
            </details>
          ))}
        </>
      )}
    </section>
  );
}
