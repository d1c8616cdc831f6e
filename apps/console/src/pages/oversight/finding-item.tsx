import { Paragraph, StatusBadge } from '@utrecht/component-library-react';
import type { Finding, FindingSeverity, FindingValue } from '../../api/oversight.types';
import { defineMessages, useMessages } from '../../i18n/i18n';
import { findingCodeMessages, findingCodeName, severityMessages } from './finding.vocabulary';

const messages = defineMessages({
  nl: { field: 'Veld', recorded: 'Vastgelegd', expected: 'Verwacht', none: 'geen' },
  en: { field: 'Field', recorded: 'Recorded', expected: 'Expected', none: 'none' },
});

/** A deviation is an error to look into, a note is allowed but worth seeing. */
const BADGE_STATUS: Readonly<Record<FindingSeverity, string>> = { deviation: 'danger', note: 'warning' };
const FRAME_CLASS: Readonly<Record<FindingSeverity, string>> = {
  deviation: 'console-finding--error',
  note: 'console-finding--warning',
};

/** The severity in words, on a badge whose colour only repeats what the words say. */
export function SeverityBadge({ severity }: { severity: FindingSeverity }) {
  const names = useMessages(severityMessages);
  return <StatusBadge status={BADGE_STATUS[severity]}>{names[severity] ?? severity}</StatusBadge>;
}

function valueText(value: FindingValue, none: string): string {
  if (value === null) return none;
  return Array.isArray(value) ? value.join(', ') || none : String(value);
}

/** One finding: its severity, its name and stable code, the API's explanation and the two values compared. */
export function FindingItem({ finding }: { finding: Finding }) {
  const t = useMessages(messages);
  const codes = useMessages(findingCodeMessages);
  return (
    <div className={FRAME_CLASS[finding.severity]} data-testid="finding" data-severity={finding.severity}>
      <Paragraph>
        <SeverityBadge severity={finding.severity} /> <strong>{findingCodeName(codes, finding.code)}</strong>{' '}
        (<code>{finding.code}</code>)
      </Paragraph>
      <Paragraph>{finding.message}</Paragraph>
      <Paragraph>
        {t.field} <code>{finding.field}</code>: {t.recorded} {valueText(finding.recorded, t.none)};{' '}
        {t.expected} {valueText(finding.expected, t.none)}
      </Paragraph>
    </div>
  );
}
