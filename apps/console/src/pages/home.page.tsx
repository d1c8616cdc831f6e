import {
  Heading1,
  Heading2,
  Paragraph,
  UnorderedList,
  UnorderedListItem,
} from '@utrecht/component-library-react';
import { useSession } from '../auth/session-context';
import { AppLink } from '../components/app-link';
import { defineMessages, useMessages } from '../i18n/i18n';
import { roleMessages } from '../layout/role.messages';
import { usePageTitle } from '../layout/page-title';
import { NAV_ITEMS, navMessages } from '../layout/navigation';

const messages = defineMessages({
  nl: {
    title: (name: string) => `Welkom, ${name}`,
    role: (role: string) => `U werkt als ${role}. Dit kunt u hier doen:`,
    register: 'Een sondage of aanvraag registreren, met alle gegevens van de zaak.',
    myCases: 'De zaken die u registreerde, met hun stand.',
    queues:
      'Sondages en aanvragen die op een besluit wachten, herbeoordelingen en vergunningen die binnen 90 dagen aflopen; oudste eerst.',
    cases: 'Zaken zoeken op status, bestemming en goederen, ook zoals ze op een datum stonden.',
    approvals:
      'Voorstellen die een tweede functionaris moeten goedkeuren: intrekkingen, landenmaatregelen en historische imports.',
    oversight:
      'Besluiten herafspelen met hun bevindingen, besluiten per periode, de integriteit van het register en wat-als-berekeningen.',
    reports: 'Rapportages voor parlement en EU in HTML, CSV, Markdown of JSON.',
    sections: 'Onderdelen',
  },
  en: {
    title: (name: string) => `Welcome, ${name}`,
    role: (role: string) => `You are acting as ${role}. Here you can:`,
    register: 'Register a sondage or an application, with every detail of the case.',
    myCases: 'The cases you registered, and where they stand.',
    queues:
      'Sondages and applications awaiting a decision, reassessments and licences expiring within 90 days; oldest first.',
    cases: 'Find cases by status, destination and goods, also as they stood on a date.',
    approvals:
      'Proposals a second official must approve: revocations, country measures and historical imports.',
    oversight:
      'Replay decisions with their findings, decisions by period, the integrity of the record and what-if calculations.',
    reports: 'Reports for parliament and the EU in HTML, CSV, Markdown or JSON.',
    sections: 'Sections',
  },
});

export function HomePage() {
  const { session } = useSession();
  const t = useMessages(messages);
  const labels = useMessages(navMessages);
  const roles = useMessages(roleMessages);
  usePageTitle(t.title(session.sub));
  const items = NAV_ITEMS.filter((item) => item.to !== '/' && item.roles.includes(session.actingRole));
  return (
    <>
      <Heading1>{t.title(session.sub)}</Heading1>
      <Paragraph>{t.role(roles[session.actingRole].toLowerCase())}</Paragraph>
      <Heading2>{t.sections}</Heading2>
      <UnorderedList>
        {items.map((item) => {
          const key = item.label as Exclude<typeof item.label, 'home'>;
          return (
            <UnorderedListItem key={item.to}>
              <AppLink to={item.to}>{labels[key]}</AppLink>: {t[key]}
            </UnorderedListItem>
          );
        })}
      </UnorderedList>
    </>
  );
}
