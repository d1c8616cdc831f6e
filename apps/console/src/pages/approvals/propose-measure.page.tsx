import { Button, ButtonGroup, Heading1, Paragraph } from '@utrecht/component-library-react';
import { useRef, useState } from 'react';
import { useNavigate } from 'react-router';
import type { MeasureProposal, MeasureSummary } from '../../api/measure.types';
import { useSession } from '../../auth/session-context';
import { AppLink } from '../../components/app-link';
import { fieldError, TextAreaField, TextField } from '../../components/form-fields';
import { ProblemAlert } from '../../components/problem-alert';
import { defineMessages, useLanguage, useMessages } from '../../i18n/i18n';
import { usePageTitle } from '../../layout/page-title';
import { countryName } from '../../vocabulary/country.vocabulary';
import { useCommand } from './use-command';

const FIELDS = ['destination', 'legalGround', 'reasons'] as const;

const messages = defineMessages({
  nl: {
    title: 'Landenmaatregel voorstellen',
    intro:
      'Na goedkeuring door een andere senior beoordelaar worden alle lopende zaken naar het land aangehouden en alle geldige vergunningen naar het land opnieuw beoordeeld. U kunt uw eigen voorstel niet goedkeuren.',
    destination: 'Bestemming (landcode)',
    destinationHint: 'De ISO 3166-1 alpha-2-code in hoofdletters, bijvoorbeeld TR voor Turkije.',
    destinationIs: (name: string) => `Dat is: ${name}.`,
    legalGround: 'Juridische grondslag',
    legalGroundHint: 'Bijvoorbeeld een Kamerstuk: Kamerstuk 22054-316 (oktober 2019).',
    reasons: 'Redenen',
    reasonsHint: 'Wat er in het land veranderde en waarom dat een maatregel vraagt.',
    submit: 'Voorstel indienen',
    busy: 'Bezig…',
    cancel: 'Terug naar de goedkeuringen',
    notSenior: 'Alleen een senior beoordelaar kan een landenmaatregel voorstellen.',
  },
  en: {
    title: 'Propose a country measure',
    intro:
      'Once another senior assessor approves it, every pending case to the country is held and every valid licence to it reassessed. You cannot approve your own proposal.',
    destination: 'Destination (country code)',
    destinationHint: 'The ISO 3166-1 alpha-2 code in capitals, for example TR for Türkiye.',
    destinationIs: (name: string) => `That is: ${name}.`,
    legalGround: 'Legal ground',
    legalGroundHint: 'For example a parliamentary paper: Kamerstuk 22054-316 (October 2019).',
    reasons: 'Reasons',
    reasonsHint: 'What changed in the country and why that calls for a measure.',
    submit: 'Submit the proposal',
    busy: 'Working…',
    cancel: 'Back to approvals',
    notSenior: 'Only a senior assessor can propose a country measure.',
  },
});

/** Proposes a measure; the API checks every field and its refusals are shown at the fields. */
export function ProposeMeasurePage() {
  const t = useMessages(messages);
  const { language } = useLanguage();
  const { session, api } = useSession();
  const navigate = useNavigate();
  const [form, setForm] = useState<MeasureProposal>({ destination: '', legalGround: '', reasons: '' });
  const { busy, error, run } = useCommand();
  const submitting = useRef(false);
  usePageTitle(t.title);
  const set = (field: keyof MeasureProposal) => (value: string) => setForm({ ...form, [field]: value });
  const code = form.destination.trim();
  const known = /^[A-Z]{2}$/.test(code) ? countryName(code, language) : undefined;
  const destinationHint =
    known && known !== code ? `${t.destinationHint} ${t.destinationIs(known)}` : t.destinationHint;

  return (
    <>
      <Heading1>{t.title}</Heading1>
      {session.actingRole !== 'senior-assessor' ? (
        <Paragraph>{t.notSenior}</Paragraph>
      ) : (
        <form
          className="console-form"
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            if (submitting.current) return;
            submitting.current = true;
            void run(async () => {
              try {
                // No Idempotency-Key: measure routes refuse it (a second proposal is a new measure).
                const created = await api.post<MeasureSummary>('/api/measures', form);
                await navigate(`/measures/${created.id}`);
              } finally {
                submitting.current = false;
              }
            });
          }}
        >
          <Paragraph>{t.intro}</Paragraph>
          <ProblemAlert error={error} shownFields={FIELDS} />
          <TextField
            id="destination"
            label={t.destination}
            description={destinationHint}
            required
            value={form.destination}
            onChange={set('destination')}
            error={fieldError(error, 'destination')}
          />
          <TextField
            id="legalGround"
            label={t.legalGround}
            description={t.legalGroundHint}
            required
            value={form.legalGround}
            onChange={set('legalGround')}
            error={fieldError(error, 'legalGround')}
          />
          <TextAreaField
            id="reasons"
            label={t.reasons}
            description={t.reasonsHint}
            required
            value={form.reasons}
            onChange={set('reasons')}
            error={fieldError(error, 'reasons')}
          />
          <ButtonGroup>
            <Button type="submit" appearance="primary-action-button" busy={busy}>
              {busy ? t.busy : t.submit}
            </Button>
          </ButtonGroup>
          <Paragraph>
            <AppLink to="/approvals">{t.cancel}</AppLink>
          </Paragraph>
        </form>
      )}
    </>
  );
}
