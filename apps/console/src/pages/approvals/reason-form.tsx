import { Button, ButtonGroup, Fieldset, FieldsetLegend } from '@utrecht/component-library-react';
import { useState } from 'react';
import { fieldError, TextAreaField } from '../../components/form-fields';
import { ProblemAlert } from '../../components/problem-alert';
import { useMessages } from '../../i18n/i18n';
import { approvalMessages } from './approval.messages';
import { useCommand } from './use-command';

/**
 * A step that needs a reason (reject, lift). The API judges the reason: an empty one is sent and
 * its refusal shown at the field, so the rule lives in one place.
 */
export function ReasonForm({
  id,
  legend,
  hint,
  submitLabel,
  onSubmit,
  onCancel,
}: {
  id: string;
  legend: string;
  hint: string;
  submitLabel: string;
  onSubmit: (reason: string) => Promise<void>;
  onCancel: () => void;
}) {
  const t = useMessages(approvalMessages);
  const [reason, setReason] = useState('');
  const { busy, error, run } = useCommand();
  return (
    <form
      id={id}
      className="console-form"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        // Busy rather than disabled: a disabled button would drop the keyboard focus.
        if (!busy) void run(() => onSubmit(reason));
      }}
    >
      <Fieldset>
        <FieldsetLegend>{legend}</FieldsetLegend>
        <ProblemAlert error={error} shownFields={['reason']} />
        <TextAreaField
          id={`${id}-reason`}
          label={t.reason}
          description={hint}
          required
          value={reason}
          onChange={setReason}
          error={fieldError(error, 'reason')}
        />
        <ButtonGroup>
          <Button type="submit" appearance="primary-action-button" busy={busy}>
            {busy ? t.busy : submitLabel}
          </Button>
          <Button type="button" appearance="secondary-action-button" onClick={onCancel}>
            {t.cancel}
          </Button>
        </ButtonGroup>
      </Fieldset>
    </form>
  );
}
