import { Alert, Button, Paragraph } from '@utrecht/component-library-react';
import type { ReactNode } from 'react';
import { ApiProblem } from '../../api/api-problem';
import { ProblemAlert } from '../../components/problem-alert';
import { useMessages } from '../../i18n/i18n';
import { actionMessages } from './case-action.messages';
import type { Command } from './case-command';

/**
 * One action's form: its fields, what the API refused that no field shows, and the submit
 * button. A refusal keeps everything typed; a stale revision says so and offers the new state.
 */
export function ActionForm({
  id,
  command,
  shownFields,
  onSubmit,
  onReload,
  children,
}: {
  id: string;
  command: Command;
  /** The problem fields the form shows at its controls. */
  shownFields: readonly string[];
  onSubmit: () => void;
  /** Loads the case again (after a 412: the case moved on). */
  onReload: () => void;
  children: ReactNode;
}) {
  const t = useMessages(actionMessages);
  const stale = command.error instanceof ApiProblem && command.error.status === 412;
  return (
    <form
      id={id}
      className="console-form"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        onSubmit();
      }}
    >
      <Paragraph>{t.required}</Paragraph>
      {children}
      {stale && (
        <Alert type="warning">
          <Paragraph>{t.stale}</Paragraph>
          <Button appearance="secondary-action-button" onClick={onReload}>
            {t.reloadCase}
          </Button>
        </Alert>
      )}
      <ProblemAlert error={command.error} shownFields={shownFields} />
      <div>
        <Button type="submit" appearance="primary-action-button" busy={command.busy} disabled={command.busy}>
          {command.busy ? t.busy : t.submit}
        </Button>
      </div>
    </form>
  );
}
