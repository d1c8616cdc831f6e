import {
  DataList,
  DataListItem,
  DataListKey,
  DataListValue,
  Heading3,
  Paragraph,
  StatusBadge,
} from '@utrecht/component-library-react';
import type { ReactNode } from 'react';
import type { IntegrityAnswer, ProblemKind } from '../../api/oversight.types';
import { defineMessages, useFormats, useMessages } from '../../i18n/i18n';

const messages = defineMessages({
  nl: {
    events: 'Besluiten in het register',
    accessLog: 'Toegangslogboek',
    intact: 'Intact',
    broken: 'Onderbroken: ernstig',
    unsealed: 'Niet te controleren',
    unsealedText: 'Deze opslag verzegelt zijn gebeurtenissen niet; er kon niets worden gecontroleerd.',
    state: 'Toestand',
    checked: 'Gecontroleerd',
    eventsChecked: (n: string) => `${n} gebeurtenissen`,
    recordsChecked: (n: string) => `${n} regels`,
    headPosition: 'Laatste positie',
    headHash: 'Ketenhash van de laatste positie (om te publiceren)',
    headRecord: 'Laatste regel',
    firstProblem: 'Eerste breuk',
    problem: (kind: string, where: string) => `${kind} bij ${where}`,
    eventAt: (position: number, stream: string, revision: number) =>
      `positie ${position} (zaak ${stream}, revisie ${revision})`,
    recordAt: (seq: number) => `regel ${seq}`,
    checkpoint: 'Gepubliceerd controlepunt',
    anchor: 'Anker buiten het bestand',
    anchorMatches: 'komt overeen',
    anchorDiffers: 'komt niet overeen',
    noAnchor: 'geen anker bewaard',
    summary: 'Uitkomst volgens de API',
  },
  en: {
    events: 'Decisions in the record',
    accessLog: 'Access log',
    intact: 'Intact',
    broken: 'Broken: severe',
    unsealed: 'Cannot be checked',
    unsealedText: 'This store does not seal its events; nothing could be checked.',
    state: 'State',
    checked: 'Checked',
    eventsChecked: (n: string) => `${n} events`,
    recordsChecked: (n: string) => `${n} records`,
    headPosition: 'Head position',
    headHash: 'Chain hash of the head (to publish)',
    headRecord: 'Head record',
    firstProblem: 'First break',
    problem: (kind: string, where: string) => `${kind} at ${where}`,
    eventAt: (position: number, stream: string, revision: number) =>
      `position ${position} (case ${stream}, revision ${revision})`,
    recordAt: (seq: number) => `record ${seq}`,
    checkpoint: 'Published checkpoint',
    anchor: 'Anchor outside the file',
    anchorMatches: 'matches',
    anchorDiffers: 'does not match',
    noAnchor: 'no anchor kept',
    summary: 'Outcome as the API states it',
  },
});

const kindMessages = defineMessages({
  nl: {
    changed: 'gewijzigd',
    removed: 'verwijderd',
    inserted: 'ingevoegd',
    reordered: 'van volgorde veranderd',
  } satisfies Record<ProblemKind, string>,
  en: {
    changed: 'changed',
    removed: 'removed',
    inserted: 'inserted',
    reordered: 'reordered',
  } satisfies Record<ProblemKind, string>,
});

type State = 'intact' | 'broken' | 'unsealed';
const BADGE: Readonly<Record<State, string>> = { intact: 'valid', broken: 'danger', unsealed: 'warning' };

/** The state in words on a badge whose colour only repeats them. */
function StateBadge({ state }: { state: State }) {
  const t = useMessages(messages);
  return (
    <StatusBadge status={BADGE[state]} data-testid="integrity-state">
      {t[state]}
    </StatusBadge>
  );
}

function Row({ name, children }: { name: string; children: ReactNode }) {
  return (
    <DataListItem>
      <DataListKey>{name}</DataListKey>
      <DataListValue>{children}</DataListValue>
    </DataListItem>
  );
}

/** The two hash chains as the API re-checked them: intact, or where the first break lies. */
export function IntegrityStatus({ report }: { report: IntegrityAnswer }) {
  const t = useMessages(messages);
  const kinds = useMessages(kindMessages);
  const formats = useFormats();
  const events: State = !report.sealed ? 'unsealed' : report.intact ? 'intact' : 'broken';
  const log = report.accessLog;
  return (
    <>
      <Heading3>{t.events}</Heading3>
      {!report.sealed && <Paragraph>{t.unsealedText}</Paragraph>}
      <DataList>
        <Row name={t.state}>
          <StateBadge state={events} />
        </Row>
        <Row name={t.checked}>{t.eventsChecked(formats.number(report.eventsChecked))}</Row>
        <Row name={t.headPosition}>{report.headPosition}</Row>
        {report.headHash !== null && (
          <Row name={t.headHash}>
            <code className="console-hash">{report.headHash}</code>
          </Row>
        )}
        {report.firstProblem && (
          <Row name={t.firstProblem}>
            {t.problem(
              kinds[report.firstProblem.kind] ?? report.firstProblem.kind,
              t.eventAt(
                report.firstProblem.position,
                report.firstProblem.streamId,
                report.firstProblem.revision,
              ),
            )}
            : {report.firstProblem.detail}
          </Row>
        )}
        {report.checkpoint && (
          <Row name={t.checkpoint}>
            {report.checkpoint.matches ? t.anchorMatches : t.anchorDiffers}: {report.checkpoint.finding}
          </Row>
        )}
        <Row name={t.summary}>{report.summary}</Row>
      </DataList>
      <Heading3>{t.accessLog}</Heading3>
      <DataList>
        <Row name={t.state}>
          <StateBadge state={log.intact ? 'intact' : 'broken'} />
        </Row>
        {log.recordsChecked !== undefined && (
          <Row name={t.checked}>{t.recordsChecked(formats.number(log.recordsChecked))}</Row>
        )}
        {log.head && (
          <Row name={t.headRecord}>
            {t.recordAt(log.head.seq)}: <code className="console-hash">{log.head.hash}</code>
          </Row>
        )}
        {log.anchor !== undefined && (
          <Row name={t.anchor}>
            {log.anchor === null ? t.noAnchor : log.anchor.matches ? t.anchorMatches : t.anchorDiffers}
          </Row>
        )}
        {log.firstProblem && (
          <Row name={t.firstProblem}>
            {t.problem(
              kinds[log.firstProblem.kind] ?? log.firstProblem.kind,
              t.recordAt(log.firstProblem.seq),
            )}
            : {log.firstProblem.detail}
          </Row>
        )}
        <Row name={t.summary}>{log.summary}</Row>
      </DataList>
    </>
  );
}
