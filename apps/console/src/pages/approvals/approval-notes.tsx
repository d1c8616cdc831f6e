import { Alert, Paragraph, StatusBadge } from '@utrecht/component-library-react';
import { useEffect, useRef } from 'react';
import { useMessages } from '../../i18n/i18n';
import { approvalMessages } from './approval.messages';

/** The four-eyes rule made visible: the official's own proposal, with who must act instead. */
export function OwnProposalNote({ text, badge }: { text: string; badge?: string }) {
  const t = useMessages(approvalMessages);
  return (
    <Paragraph className="console-own-proposal">
      <StatusBadge status="warning">{badge ?? t.ownBadge}</StatusBadge> {text}
    </Paragraph>
  );
}

/**
 * What an action just did. It takes the focus: the button that was pressed is usually gone
 * (the proposal left the queue), and focus must not fall back to the top of the page.
 */
export function DoneNotice({ message }: { message: string | undefined }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (message) ref.current?.focus();
  }, [message]);
  if (!message) return null;
  return (
    <div ref={ref} tabIndex={-1} className="console-done-notice">
      <Alert type="ok">
        <Paragraph>{message}</Paragraph>
      </Alert>
    </div>
  );
}
