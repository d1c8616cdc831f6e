import {
  DataList,
  DataListItem,
  DataListKey,
  DataListValue,
  Heading3,
  Paragraph,
} from '@utrecht/component-library-react';
import type { LicenceView } from '../../api/licence.types';
import { useSession } from '../../auth/session-context';
import { ProblemAlert } from '../../components/problem-alert';
import { useApi } from '../../components/use-api';
import { defineMessages, useFormats, useLanguage, useMessages } from '../../i18n/i18n';
import { countryName } from '../../vocabulary/country.vocabulary';
import { todayInAmsterdam } from '../../components/cases/calendar-dates';
import { validityQuery } from './case-validity';
import type { ValidityAnswer } from './case-validity';

const messages = defineMessages({
  nl: {
    title: 'Geldigheid bij een besluit vandaag',
    intro: (on: string) => `Wat het beleid op ${on} aan deze zaak geeft (de API beslist bij het vastleggen).`,
    months: 'Geldigheidsduur',
    monthCount: (n: number) => `${n} maanden`,
    validUntil: 'Geldig tot en met, bij ingang vandaag',
    rule: 'Regel',
    source: 'Bron',
    assumption: 'Aanname, geen letterlijke bepaling',
    deciding: 'Beslissende bestemming',
    legalMaximum: 'Wettelijk maximum',
    loading: 'Het beleid wordt opgevraagd…',
  },
  en: {
    title: 'Validity if decided today',
    intro: (on: string) => `What the policy gives this case on ${on} (the API decides when it records).`,
    months: 'Period of validity',
    monthCount: (n: number) => `${n} months`,
    validUntil: 'Valid until, if it starts today',
    rule: 'Rule',
    source: 'Source',
    assumption: 'An assumption, not a stated provision',
    deciding: 'Deciding destination',
    legalMaximum: 'Legal maximum',
    loading: 'Asking for the policy…',
  },
});

/** The validity the public policy gives this case today: shown next to the decisions that set it. */
export function ValidityToday({ view }: { view: LicenceView }) {
  const t = useMessages(messages);
  const { language } = useLanguage();
  const { date } = useFormats();
  const { api } = useSession();
  const loaded = useApi(
    () => api.get<ValidityAnswer>('/api/policy/validity', validityQuery(view, todayInAmsterdam())),
    `${view.id}:${view.revision}`,
  );
  const answer = loaded.data;
  return (
    <section aria-labelledby="validity-today-heading" className="console-case-validity">
      <Heading3 id="validity-today-heading">{t.title}</Heading3>
      <ProblemAlert error={loaded.error} />
      {!answer && loaded.loading && <Paragraph>{t.loading}</Paragraph>}
      {answer && (
        <>
          <Paragraph>{t.intro(date(answer.on))}</Paragraph>
          <DataList>
            <DataListItem>
              <DataListKey>{t.months}</DataListKey>
              <DataListValue>{t.monthCount(answer.months)}</DataListValue>
            </DataListItem>
            <DataListItem>
              <DataListKey>{t.validUntil}</DataListKey>
              <DataListValue>{date(answer.validUntil)}</DataListValue>
            </DataListItem>
            <DataListItem>
              <DataListKey>{t.rule}</DataListKey>
              <DataListValue>
                <code>{answer.ruleId}</code> ({answer.policyVersion})
              </DataListValue>
            </DataListItem>
            <DataListItem>
              <DataListKey>{t.source}</DataListKey>
              <DataListValue>
                {answer.source.reference}
                {answer.source.quote && (
                  <>
                    : <q lang="nl">{answer.source.quote}</q>
                  </>
                )}
                {answer.source.assumption && <> ({t.assumption})</>}
              </DataListValue>
            </DataListItem>
            <DataListItem>
              <DataListKey>{t.deciding}</DataListKey>
              <DataListValue>
                {countryName(answer.decidingDestination, language)} ({answer.decidingDestination})
                {answer.destinationGroups.length > 0 && `: ${answer.destinationGroups.join(', ')}`}
              </DataListValue>
            </DataListItem>
            {answer.legalMaximum && (
              <DataListItem>
                <DataListKey>{t.legalMaximum}</DataListKey>
                <DataListValue>
                  {t.monthCount(answer.legalMaximum.months)} (<code>{answer.legalMaximum.ruleId}</code>)
                </DataListValue>
              </DataListItem>
            )}
          </DataList>
        </>
      )}
    </section>
  );
}
