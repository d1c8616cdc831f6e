import {
  DataList,
  Heading3,
  Paragraph,
  UnorderedList,
  UnorderedListItem,
} from '@utrecht/component-library-react';
import { useSession } from '../../auth/session-context';
import { AppLink } from '../../components/app-link';
import type { LicenceView } from '../../api/licence.types';
import { CriteriaList, EvidenceList } from '../../components/timeline/decision-payload';
import { defineMessages, useFormats, useMessages } from '../../i18n/i18n';
import { roleMessages } from '../../layout/role.messages';
import { DataItem } from '../../components/timeline/data-item';

const messages = defineMessages({
  nl: {
    sondage: 'Antwoord op de sondage',
    outcome: 'Uitkomst',
    positive: 'Positief',
    negative: 'Negatief',
    answeredOn: 'Beantwoord op',
    reasoning: 'Motivering',
    criteria: 'Criteria',
    changes: 'Wijzigingen van de aanvraag ten opzichte van de sondage',
    field: (field: string) => `Veld ${field}`,
    before: 'Sondage',
    after: 'Aanvraag',
    notCovered: 'Niet door het antwoord op de sondage gedekt',
    noChanges: 'De aanvraag wijkt niet af van de sondage.',
    proposal: 'Openstaand voorstel tot intrekking',
    proposedBy: 'Voorgesteld door',
    official: (sub: string, role: string) => `${sub} (${role})`,
    proposedOn: 'Voorgesteld op',
    circumstances: 'Gewijzigde omstandigheden',
    evidence: 'Bewijs',
    suspension: 'Schorsing van kracht',
    suspendedOn: 'Geschorst sinds',
    suspendedBy: 'Geschorst door',
    reasons: 'Redenen',
    pastSuspensions: 'Eerdere schorsingen',
    suspensionRange: (from: string, until: string) => `Van ${from} tot en met ${until}`,
    holds: 'Aanhoudingen van kracht',
    holdBy: (sub: string, on: string) => `Door ${sub} sinds ${on}`,
    fromMeasure: 'Door landenmaatregel',
    ownHold: 'Door een beoordelaar van deze zaak',
    reassessments: 'Openstaande verzoeken om herbeoordeling',
    requestedBy: 'Landenmaatregel',
    requestedOn: (on: string) => `gevraagd op ${on}`,
    destination: 'bestemming',
    'end-user': 'eindgebruiker',
  },
  en: {
    sondage: 'Answer to the sondage',
    outcome: 'Outcome',
    positive: 'Positive',
    negative: 'Negative',
    answeredOn: 'Answered on',
    reasoning: 'Reasoning',
    criteria: 'Criteria',
    changes: 'Changes of the application against the sondage',
    field: (field: string) => `Field ${field}`,
    before: 'Sondage',
    after: 'Application',
    notCovered: "Not covered by the sondage's answer",
    noChanges: 'The application does not differ from the sondage.',
    proposal: 'Open revocation proposal',
    proposedBy: 'Proposed by',
    official: (sub: string, role: string) => `${sub} (${role})`,
    proposedOn: 'Proposed on',
    circumstances: 'Changed circumstances',
    evidence: 'Evidence',
    suspension: 'Suspension in force',
    suspendedOn: 'Suspended since',
    suspendedBy: 'Suspended by',
    reasons: 'Reasons',
    pastSuspensions: 'Past suspensions',
    suspensionRange: (from: string, until: string) => `From ${from} until ${until}`,
    holds: 'Holds in force',
    holdBy: (sub: string, on: string) => `By ${sub} since ${on}`,
    fromMeasure: 'By country measure',
    ownHold: 'By an assessor of this case',
    reassessments: 'Open reassessment requests',
    requestedBy: 'Country measure',
    requestedOn: (on: string) => `requested on ${on}`,
    destination: 'destination',
    'end-user': 'end user',
  },
});

/** How a recorded value reads: a list item per line, an object as its values, text as it is. */
function shown(value: unknown): string {
  if (value === undefined || value === null) return '—';
  if (Array.isArray(value)) return value.map(shown).join('\n');
  if (typeof value === 'object')
    return Object.values(value as Record<string, unknown>)
      .map(shown)
      .join(', ');
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** The sondage, the application's changes and everything after issue that is in force now. */
export function CaseProceedings({ view }: { view: LicenceView }) {
  const t = useMessages(messages);
  const roles = useMessages(roleMessages) as Readonly<Record<string, string>>;
  const { date } = useFormats();
  const official = (o: { sub: string; role: string }) => t.official(o.sub, roles[o.role] ?? o.role);
  const { sondage, applicationChanges: changes, revocationProposal: proposal, suspension } = view;
  return (
    <>
      {sondage && (
        <>
          <Heading3>{t.sondage}</Heading3>
          <DataList>
            <DataItem label={t.outcome}>{t[sondage.outcome]}</DataItem>
            <DataItem label={t.answeredOn}>{date(sondage.decisionDate)}</DataItem>
            <DataItem label={t.reasoning}>{sondage.reasoning}</DataItem>
            {sondage.criteria.length > 0 && (
              <DataItem label={t.criteria}>
                <CriteriaList criteria={sondage.criteria} />
              </DataItem>
            )}
          </DataList>
        </>
      )}
      {changes && (
        <>
          <Heading3>{t.changes}</Heading3>
          {changes.changes.length === 0 ? (
            <Paragraph>{t.noChanges}</Paragraph>
          ) : (
            <DataList>
              {changes.changes.map((c) => (
                <DataItem key={c.field} label={t.field(c.field)}>
                  <span className="console-timeline__text">
                    {t.before}: {shown(c.sondage)}
                    {'\n'}
                    {t.after}: {shown(c.application)}
                  </span>
                </DataItem>
              ))}
            </DataList>
          )}
          {changes.notCoveredBySondage.length > 0 && (
            <Paragraph>
              <strong>{t.notCovered}</strong>:{' '}
              {changes.notCoveredBySondage
                .map((n) => (n === 'destination' || n === 'end-user' ? t[n] : n))
                .join(', ')}
            </Paragraph>
          )}
        </>
      )}
      {proposal && (
        <>
          <Heading3>{t.proposal}</Heading3>
          <DataList data-testid="revocation-proposal">
            <DataItem label={t.proposedBy}>{official(proposal.proposedBy)}</DataItem>
            <DataItem label={t.proposedOn}>{date(proposal.proposedOn)}</DataItem>
            <DataItem label={t.circumstances}>{proposal.circumstances}</DataItem>
            <DataItem label={t.criteria}>
              <CriteriaList criteria={proposal.criteria} />
            </DataItem>
            <DataItem label={t.evidence}>
              <EvidenceList evidence={proposal.evidence} />
            </DataItem>
          </DataList>
        </>
      )}
      {suspension && (
        <>
          <Heading3>{t.suspension}</Heading3>
          <DataList>
            <DataItem label={t.suspendedOn}>{date(suspension.suspendedOn)}</DataItem>
            <DataItem label={t.suspendedBy}>{official(suspension.suspendedBy)}</DataItem>
            <DataItem label={t.reasons}>{suspension.reasons}</DataItem>
            <DataItem label={t.criteria}>
              <CriteriaList criteria={suspension.criteria} />
            </DataItem>
          </DataList>
        </>
      )}
      {view.suspensions.length > 0 && (
        <>
          <Heading3>{t.pastSuspensions}</Heading3>
          <UnorderedList>
            {view.suspensions.map((s) => (
              <UnorderedListItem key={s.from}>
                {t.suspensionRange(date(s.from), date(s.until))}
              </UnorderedListItem>
            ))}
          </UnorderedList>
        </>
      )}
      {view.holds.length > 0 && (
        <>
          <Heading3>{t.holds}</Heading3>
          <UnorderedList>
            {view.holds.map((h) => (
              <UnorderedListItem key={`${h.heldOn}-${h.measureId ?? 'case'}`}>
                {t.holdBy(official(h.heldBy), date(h.heldOn))}: {h.reason} (
                {h.measureId ? (
                  <>
                    {t.fromMeasure} <MeasureLink id={h.measureId} />
                  </>
                ) : (
                  t.ownHold
                )}
                )
              </UnorderedListItem>
            ))}
          </UnorderedList>
        </>
      )}
      {view.reassessmentRequests.length > 0 && (
        <>
          <Heading3>{t.reassessments}</Heading3>
          <UnorderedList>
            {view.reassessmentRequests.map((r) => (
              <UnorderedListItem key={r.measureId}>
                {t.requestedBy} <MeasureLink id={r.measureId} />, {t.requestedOn(date(r.requestedOn))}
              </UnorderedListItem>
            ))}
          </UnorderedList>
        </>
      )}
    </>
  );
}

/** A country measure's id, linked to its page for the roles that may read measures. */
function MeasureLink({ id }: { id: string }) {
  const { session } = useSession();
  const readable = (['assessor', 'senior-assessor', 'oversight'] as const).some(
    (r) => r === session.actingRole,
  );
  return readable ? (
    <AppLink to={`/measures/${encodeURIComponent(id)}`}>
      <code>{id}</code>
    </AppLink>
  ) : (
    <code>{id}</code>
  );
}
