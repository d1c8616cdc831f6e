import { Heading2, Heading3, Paragraph } from '@utrecht/component-library-react';
import type { MeasureSummary } from '../../api/measure.types';
import { useSession } from '../../auth/session-context';
import { AppLink } from '../../components/app-link';
import { ProblemAlert } from '../../components/problem-alert';
import { useApi } from '../../components/use-api';
import { defineMessages, useMessages } from '../../i18n/i18n';
import { MeasureActions } from './measure-actions';
import { MeasureFacts, useCountryLabel } from './measure-facts';

const messages = defineMessages({
  nl: {
    heading: 'Landenmaatregelen',
    intro:
      'Voorgestelde maatregelen wachten op een tweede senior beoordelaar. Na goedkeuring worden lopende zaken naar het land aangehouden en geldige vergunningen opnieuw beoordeeld.',
    notPaged: (count: number) =>
      `De API geeft alle maatregelen in één lijst, zonder paginering; hier staan de ${count} voorgestelde.`,
    propose: 'Een landenmaatregel voorstellen',
    open: (country: string) => `Maatregel voor ${country} bekijken`,
    title: (country: string) => `Maatregel voor ${country}`,
    none: 'Er wachten geen landenmaatregelen op goedkeuring.',
    loading: 'Maatregelen worden geladen…',
  },
  en: {
    heading: 'Country measures',
    intro:
      'Proposed measures await a second senior assessor. Once approved, pending cases to the country are held and valid licences reassessed.',
    notPaged: (count: number) =>
      `The API answers every measure in one list, without paging; the ${count} proposed ones are shown here.`,
    propose: 'Propose a country measure',
    open: (country: string) => `View the measure for ${country}`,
    title: (country: string) => `Measure for ${country}`,
    none: 'No country measures await approval.',
    loading: 'Loading measures…',
  },
});

/** Proposed country measures, each with approve and reject for anyone but its proposer. */
export function MeasureProposalsSection({ onDone }: { onDone: (message: string) => void }) {
  const t = useMessages(messages);
  const country = useCountryLabel();
  const { api } = useSession();
  const { data, error, loading, reload } = useApi(
    () => api.get<MeasureSummary[]>('/api/measures'),
    'measures',
  );
  const proposed = (data ?? []).filter((measure) => measure.status === 'proposed');
  return (
    <section className="console-approval-section" aria-labelledby="measures-heading">
      <Heading2 id="measures-heading">{t.heading}</Heading2>
      <Paragraph>{t.intro}</Paragraph>
      <Paragraph>
        <AppLink to="/measures/new">{t.propose}</AppLink>
      </Paragraph>
      <ProblemAlert error={error} />
      {loading && !data && <Paragraph>{t.loading}</Paragraph>}
      {data && <Paragraph>{proposed.length === 0 ? t.none : t.notPaged(proposed.length)}</Paragraph>}
      {proposed.map((measure) => (
        <article
          key={measure.id}
          className="console-approval-item"
          aria-labelledby={`measure-${measure.id}-title`}
        >
          <Heading3 id={`measure-${measure.id}-title`}>{t.title(country(measure.destination))}</Heading3>
          <MeasureFacts measure={measure} />
          <Paragraph>
            <AppLink to={`/measures/${measure.id}`}>{t.open(country(measure.destination))}</AppLink>
          </Paragraph>
          <MeasureActions
            measure={measure}
            onDone={(message) => {
              reload();
              onDone(message);
            }}
          />
        </article>
      ))}
    </section>
  );
}
