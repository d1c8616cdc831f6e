import { Heading1, Paragraph } from '@utrecht/component-library-react';
import { useState } from 'react';
import { useSession } from '../../auth/session-context';
import { defineMessages, useMessages } from '../../i18n/i18n';
import { usePageTitle } from '../../layout/page-title';
import { DoneNotice } from './approval-notes';
import { ImportApprovalsSection } from './import-approvals.section';
import { MeasureProposalsSection } from './measure-proposals.section';
import { RevocationProposalsSection } from './revocation-proposals.section';
import './approvals.css';

const messages = defineMessages({
  nl: {
    title: 'Goedkeuringen',
    fourEyes:
      'Het vier-ogenprincipe: wie iets voorstelt of klaarzet, keurt het niet zelf goed. Uw eigen voorstellen staan hier wel, gemarkeerd, maar zonder knop om ze goed te keuren.',
    senior:
      'Als senior beoordelaar keurt u voorstellen tot intrekking en landenmaatregelen van anderen goed.',
    admin: 'Als beheerder keurt u historische imports goed die een andere beheerder klaarzette.',
    nothing:
      'In uw huidige rol heeft u hier niets goed te keuren. Goedkeuren doen senior beoordelaars en beheerders.',
  },
  en: {
    title: 'Approvals',
    fourEyes:
      'The four-eyes rule: whoever proposes or stages something does not approve it. Your own proposals are listed, marked, but without a button to approve them.',
    senior: 'As a senior assessor you approve other officials’ revocation proposals and country measures.',
    admin: 'As an administrator you approve historical imports that another administrator staged.',
    nothing:
      'In your current role there is nothing for you to approve here. Senior assessors and administrators approve.',
  },
});

/** The approvals queue: what the acting role may approve, with the four-eyes rule in sight. */
export function ApprovalsPage() {
  const t = useMessages(messages);
  const { session } = useSession();
  const [notice, setNotice] = useState<string>();
  usePageTitle(t.title);
  const role = session.actingRole;
  return (
    <>
      <Heading1>{t.title}</Heading1>
      <Paragraph>{t.fourEyes}</Paragraph>
      <DoneNotice message={notice} />
      {role === 'senior-assessor' && (
        <>
          <Paragraph>{t.senior}</Paragraph>
          <RevocationProposalsSection />
          <MeasureProposalsSection onDone={setNotice} />
        </>
      )}
      {role === 'admin' && (
        <>
          <Paragraph>{t.admin}</Paragraph>
          <ImportApprovalsSection onDone={setNotice} />
        </>
      )}
      {role !== 'senior-assessor' && role !== 'admin' && <Paragraph>{t.nothing}</Paragraph>}
    </>
  );
}
