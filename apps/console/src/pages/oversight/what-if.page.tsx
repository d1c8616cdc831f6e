import { Heading2, Paragraph } from '@utrecht/component-library-react';
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { WHAT_IF_POLICIES } from '../../api/oversight.types';
import type { WhatIfComparison, WhatIfPolicy } from '../../api/oversight.types';
import { useSession } from '../../auth/session-context';
import { fieldError, SelectField } from '../../components/form-fields';
import { Pager } from '../../components/pager';
import { ProblemAlert } from '../../components/problem-alert';
import { useApi } from '../../components/use-api';
import { defineMessages, useMessages } from '../../i18n/i18n';
import { defaultPeriod, PeriodForm } from './period-form';
import { WhatIfTable } from './what-if-table';
import { WhatIfTotalsList } from './what-if-totals';
import { OversightHeading } from './oversight-heading';
import './oversight.css';

const PAGE_SIZE = 25;

const messages = defineMessages({
  nl: {
    title: 'Wat-als',
    intro:
      'Geeft elke vergunning die in de periode is verleend de geldigheidsduur van een andere regel en vergelijkt die met wat is besloten. Er wordt niets vastgelegd.',
    policy: 'Variant',
    run: 'Vergelijken',
    running: 'De vergunningen worden vergeleken…',
    variant: 'Variant',
    source: 'Bron',
    assumption: 'Aanname',
    totals: 'Totalen',
    perLicence: 'Per vergunning',
    nothing: 'In deze periode is geen vergunning verleend.',
  },
  en: {
    title: 'What-if',
    intro:
      'Gives every licence issued in the period the validity of another rule and compares it with what was decided. Nothing is recorded.',
    policy: 'Variant',
    run: 'Compare',
    running: 'Comparing the licences…',
    variant: 'Variant',
    source: 'Source',
    assumption: 'Assumption',
    totals: 'Totals',
    perLicence: 'Per licence',
    nothing: 'No licence was issued in this period.',
  },
});

const policyMessages = defineMessages({
  nl: {
    'contract-duration': 'Geldig voor de hele contracttermijn (motie Ram)',
    national: 'De nationale geldigheidstabel (basislijn)',
  } satisfies Record<WhatIfPolicy, string>,
  en: {
    'contract-duration': 'Valid for the whole contract term (motion Ram)',
    national: 'The national validity table (baseline)',
  } satisfies Record<WhatIfPolicy, string>,
});

export function WhatIfPage() {
  const t = useMessages(messages);
  const policies = useMessages(policyMessages);
  const { api } = useSession();
  const [params, setParams] = useSearchParams();
  const fallback = defaultPeriod();
  // The question lives in the URL, so that a reload or a shared link asks it again.
  const asked = params.has('policy');
  const question = {
    policy: params.get('policy') ?? 'contract-duration',
    from: params.get('from') ?? fallback.from,
    to: params.get('to') ?? fallback.to,
  };
  const page = Math.max(1, Math.floor(Number(params.get('page'))) || 1);
  const [policy, setPolicy] = useState(question.policy);

  // A POST only because its question is a body: the what-if records nothing, so no idempotency key.
  // The API pages; its totals stay those of the whole period.
  const body = { ...question, page, pageSize: PAGE_SIZE };
  const { data, error, loading } = useApi(
    () => (asked ? api.post<WhatIfComparison>('/api/oversight/what-if', body) : Promise.resolve(undefined)),
    asked ? JSON.stringify(body) : '',
  );
  const matching = data ? (data.matching ?? data.licences.length) : 0;
  const setPage = (next: number) => {
    const changed = new URLSearchParams(params);
    changed.set('page', String(next));
    setParams(changed);
  };

  return (
    <>
      <OversightHeading title={t.title} intro={t.intro} />
      <PeriodForm
        key={`${question.from}|${question.to}`}
        period={question}
        error={error}
        submitLabel={t.run}
        onSubmit={(period) => setParams({ policy, from: period.from, to: period.to })}
      >
        <SelectField
          id="policy"
          label={t.policy}
          value={policy}
          onChange={setPolicy}
          error={fieldError(error, 'policy')}
          choices={WHAT_IF_POLICIES.map((p) => ({ value: p, label: policies[p] }))}
        />
      </PeriodForm>
      <ProblemAlert error={error} shownFields={['policy', 'from', 'to']} />
      {loading && asked && <Paragraph aria-live="polite">{t.running}</Paragraph>}
      {/* After a refusal the last answer is of another question: it is not shown. */}
      {data && !error && (
        <>
          <Heading2>{t.totals}</Heading2>
          <Paragraph>
            <strong>{t.variant}</strong>: {policies[data.policy.id] ?? data.policy.title}.{' '}
            <strong>{t.source}</strong>: {data.policy.source.reference}
            {data.policy.source.note &&
              ` (${data.policy.source.assumption ? `${t.assumption}: ` : ''}${data.policy.source.note})`}
          </Paragraph>
          <WhatIfTotalsList totals={data.totals} />
          <Heading2>{t.perLicence}</Heading2>
          {matching === 0 ? (
            <Paragraph role="status">{t.nothing}</Paragraph>
          ) : (
            <>
              {data.licences.length > 0 && <WhatIfTable licences={data.licences} />}
              <Pager page={page} pageSize={PAGE_SIZE} total={matching} onPage={setPage} />
            </>
          )}
        </>
      )}
    </>
  );
}
