import {
  DataList,
  DataListItem,
  DataListKey,
  DataListValue,
  Heading3,
  Paragraph,
} from '@utrecht/component-library-react';
import type { OversightFinding, ReplayStep } from '../../api/oversight.types';
import { defineMessages, useFormats, useMessages } from '../../i18n/i18n';
import { roleMessages } from '../../layout/role.messages';
import { eventMessages, eventName } from '../../vocabulary/case.vocabulary';
import { FindingItem } from './finding-item';
import { DecisionPayload, PAYLOAD_FIELDS_IN_WORDS } from '../../components/timeline/decision-payload';
import { RecordedValue } from './recorded-value';

const messages = defineMessages({
  nl: {
    timeline: 'Stappen van de zaak, oudste eerst',
    step: (revision: number) => `Stap ${revision}`,
    who: 'Door',
    role: 'Rol',
    decisionDate: 'Besluitdatum',
    recordedAt: 'Vastgelegd op',
    rule: 'Regel en beleidsversie (vastgelegd)',
    ruleInForce: 'Regel en beleidsversie van kracht op de besluitdatum',
    decided: 'Wat is besloten',
    imported: 'Historische import',
    importedText: (line: number, by: string, approved: string) =>
      `regel ${line} van het importbestand, geplaatst door ${by}, goedgekeurd door ${approved}`,
    findings: (n: number) => (n === 1 ? '1 bevinding bij deze stap' : `${n} bevindingen bij deze stap`),
    noFindings: 'Geen bevindingen bij deze stap',
    none: 'geen vastgelegd',
  },
  en: {
    timeline: 'Steps of the case, oldest first',
    step: (revision: number) => `Step ${revision}`,
    who: 'By',
    role: 'Role',
    decisionDate: 'Decision date',
    recordedAt: 'Recorded at',
    rule: 'Rule and policy version (recorded)',
    ruleInForce: 'Rule and policy version in force on the decision date',
    decided: 'What was decided',
    imported: 'Historical import',
    importedText: (line: number, by: string, approved: string) =>
      `line ${line} of the import file, uploaded by ${by}, approved by ${approved}`,
    findings: (n: number) => (n === 1 ? '1 finding on this step' : `${n} findings on this step`),
    noFindings: 'No findings on this step',
    none: 'none recorded',
  },
});

/** Shown in their own rows (dates, the rule) or known from the page (the case). */
const SHOWN_APART = new Set(['caseId', 'decisionDate', 'rule']);

interface RuleTerms {
  readonly ruleId: string | null;
  readonly policyVersion: string | null;
}

/** The rule a step recorded: from its re-check, else from its payload (`rule`, or `ruleId` and `policyVersion`). */
function recordedRule(step: ReplayStep): RuleTerms | undefined {
  if (step.recheck) return step.recheck.recorded;
  const decided = step.decided ?? {};
  const rule = decided['rule'] as Partial<Record<string, unknown>> | undefined;
  const ruleId = rule?.['ruleId'] ?? decided['ruleId'];
  const policyVersion = rule?.['policyVersion'] ?? decided['policyVersion'];
  if (typeof ruleId !== 'string' && typeof policyVersion !== 'string') return undefined;
  return {
    ruleId: typeof ruleId === 'string' ? ruleId : null,
    policyVersion: typeof policyVersion === 'string' ? policyVersion : null,
  };
}

function ruleText(rule: RuleTerms, none: string): string {
  return `${rule.ruleId ?? none} · ${rule.policyVersion ?? none}`;
}

function TimelineStep({ step, findings }: { step: ReplayStep; findings: readonly OversightFinding[] }) {
  const t = useMessages(messages);
  const events = useMessages(eventMessages);
  const roles = useMessages(roleMessages);
  const formats = useFormats();
  const rule = recordedRule(step);
  const decided = Object.entries(step.decided ?? {}).filter(([key]) => !SHOWN_APART.has(key));
  // In words where the case timeline has words for it; the rest (a registration's details) as recorded.
  const inWords = decided.filter(([key]) => PAYLOAD_FIELDS_IN_WORDS.has(key));
  const asRecorded = decided.filter(([key]) => !PAYLOAD_FIELDS_IN_WORDS.has(key));
  const headingId = `step-${step.revision}`;
  return (
    <li aria-labelledby={headingId} data-testid="replay-step" data-revision={step.revision}>
      <Heading3 id={headingId}>
        {t.step(step.revision)}: {eventName(events, step.type)}
      </Heading3>
      <DataList>
        <DataListItem>
          <DataListKey>{t.who}</DataListKey>
          <DataListValue>{step.actor.sub}</DataListValue>
        </DataListItem>
        <DataListItem>
          <DataListKey>{t.role}</DataListKey>
          <DataListValue>
            {(roles as Record<string, string>)[step.actor.role] ?? step.actor.role}
          </DataListValue>
        </DataListItem>
        <DataListItem>
          <DataListKey>{t.decisionDate}</DataListKey>
          <DataListValue>{formats.date(step.decisionDate)}</DataListValue>
        </DataListItem>
        <DataListItem>
          <DataListKey>{t.recordedAt}</DataListKey>
          <DataListValue>{formats.instant(step.recordedAt)}</DataListValue>
        </DataListItem>
        {rule && (
          <DataListItem>
            <DataListKey>{t.rule}</DataListKey>
            <DataListValue>{ruleText(rule, t.none)}</DataListValue>
          </DataListItem>
        )}
        {step.recheck && (
          <DataListItem>
            <DataListKey>{t.ruleInForce}</DataListKey>
            <DataListValue>{ruleText(step.recheck.expected, t.none)}</DataListValue>
          </DataListItem>
        )}
        {step.imported && (
          <DataListItem>
            <DataListKey>{t.imported}</DataListKey>
            <DataListValue>
              {t.importedText(step.imported.line, step.imported.uploadedBy.sub, step.imported.approvedBy.sub)}
            </DataListValue>
          </DataListItem>
        )}
        {decided.length > 0 && (
          <DataListItem>
            <DataListKey>{t.decided}</DataListKey>
            <DataListValue>
              {inWords.length > 0 && <DecisionPayload payload={Object.fromEntries(inWords)} />}
              {asRecorded.length > 0 && <RecordedValue value={Object.fromEntries(asRecorded)} />}
            </DataListValue>
          </DataListItem>
        )}
      </DataList>
      <Paragraph>
        <strong>{findings.length > 0 ? t.findings(findings.length) : t.noFindings}</strong>
      </Paragraph>
      {findings.map((finding, i) => (
        <FindingItem key={`${finding.code}-${i}`} finding={finding} />
      ))}
    </li>
  );
}

/** A replay's steps in order, each with the findings the re-check placed on it. */
export function ReplayTimeline({
  steps,
  findingsByRevision,
}: {
  steps: readonly ReplayStep[];
  findingsByRevision: ReadonlyMap<number, readonly OversightFinding[]>;
}) {
  const t = useMessages(messages);
  return (
    <ol className="console-timeline" aria-label={t.timeline}>
      {steps.map((step) => (
        <TimelineStep
          key={step.revision}
          step={step}
          findings={findingsByRevision.get(step.revision) ?? []}
        />
      ))}
    </ol>
  );
}
