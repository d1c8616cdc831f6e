import type { ReportRequest } from '../../api/report.types';
import { ApiProblem } from '../../api/api-problem';
import { fieldError, TextField } from '../../components/form-fields';
import { defineMessages, useMessages } from '../../i18n/i18n';

const messages = defineMessages({
  nl: {
    year: 'Jaar',
    yearHelp: 'Vier cijfers, bijvoorbeeld 2025.',
    quarter: 'Kwartaal',
    quarterHelp: 'Jaar en kwartaal, bijvoorbeeld 2025-Q2.',
    month: 'Maand',
    monthHelp: 'Jaar en maand, bijvoorbeeld 2025-03.',
    from: 'Van',
    to: 'Tot en met',
  },
  en: {
    year: 'Year',
    yearHelp: 'Four digits, for example 2025.',
    quarter: 'Quarter',
    quarterHelp: 'Year and quarter, for example 2025-Q2.',
    month: 'Month',
    monthHelp: 'Year and month, for example 2025-03.',
    from: 'From',
    to: 'Up to and including',
  },
});

/**
 * The API's message for a period field; a refusal of the period as a whole (INVALID_REPORT_PERIOD
 * names no field) belongs to the period fields shown.
 */
function periodError(error: unknown, field: string): string | undefined {
  const own = fieldError(error, field);
  if (own !== undefined) return own;
  return error instanceof ApiProblem && error.code === 'INVALID_REPORT_PERIOD' ? error.detail : undefined;
}

/** The field or fields of the period kind chosen; the API judges what is typed in them. */
export function ReportPeriodFields({
  request,
  error,
  onChange,
}: {
  request: ReportRequest;
  error: unknown;
  onChange: (changes: Partial<ReportRequest>) => void;
}) {
  const t = useMessages(messages);
  switch (request.periodKind) {
    case 'year':
      return (
        <TextField
          id="year"
          label={t.year}
          description={t.yearHelp}
          value={request.year}
          error={periodError(error, 'year')}
          onChange={(year) => onChange({ year })}
        />
      );
    case 'quarter':
      return (
        <TextField
          id="quarter"
          label={t.quarter}
          description={t.quarterHelp}
          value={request.quarter}
          error={periodError(error, 'quarter')}
          onChange={(quarter) => onChange({ quarter })}
        />
      );
    case 'month':
      return (
        <TextField
          id="month"
          label={t.month}
          description={t.monthHelp}
          value={request.month}
          error={periodError(error, 'month')}
          onChange={(month) => onChange({ month })}
        />
      );
    case 'range':
      return (
        <>
          <TextField
            id="from"
            type="date"
            label={t.from}
            value={request.from}
            error={periodError(error, 'from')}
            onChange={(from) => onChange({ from })}
          />
          <TextField
            id="to"
            type="date"
            label={t.to}
            value={request.to}
            error={periodError(error, 'to')}
            onChange={(to) => onChange({ to })}
          />
        </>
      );
  }
}
