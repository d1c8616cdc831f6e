import { Paragraph } from '@utrecht/component-library-react';
import { useState } from 'react';
import { AppLink } from '../../components/app-link';
import { fieldError, TextAreaField } from '../../components/form-fields';
import { useMessages } from '../../i18n/i18n';
import type { CaseAction } from './case-actions';
import { actionMessages } from './case-action.messages';
import { ActionForm } from './case-action-form';
import { useCaseCommand } from './case-command';
import type { CommandTarget } from './case-command';

export interface ActionFormProps {
  readonly target: CommandTarget;
  readonly onReload: () => void;
}

/** The steps that take one reason (`{ reason }`), and where each is sent. */
const REASON_PATHS = {
  withdraw: 'withdraw',
  hold: 'hold',
  release: 'release',
  reinstate: 'reinstate',
  'withdraw-proposal': 'revocation-proposal/withdraw',
  'reject-proposal': 'revocation-proposal/reject',
} as const satisfies Partial<Record<CaseAction, string>>;

export type ReasonAction = keyof typeof REASON_PATHS;

export function ReasonForm({ action, target, onReload }: ActionFormProps & { action: ReasonAction }) {
  const t = useMessages(actionMessages);
  const command = useCaseCommand(target, action);
  const [reason, setReason] = useState('');
  return (
    <ActionForm
      id={`${action}-form`}
      command={command}
      shownFields={['reason']}
      onReload={onReload}
      onSubmit={() => void command.submit(REASON_PATHS[action], { reason })}
    >
      <TextAreaField
        id={`${action}-reason`}
        label={t.reason}
        value={reason}
        onChange={setReason}
        error={fieldError(command.error, 'reason')}
        required
      />
    </ActionForm>
  );
}

/**
 * Apply after an answered sondage, with the sondage's details (no body); changed details are
 * typed on a page of their own, linked from here.
 */
export function ApplyForm({ target, onReload }: ActionFormProps) {
  const t = useMessages(actionMessages);
  const command = useCaseCommand(target, 'apply');
  return (
    <ActionForm
      id="apply-form"
      command={command}
      shownFields={[]}
      onReload={onReload}
      onSubmit={() => void command.submit('apply')}
    >
      <Paragraph>{t.applyHelp}</Paragraph>
      <Paragraph>
        {t.applyChangedHelp}{' '}
        <AppLink to={`/cases/${encodeURIComponent(target.caseId)}/apply`}>{t.applyChanged}</AppLink>
      </Paragraph>
    </ActionForm>
  );
}
