import { Button, ButtonGroup, Paragraph } from '@utrecht/component-library-react';
import { defineMessages, useMessages } from '../i18n/i18n';

const messages = defineMessages({
  nl: {
    nav: 'Pagina’s',
    previous: 'Vorige pagina',
    next: 'Volgende pagina',
    position: (page: number, pages: number, total: number) =>
      `Pagina ${page} van ${pages} (${total} in totaal)`,
  },
  en: {
    nav: 'Pages',
    previous: 'Previous page',
    next: 'Next page',
    position: (page: number, pages: number, total: number) => `Page ${page} of ${pages} (${total} in all)`,
  },
});

/** Paging that the server does: the page shown and where the others are. */
export function Pager({
  page,
  pageSize,
  total,
  onPage,
}: {
  page: number;
  pageSize: number;
  total: number;
  onPage: (page: number) => void;
}) {
  const t = useMessages(messages);
  const pages = Math.max(1, Math.ceil(total / pageSize));
  return (
    <nav aria-label={t.nav} className="console-pager">
      <Paragraph aria-live="polite">{t.position(page, pages, total)}</Paragraph>
      <ButtonGroup>
        <Button appearance="secondary-action-button" disabled={page <= 1} onClick={() => onPage(page - 1)}>
          {t.previous}
        </Button>
        <Button
          appearance="secondary-action-button"
          disabled={page >= pages}
          onClick={() => onPage(page + 1)}
        >
          {t.next}
        </Button>
      </ButtonGroup>
    </nav>
  );
}
