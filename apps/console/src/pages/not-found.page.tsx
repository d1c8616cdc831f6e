import { Heading1, Paragraph } from '@utrecht/component-library-react';
import { AppLink } from '../components/app-link';
import { defineMessages, useMessages } from '../i18n/i18n';
import { usePageTitle } from '../layout/page-title';

const messages = defineMessages({
  nl: { title: 'Pagina niet gevonden', body: 'Deze pagina bestaat niet.', home: 'Naar de start' },
  en: { title: 'Page not found', body: 'This page does not exist.', home: 'Go to the start' },
});

export function NotFoundPage() {
  const t = useMessages(messages);
  usePageTitle(t.title);
  return (
    <>
      <Heading1>{t.title}</Heading1>
      <Paragraph>{t.body}</Paragraph>
      <AppLink to="/">{t.home}</AppLink>
    </>
  );
}
