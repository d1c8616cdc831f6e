import { Button, ButtonGroup } from '@utrecht/component-library-react';
import { useState } from 'react';
import type { ReactNode } from 'react';
import { ProblemAlert } from '../../components/problem-alert';
import { useMessages } from '../../i18n/i18n';
import { approvalMessages } from './approval.messages';
import { ReasonForm } from './reason-form';
import { useCommand } from './use-command';

interface ReasonStepProps {
  /** Unique on the page: the form and its field are named after it. */
  readonly id: string;
  readonly label: string;
  readonly legend: string;
  readonly hint: string;
  readonly onSubmit: (reason: string) => Promise<void>;
}

/**
 * A step that needs a reason, behind a button that opens its form in place (a disclosure, so
 * that a queue of proposals is not a wall of text areas). `before` goes in the same button row.
 */
export function ReasonStep({
  id,
  label,
  legend,
  hint,
  onSubmit,
  before,
}: ReasonStepProps & { before?: ReactNode }) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <ButtonGroup>
        {before}
        <Button
          appearance="secondary-action-button"
          aria-expanded={open}
          aria-controls={open ? id : undefined}
          onClick={() => setOpen(!open)}
        >
          {label}
        </Button>
      </ButtonGroup>
      {open && (
        <ReasonForm
          id={id}
          legend={legend}
          hint={hint}
          submitLabel={label}
          onCancel={() => setOpen(false)}
          onSubmit={onSubmit}
        />
      )}
    </>
  );
}

/** Approve (one click, no body) or reject with a reason: what a second official does with a proposal. */
export function ApproveOrReject({
  id,
  legend,
  hint,
  onApprove,
  onReject,
}: {
  id: string;
  legend: string;
  hint: string;
  onApprove: () => Promise<void>;
  onReject: (reason: string) => Promise<void>;
}) {
  const t = useMessages(approvalMessages);
  const approval = useCommand();
  return (
    <>
      <ProblemAlert error={approval.error} />
      <ReasonStep
        id={`${id}-reject`}
        label={t.reject}
        legend={legend}
        hint={hint}
        onSubmit={onReject}
        before={
          <Button
            appearance="primary-action-button"
            busy={approval.busy}
            onClick={() => {
              // Busy rather than disabled: a disabled button would drop the keyboard focus.
              if (!approval.busy) void approval.run(onApprove);
            }}
          >
            {t.approve}
          </Button>
        }
      />
    </>
  );
}
