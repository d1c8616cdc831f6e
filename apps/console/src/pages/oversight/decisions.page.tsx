import {
  DataList,
  DataListItem,
  DataListKey,
  DataListValue,
  Heading2,
  Paragraph,
} from '@utrecht/component-library-react';
import { useSearchParams } from 'react-router';
import type { DecisionsInPeriod } from '../../api/oversight.types';
import { useSession } from '../../auth/session-context';
import { fieldError, SelectField } from '../../components/form-fields';
import { Pager } from '../../components/pager';
import { ProblemAlert } from '../../components/problem-alert';
import { useApi } from '../../components/use-api';
import { defineMessages, useMessages } from '../../i18n/i18n';
import { decisionRows, severityFilterOf } from './decisions-filter';
import { DecisionsTable } from './decisions-table';
import { findingCodeMessages, findingCodeName, FINDING_CODES, severityMessages } from './finding.vocabulary';
import { defaultPeriod, PeriodForm } from './period-form';
import type { Period } from './period-form';
import { OversightHeading } from './oversight-heading';
import './oversight.css';

const PAGE_SIZE = 25;

const messages = defineMessages({
  nl: {
    title: 'Besluiten in een periode',
    intro:
      'Elk besluit met een besluitdatum in de periode, met de bevindingen van de hertoetsing. Kies een besluit om de zaak her af te spelen.',
    show: 'Toon besluiten',
    filters: 'Filter op bevinding',
    severity: 'Ernst',
    anySeverity: 'Alle besluiten',
    withFinding: 'Met een bevinding',
    code: 'Soort bevinding',
    anyCode: 'Alle soorten',
    totals: 'In de periode',
    decisions: 'Besluiten',
    rechecked: 'Opnieuw getoetst',
    deviations: 'Afwijkingen',
    notes: 'Opmerkingen',
    loading: 'De besluiten worden opgehaald en opnieuw getoetst…',
    nothing: 'Geen besluiten die aan het filter voldoen.',
  },
  en: {
    title: 'Decisions in a period',
    intro:
      'Every decision with its decision date in the period, with the findings of the re-check. Choose a decision to replay its case.',
    show: 'Show decisions',
    filters: 'Filter by finding',
    severity: 'Severity',
    anySeverity: 'All decisions',
    withFinding: 'With a finding',
    code: 'Kind of finding',
    anyCode: 'All kinds',
    totals: 'In the period',
    decisions: 'Decisions',
    rechecked: 'Re-checked',
    deviations: 'Deviations',
    notes: 'Notes',
    loading: 'Fetching and re-checking the decisions…',
    nothing: 'No decisions match the filter.',
  },
});

export function DecisionsPage() {
  const t = useMessages(messages);
  const severities = useMessages(severityMessages);
  const codeNames = useMessages(findingCodeMessages);
  const { api } = useSession();
  const [params, setParams] = useSearchParams();
  const fallback = defaultPeriod();
  const period: Period = { from: params.get('from') ?? fallback.from, to: params.get('to') ?? fallback.to };
  const code = params.get('code') ?? '';
  const severity = severityFilterOf(params.get('severity'));
  const page = Math.max(1, Math.floor(Number(params.get('page'))) || 1);

  // The API filters and pages; its totals stay those of the whole period.
  const query = { ...period, code, severity, page, pageSize: PAGE_SIZE };
  const { data, error, loading } = useApi(
    () => api.get<DecisionsInPeriod>('/api/oversight/decisions', query),
    JSON.stringify(query),
  );

  /** Changes the URL's state; any change but the page starts again at page 1. */
  const update = (changes: Record<string, string>) => {
    const next = new URLSearchParams(params);
    for (const [name, value] of Object.entries(changes)) {
      if (value) next.set(name, value);
      else next.delete(name);
    }
    if (!('page' in changes)) next.delete('page');
    setParams(next);
  };

  const matching = data ? (data.matching ?? data.decisions.length) : 0;

  return (
    <>
      <OversightHeading title={t.title} intro={t.intro} />
      <PeriodForm
        key={`${period.from}|${period.to}`}
        period={period}
        error={error}
        submitLabel={t.show}
        onSubmit={(chosen) => update({ from: chosen.from, to: chosen.to })}
      />
      <ProblemAlert error={error} shownFields={['from', 'to', 'severity', 'code']} />
      <section aria-labelledby="decision-filters">
        <Heading2 id="decision-filters">{t.filters}</Heading2>
        <div className="console-filters">
          <SelectField
            id="severity"
            label={t.severity}
            value={severity}
            onChange={(value) => update({ severity: value })}
            error={fieldError(error, 'severity')}
            choices={[
              { value: '', label: t.anySeverity },
              { value: 'any', label: t.withFinding },
              { value: 'deviation', label: severities.deviation },
              { value: 'note', label: severities.note },
            ]}
          />
          <SelectField
            id="code"
            label={t.code}
            value={code}
            onChange={(value) => update({ code: value })}
            error={fieldError(error, 'code')}
            choices={[
              { value: '', label: t.anyCode },
              ...FINDING_CODES.map((c) => ({ value: c, label: `${findingCodeName(codeNames, c)} (${c})` })),
            ]}
          />
        </div>
      </section>
      {loading && <Paragraph aria-live="polite">{t.loading}</Paragraph>}
      {/* After a refusal the last answer is of another question: it is not shown. */}
      {data && !error && (
        <>
          <Heading2>{t.totals}</Heading2>
          <DataList>
            <DataListItem>
              <DataListKey>{t.decisions}</DataListKey>
              <DataListValue>{data.totals.decisions}</DataListValue>
            </DataListItem>
            <DataListItem>
              <DataListKey>{t.rechecked}</DataListKey>
              <DataListValue>{data.totals.rechecked}</DataListValue>
            </DataListItem>
            <DataListItem>
              <DataListKey>{t.deviations}</DataListKey>
              <DataListValue>{data.totals.deviations}</DataListValue>
            </DataListItem>
            <DataListItem>
              <DataListKey>{t.notes}</DataListKey>
              <DataListValue>{data.totals.notes}</DataListValue>
            </DataListItem>
          </DataList>
          {data.decisions.length === 0 ? (
            <Paragraph role="status">{t.nothing}</Paragraph>
          ) : (
            <DecisionsTable
              rows={decisionRows(data.decisions, data.findings)}
              from={data.from}
              to={data.to}
            />
          )}
          {/* Also past the last page (an old link), so that the way back stays offered. */}
          {matching > 0 && (
            <Pager
              page={page}
              pageSize={PAGE_SIZE}
              total={matching}
              onPage={(next) => update({ page: String(next) })}
            />
          )}
        </>
      )}
    </>
  );
}
