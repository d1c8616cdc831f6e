import type { Official } from '../../api/licence.types';
import type { MeasureSummary } from '../../api/measure.types';
import { defineMessages, useFormats, useLanguage, useMessages } from '../../i18n/i18n';
import { roleMessages } from '../../layout/role.messages';
import { countryName } from '../../vocabulary/country.vocabulary';
import { approvalMessages, measureStatusMessages } from './approval.messages';
import { FactList } from './fact-list';
import type { Fact } from './fact-list';

const messages = defineMessages({
  nl: {
    destination: 'Bestemming',
    status: 'Status',
    legalGround: 'Juridische grondslag',
    reasons: 'Redenen',
    proposed: 'Voorgesteld',
    approved: 'Goedgekeurd',
    rejected: 'Afgewezen',
    rejectionReason: 'Reden van afwijzing',
    lifted: 'Opgeheven',
    liftReason: 'Reden van opheffing',
    byOn: (who: string, on: string) => `door ${who} op ${on}`,
    by: (who: string) => `door ${who}`,
  },
  en: {
    destination: 'Destination',
    status: 'Status',
    legalGround: 'Legal ground',
    reasons: 'Reasons',
    proposed: 'Proposed',
    approved: 'Approved',
    rejected: 'Rejected',
    rejectionReason: 'Reason for rejection',
    lifted: 'Lifted',
    liftReason: 'Reason for lifting',
    byOn: (who: string, on: string) => `by ${who} on ${on}`,
    by: (who: string) => `by ${who}`,
  },
});

/** `Turkije (TR)`: the name for reading, the code as the API and the legal texts name it. */
export function useCountryLabel(): (code: string) => string {
  const { language } = useLanguage();
  return (code) => `${countryName(code, language)} (${code})`;
}

/** `a.senior (Senior beoordelaar)`. */
export function useOfficialLabel(): (official: Official) => string {
  const t = useMessages(approvalMessages);
  const roles = useMessages(roleMessages);
  return ({ sub, role }) => t.official(sub, role in roles ? roles[role as keyof typeof roles] : role);
}

/** What a measure is and who took each of its steps, as a definition list. */
export function MeasureFacts({ measure }: { measure: MeasureSummary }) {
  const t = useMessages(messages);
  const statuses = useMessages(measureStatusMessages);
  const formats = useFormats();
  const country = useCountryLabel();
  const official = useOfficialLabel();
  const items: Fact[] = [
    [t.destination, country(measure.destination)],
    [t.status, statuses[measure.status]],
    [t.legalGround, measure.legalGround],
    [t.reasons, measure.reasons],
    [t.proposed, t.byOn(official(measure.proposedBy), formats.date(measure.proposedOn))],
  ];
  if (measure.approvedBy) {
    items.push([t.approved, t.byOn(official(measure.approvedBy), formats.date(measure.approvedOn ?? ''))]);
  }
  if (measure.rejectedBy) {
    items.push([t.rejected, t.by(official(measure.rejectedBy))]);
    items.push([t.rejectionReason, measure.rejectionReason]);
  }
  if (measure.liftedBy) {
    items.push([t.lifted, t.byOn(official(measure.liftedBy), formats.date(measure.liftedOn ?? ''))]);
    items.push([t.liftReason, measure.liftReason]);
  }
  return <FactList facts={items} />;
}
