import { Alert, Heading3, Heading4, Paragraph, StatusBadge } from '@utrecht/component-library-react';
import type { Role } from '@licences/shared-identity';
import { useFormats, useMessages } from '../../i18n/i18n';
import { roleMessages } from '../../layout/role.messages';
import { eventMessages, eventName } from '../../vocabulary/case.vocabulary';
import { DecisionPayload } from './decision-payload';
import { timelineMessages } from './timeline.messages';

/** One decision or step of a case, as the history (or an oversight replay) lists it. */
export interface TimelineStep {
  /** Identifies the step; findings are keyed by it. */
  readonly eventId: string;
  /** The event type (`Issued`, `Suspended`...), named from the case vocabulary. */
  readonly type: string;
  readonly actor: { readonly sub: string; readonly role: string };
  /** Business time: the date the decision took effect. */
  readonly decisionDate: string;
  /** Recorded time: when the record received it. */
  readonly recordedAt: string;
  /** Set (to anything but null) when the step came from a historical import. */
  readonly imported?: unknown;
  /** What justified the decision, as recorded. */
  readonly payload: Readonly<Record<string, unknown>>;
}

/** Something oversight found about a step, shown with it (by severity in words, not by colour alone). */
export interface TimelineFinding {
  readonly severity: 'error' | 'warning' | 'info';
  readonly code: string;
  readonly message: string;
}

export interface TimelineProps {
  readonly steps: readonly TimelineStep[];
  /** Findings per step, by `eventId`; steps without any show none. */
  readonly findings?: Readonly<Record<string, readonly TimelineFinding[]>>;
  /** Names the list for assistive technology, e.g. "Timeline of decisions". */
  readonly label: string;
  /** The heading level of each step, to follow the page's own headings. */
  readonly headingLevel?: 3 | 4;
  /** Words for the severities, from the page that knows its findings. */
  readonly severityNames?: Readonly<Record<TimelineFinding['severity'], string>>;
}

const ALERT_TYPE = { error: 'error', warning: 'warning', info: 'info' } as const;

/** Every decision on a case in order: what, who in which role, business and recorded time, and why. */
export function Timeline({ steps, findings = {}, label, headingLevel = 3, severityNames }: TimelineProps) {
  const t = useMessages(timelineMessages);
  const events = useMessages(eventMessages);
  const roles = useMessages(roleMessages);
  const { date, instant } = useFormats();
  const Heading = headingLevel === 3 ? Heading3 : Heading4;
  if (steps.length === 0) return <Paragraph>{t.empty}</Paragraph>;
  return (
    <ol className="console-timeline" aria-label={label}>
      {steps.map((step) => {
        const marked = findings[step.eventId] ?? [];
        const role = (roles as Readonly<Record<string, string>>)[step.actor.role as Role] ?? step.actor.role;
        return (
          <li key={step.eventId} data-testid="timeline-step">
            <Heading>{eventName(events, step.type)}</Heading>
            {step.imported !== undefined && step.imported !== null && step.imported !== false && (
              <StatusBadge status="neutral">{t.imported}</StatusBadge>
            )}
            <Paragraph>
              {t.who}: <strong>{t.inRole(step.actor.sub, role)}</strong>
              <br />
              {t.decisionDate}: <time dateTime={step.decisionDate}>{date(step.decisionDate)}</time>
              <br />
              {t.recordedAt}: <time dateTime={step.recordedAt}>{instant(step.recordedAt)}</time>
            </Paragraph>
            <DecisionPayload payload={step.payload} />
            {marked.length > 0 && (
              <div className="console-timeline__findings">
                <Paragraph>
                  <strong>{t.findings}</strong>
                </Paragraph>
                {marked.map((finding) => (
                  <Alert key={finding.code} type={ALERT_TYPE[finding.severity]}>
                    <Paragraph>
                      <strong>{severityNames?.[finding.severity] ?? finding.severity}</strong> (
                      <code>{finding.code}</code>): {finding.message}
                    </Paragraph>
                  </Alert>
                ))}
              </div>
            )}
          </li>
        );
      })}
    </ol>
  );
}
