import {
  Button,
  Link as UtrechtLink,
  Page,
  PageContent,
  PageFooter,
  PageHeader,
  Paragraph,
  Select,
  SelectOption,
  SkipLink,
} from '@utrecht/component-library-react';
import type { ReactNode } from 'react';
import { NavLink } from 'react-router';
import type { Role } from '@licences/shared-identity';
import { useSession } from '../auth/session-context';
import { defineMessages, LANGUAGES, useLanguage, useMessages } from '../i18n/i18n';
import type { Language } from '../i18n/i18n';
import { NAV_ITEMS, navMessages } from './navigation';
import { roleMessages } from './role.messages';

const messages = defineMessages({
  nl: {
    skip: 'Naar de inhoud',
    title: 'Exportvergunningen',
    subtitle: 'Militaire goederen en goederen voor tweeërlei gebruik',
    nav: 'Hoofdmenu',
    signedInAs: 'Aangemeld als',
    actingAs: 'Werkt als',
    signOut: 'Afmelden',
    language: 'Taal',
    footer:
      'Alle besluiten staan als gebeurtenis in het register; deze console gebruikt alleen de openbare API.',
  },
  en: {
    skip: 'Skip to content',
    title: 'Export licences',
    subtitle: 'Military and dual-use goods',
    nav: 'Main menu',
    signedInAs: 'Signed in as',
    actingAs: 'Acting as',
    signOut: 'Sign out',
    language: 'Language',
    footer: 'Every decision is an event in the record; this console uses the public API only.',
  },
});

const LANGUAGE_NAMES: Record<Language, string> = { nl: 'Nederlands', en: 'English' };

export function Shell({ children }: { children: ReactNode }) {
  const t = useMessages(messages);
  const roles = useMessages(roleMessages);
  const nav = useMessages(navMessages);
  const { language, setLanguage } = useLanguage();
  const { session, setActingRole, signOut } = useSession();
  const items = NAV_ITEMS.filter((item) => item.roles.includes(session.actingRole));
  return (
    <Page>
      <SkipLink href="#main">{t.skip}</SkipLink>
      <PageHeader className="console-header">
        <div className="console-header__brand">
          <Paragraph className="console-header__title">{t.title}</Paragraph>
          <Paragraph className="console-header__subtitle">{t.subtitle}</Paragraph>
        </div>
        <div className="console-header__tools">
          <Paragraph>
            {t.signedInAs} <strong data-testid="signed-in-sub">{session.sub}</strong>
          </Paragraph>
          {session.roles.length > 1 ? (
            <label className="console-inline-field">
              {t.actingAs}{' '}
              <Select value={session.actingRole} onChange={(e) => setActingRole(e.target.value as Role)}>
                {session.roles.map((role) => (
                  <SelectOption key={role} value={role}>
                    {roles[role]}
                  </SelectOption>
                ))}
              </Select>
            </label>
          ) : (
            <Paragraph>
              {t.actingAs} <strong>{roles[session.actingRole]}</strong>
            </Paragraph>
          )}
          <label className="console-inline-field">
            {t.language}{' '}
            <Select value={language} onChange={(e) => setLanguage(e.target.value as Language)}>
              {LANGUAGES.map((lang) => (
                <SelectOption key={lang} value={lang} lang={lang}>
                  {LANGUAGE_NAMES[lang]}
                </SelectOption>
              ))}
            </Select>
          </label>
          <Button appearance="subtle-button" onClick={signOut}>
            {t.signOut}
          </Button>
        </div>
        <nav aria-label={t.nav} className="console-nav">
          <ul>
            {items.map((item) => (
              <li key={item.to}>
                <NavLink to={item.to} end={item.to === '/'} className="utrecht-link utrecht-link--html-a">
                  {nav[item.label]}
                </NavLink>
              </li>
            ))}
          </ul>
        </nav>
      </PageHeader>
      <PageContent>
        <main id="main" tabIndex={-1}>
          {children}
        </main>
      </PageContent>
      <PageFooter>
        <Paragraph>{t.footer}</Paragraph>
        <UtrechtLink href="/api/docs">OpenAPI</UtrechtLink>
      </PageFooter>
    </Page>
  );
}
