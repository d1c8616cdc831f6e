import {
  Paragraph,
  Table,
  TableBody,
  TableCaption,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
} from '@utrecht/component-library-react';
import { AppLink } from '../../components/app-link';
import { defineMessages, useFormats, useMessages } from '../../i18n/i18n';
import { roleMessages } from '../../layout/role.messages';
import { eventMessages, eventName } from '../../vocabulary/case.vocabulary';
import type { DecisionRow } from './decisions-filter';
import { SeverityBadge } from './finding-item';
import { findingCodeMessages, findingCodeName } from './finding.vocabulary';

const messages = defineMessages({
  nl: {
    caption: (from: string, to: string) =>
      `Besluiten van ${from} tot en met ${to} die aan het filter voldoen`,
    date: 'Besluitdatum',
    decision: 'Besluit',
    caseId: 'Zaak',
    by: 'Door',
    findings: 'Bevindingen',
    none: 'Geen',
    replay: (id: string) => `Zaak ${id} herafspelen`,
  },
  en: {
    caption: (from: string, to: string) =>
      `Decisions from ${from} up to and including ${to} that match the filter`,
    date: 'Decision date',
    decision: 'Decision',
    caseId: 'Case',
    by: 'By',
    findings: 'Findings',
    none: 'None',
    replay: (id: string) => `Replay case ${id}`,
  },
});

/** One page of a period's decisions; each links to the replay of its case. */
export function DecisionsTable({
  rows,
  from,
  to,
}: {
  rows: readonly DecisionRow[];
  from: string;
  to: string;
}) {
  const t = useMessages(messages);
  const events = useMessages(eventMessages);
  const roles = useMessages(roleMessages) as Readonly<Record<string, string>>;
  const codes = useMessages(findingCodeMessages);
  const formats = useFormats();
  return (
    <div className="console-table-wrap">
      <Table>
        <TableCaption>{t.caption(formats.date(from), formats.date(to))}</TableCaption>
        <TableHeader>
          <TableRow>
            {[t.date, t.decision, t.caseId, t.by, t.findings].map((name) => (
              <TableHeaderCell key={name} scope="col">
                {name}
              </TableHeaderCell>
            ))}
          </TableRow>
        </TableHeader>
        <TableBody>
          {rows.map(({ decision, findings }) => (
            <TableRow key={`${decision.caseId}-${decision.revision}`} data-testid="decision-row">
              <TableCell>{formats.date(decision.decisionDate)}</TableCell>
              <TableCell>{eventName(events, decision.type)}</TableCell>
              <TableCell>
                <AppLink to={`/oversight/cases/${decision.caseId}`} aria-label={t.replay(decision.caseId)}>
                  <code>{decision.caseId.slice(0, 8)}</code>
                </AppLink>
              </TableCell>
              <TableCell>
                {decision.actor.sub} ({roles[decision.actor.role] ?? decision.actor.role})
              </TableCell>
              <TableCell>
                {findings.length === 0
                  ? t.none
                  : findings.map((finding, i) => (
                      <Paragraph key={`${finding.code}-${i}`}>
                        <SeverityBadge severity={finding.severity} /> {findingCodeName(codes, finding.code)} (
                        <code>{finding.code}</code>)
                      </Paragraph>
                    ))}
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </div>
  );
}
