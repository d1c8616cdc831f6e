import { Heading1, Paragraph } from '@utrecht/component-library-react';
import { AppLink } from '../../components/app-link';
import { defineMessages, useMessages } from '../../i18n/i18n';
import { usePageTitle } from '../../layout/page-title';

const messages = defineMessages({
  nl: { back: 'Terug naar toezicht' },
  en: { back: 'Back to oversight' },
});

/** An oversight page's title (heading and window title), what it does, and the way back. */
export function OversightHeading({ title, intro }: { title: string; intro: string }) {
  const t = useMessages(messages);
  usePageTitle(title);
  return (
    <>
      <Heading1>{title}</Heading1>
      <Paragraph>{intro}</Paragraph>
      <Paragraph>
        <AppLink to="/oversight">{t.back}</AppLink>
      </Paragraph>
    </>
  );
}
