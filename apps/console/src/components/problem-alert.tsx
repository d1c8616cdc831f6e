import { Alert, Paragraph, UnorderedList, UnorderedListItem } from '@utrecht/component-library-react';
import { defineMessages, useMessages } from '../i18n/i18n';
import { ApiProblem } from '../api/api-problem';

const messages = defineMessages({
  nl: { refused: 'De vraag is geweigerd', failed: 'Er ging iets mis', code: 'Code' },
  en: { refused: 'The request was refused', failed: 'Something went wrong', code: 'Code' },
});

/**
 * An API refusal as the API worded it, with its stable code, and every field message that no form
 * control shows (`shownFields`), so that nothing the API said is lost.
 */
export function ProblemAlert({
  error,
  shownFields = [],
}: {
  error: unknown;
  shownFields?: readonly string[];
}) {
  const t = useMessages(messages);
  if (error === undefined || error === null) return null;
  if (!(error instanceof ApiProblem)) {
    return (
      <Alert type="error" role="alert">
        <Paragraph>
          <strong>{t.failed}</strong>: {error instanceof Error ? error.message : JSON.stringify(error)}
        </Paragraph>
      </Alert>
    );
  }
  const rest = error.messagesOutside(shownFields);
  return (
    <Alert type="error" role="alert">
      <Paragraph>
        <strong>{error.title}</strong> ({t.code} <code>{error.code}</code>, HTTP {error.status})
      </Paragraph>
      {error.detail !== error.title && <Paragraph>{error.detail}</Paragraph>}
      {rest.length > 0 && (
        <UnorderedList>
          {rest.map((e) => (
            <UnorderedListItem key={e.field}>
              <code>{e.field}</code>: {e.messages.join('; ')}
            </UnorderedListItem>
          ))}
        </UnorderedList>
      )}
    </Alert>
  );
}
