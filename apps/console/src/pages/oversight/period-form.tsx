import { Button } from '@utrecht/component-library-react';
import { useState } from 'react';
import type { FormEvent, ReactNode } from 'react';
import { fieldError, TextField } from '../../components/form-fields';
import { defineMessages, useMessages } from '../../i18n/i18n';
import { todayInAmsterdam } from '../../components/cases/calendar-dates';

const messages = defineMessages({
  nl: {
    from: 'Van (besluitdatum)',
    to: 'Tot en met (besluitdatum)',
    limit: 'Ten hoogste 10 jaar na de begindatum.',
  },
  en: {
    from: 'From (decision date)',
    to: 'Up to and including (decision date)',
    limit: 'At most 10 years after the first date.',
  },
});

export interface Period {
  readonly from: string;
  readonly to: string;
}

/** From the first day of last year up to today in Amsterdam: a period with decisions in it. */
export function defaultPeriod(now = new Date()): Period {
  const to = todayInAmsterdam(now);
  return { from: `${Number(to.slice(0, 4)) - 1}-01-01`, to };
}

/**
 * A period of decision dates, with the API's messages on its two fields. Its fields start from
 * `period` (the URL's); mount it with `key` on the period so that a new URL starts them anew.
 */
export function PeriodForm({
  period,
  error,
  submitLabel,
  onSubmit,
  children,
}: {
  period: Period;
  error: unknown;
  submitLabel: string;
  onSubmit: (period: Period) => void;
  children?: ReactNode;
}) {
  const t = useMessages(messages);
  const [from, setFrom] = useState(period.from);
  const [to, setTo] = useState(period.to);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onSubmit({ from, to });
  };
  return (
    <form className="console-period" onSubmit={submit}>
      {children}
      <TextField
        id="from"
        type="date"
        label={t.from}
        value={from}
        onChange={setFrom}
        error={fieldError(error, 'from')}
      />
      <TextField
        id="to"
        type="date"
        label={t.to}
        description={t.limit}
        value={to}
        onChange={setTo}
        error={fieldError(error, 'to')}
      />
      <div>
        <Button type="submit" appearance="primary-action-button">
          {submitLabel}
        </Button>
      </div>
    </form>
  );
}
