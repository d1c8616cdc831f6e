import {
  DataList,
  Table,
  TableBody,
  TableCaption,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  UnorderedList,
  UnorderedListItem,
} from '@utrecht/component-library-react';
import type { ReactNode } from 'react';
import { useFormats, useMessages } from '../../i18n/i18n';
import { criterionLabel, criterionMessages } from './criteria.vocabulary';
import { timelineMessages } from './timeline.messages';
import { DataItem } from './data-item';

/*
 * What justified a decision, from the payload as the record holds it. Only the fields that carry
 * a reason are shown, each in words; the case details of a registration are on the case itself.
 */

type Payload = Readonly<Record<string, unknown>>;

const TEXTS = ['reasoning', 'reason', 'reasons', 'circumstances'] as const;
const DATES = [
  'validFrom',
  'validUntil',
  'previousValidUntil',
  'maxValidUntil',
  'effectiveOn',
  'validAgainOn',
  'objectionDeadline',
  'suspendedOn',
  'proposedOn',
  'heldOn',
] as const;
const OFFICIALS = ['proposedBy', 'approvedBy', 'rejectedBy', 'withdrawnBy'] as const;
const OUTCOMES = ['positive', 'negative', 'maintained', 'revocation-proposed'] as const;

/** The fields of a recorded decision that DecisionPayload puts in words; others are the caller's. */
export const PAYLOAD_FIELDS_IN_WORDS: ReadonlySet<string> = new Set([
  'outcome',
  ...TEXTS,
  'assessment',
  'reassessment',
  'criteria',
  'evidence',
  'additionalEvidence',
  ...DATES,
  'rule',
  ...OFFICIALS,
  'measureId',
  'changes',
  'notCoveredBySondage',
]);

const isText = (value: unknown): value is string => typeof value === 'string' && value !== '';
const isRecord = (value: unknown): value is Payload => typeof value === 'object' && value !== null;
const listOf = (value: unknown): readonly unknown[] => (Array.isArray(value) ? value : []);
/** A recorded text field; anything else is not shown as text. */
const textOf = (value: unknown): string => (typeof value === 'string' ? value : '');

function Assessment({ value, label }: { value: Payload; label: string }) {
  const t = useMessages(timelineMessages);
  const criteria = useMessages(criterionMessages);
  const findings = listOf(value['findings']).filter(isRecord);
  return (
    <DataItem label={label}>
      {isText(value['summary']) && <p className="console-timeline__text">{value['summary']}</p>}
      {findings.length > 0 && (
        <Table>
          <TableCaption>{t.findingsCaption}</TableCaption>
          <TableHeader>
            <TableRow>
              <TableHeaderCell scope="col">{t.criterion}</TableHeaderCell>
              <TableHeaderCell scope="col">{t.finding}</TableHeaderCell>
            </TableRow>
          </TableHeader>
          <TableBody>
            {findings.map((f, index) => (
              <TableRow key={index}>
                <TableCell>{criterionLabel(criteria, Number(f['criterion']))}</TableCell>
                <TableCell>{textOf(f['finding'])}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
    </DataItem>
  );
}

/** Evidence as a list a person reads: title, source, date and reference. */
export function EvidenceList({ evidence }: { evidence: readonly unknown[] }) {
  const t = useMessages(timelineMessages);
  const { date } = useFormats();
  return (
    <UnorderedList>
      {evidence.filter(isRecord).map((e, index) => (
        <UnorderedListItem key={index}>
          {t.evidenceItem(
            textOf(e['title']),
            textOf(e['source']),
            date(textOf(e['date'])),
            textOf(e['reference']),
          )}
        </UnorderedListItem>
      ))}
    </UnorderedList>
  );
}

/** Criteria cited, with their names. */
export function CriteriaList({ criteria }: { criteria: readonly unknown[] }) {
  const names = useMessages(criterionMessages);
  return (
    <UnorderedList>
      {criteria.map((c) => (
        <UnorderedListItem key={String(c)}>{criterionLabel(names, Number(c))}</UnorderedListItem>
      ))}
    </UnorderedList>
  );
}

export function DecisionPayload({ payload }: { payload: Payload }) {
  const t = useMessages(timelineMessages);
  const { date } = useFormats();
  const outcome = payload['outcome'];
  const rule = isRecord(payload['rule']) ? payload['rule'] : undefined;
  const source = rule && isRecord(rule['source']) ? rule['source'] : undefined;
  const changes = listOf(payload['changes']).filter(isRecord);
  const notCovered = listOf(payload['notCoveredBySondage']).filter(isText);
  const items: ReactNode[] = [];
  if (typeof outcome === 'string')
    items.push(
      <DataItem key="outcome" label={t.outcome}>
        {(OUTCOMES as readonly string[]).includes(outcome)
          ? t[outcome as (typeof OUTCOMES)[number]]
          : outcome}
      </DataItem>,
    );
  for (const key of TEXTS) {
    const text = payload[key];
    if (isText(text))
      items.push(
        <DataItem key={key} label={t[key]}>
          <span className="console-timeline__text">{text}</span>
        </DataItem>,
      );
  }
  for (const key of ['assessment', 'reassessment'] as const) {
    const value = payload[key];
    if (isRecord(value)) items.push(<Assessment key={key} value={value} label={t.summary} />);
  }
  if (listOf(payload['criteria']).length > 0)
    items.push(
      <DataItem key="criteria" label={t.criteria}>
        <CriteriaList criteria={listOf(payload['criteria'])} />
      </DataItem>,
    );
  for (const key of ['evidence', 'additionalEvidence'] as const) {
    if (listOf(payload[key]).length > 0)
      items.push(
        <DataItem key={key} label={t[key]}>
          <EvidenceList evidence={listOf(payload[key])} />
        </DataItem>,
      );
  }
  for (const key of DATES) {
    const value = payload[key];
    if (isText(value))
      items.push(
        <DataItem key={key} label={t[key]}>
          {date(value)}
        </DataItem>,
      );
  }
  if (rule && isText(rule['ruleId']))
    items.push(
      <DataItem key="rule" label={t.rule}>
        <code>{rule['ruleId']}</code>
        {isText(rule['policyVersion']) && <> ({rule['policyVersion']})</>}
        {source && isText(source['reference']) && <>: {source['reference']}</>}
      </DataItem>,
    );
  for (const key of OFFICIALS) {
    const official = payload[key];
    if (isRecord(official) && isText(official['sub']))
      items.push(
        <DataItem key={key} label={t[key]}>
          {official['sub']}
        </DataItem>,
      );
  }
  if (isText(payload['measureId']))
    items.push(
      <DataItem key="measureId" label={t.measureId}>
        <code>{payload['measureId']}</code>
      </DataItem>,
    );
  if (changes.length > 0)
    items.push(
      <DataItem key="changes" label={t.changes}>
        {changes.map((c) => String(c['field'])).join(', ')}
      </DataItem>,
    );
  if (notCovered.length > 0)
    items.push(
      <DataItem key="notCovered" label={t.notCoveredBySondage}>
        {notCovered.map((n) => (n === 'destination' || n === 'end-user' ? t[n] : n)).join(', ')}
      </DataItem>,
    );
  return items.length > 0 ? <DataList className="console-timeline__payload">{items}</DataList> : null;
}
