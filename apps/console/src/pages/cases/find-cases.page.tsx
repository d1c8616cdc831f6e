import {
  Button,
  ButtonGroup,
  Fieldset,
  FieldsetLegend,
  Heading1,
  Paragraph,
} from '@utrecht/component-library-react';
import { useState } from 'react';
import type { FormEvent } from 'react';
import { useSearchParams } from 'react-router';
import { queryString } from '../../api/api-client';
import type { Page } from '../../api/licence.types';
import { useSession } from '../../auth/session-context';
import { CaseResults } from '../../components/cases/case-results';
import type { CaseRow } from '../../components/cases/case-table';
import { countryHint } from '../../components/cases/country-hint';
import { fieldError } from '../../components/form-fields';
import { usePageParam } from '../../components/cases/use-page-param';
import { SelectField, TextField } from '../../components/form-fields';
import { useApi } from '../../components/use-api';
import { useLanguage, useMessages } from '../../i18n/i18n';
import { usePageTitle } from '../../layout/page-title';
import {
  categoryMessages,
  GOODS_CATEGORIES,
  kindMessages,
  LICENCE_KINDS,
  LICENCE_STATUSES,
  statusMessages,
} from '../../vocabulary/case.vocabulary';
import {
  FILTER_NAMES,
  filtersFrom,
  findQuery,
  instantOfLocal,
  localOfInstant,
  searchParamsOf,
} from './find-cases.filters';
import type { Filters } from './find-cases.filters';
import { findMessages } from './find-cases.messages';

const TIME_ZONE = new Intl.DateTimeFormat().resolvedOptions().timeZone;

/** The filter form; typed values stay here until searched, then live in the URL. */
function FilterForm({ applied, error }: { applied: Filters; error: unknown }) {
  const t = useMessages(findMessages);
  const statuses = useMessages(statusMessages);
  const kinds = useMessages(kindMessages);
  const categories = useMessages(categoryMessages);
  const { language } = useLanguage();
  const [, setParams] = useSearchParams();
  const typed = (filters: Filters): Filters => ({ ...filters, asOf: localOfInstant(filters.asOf) });
  const [draft, setDraft] = useState<Filters>(() => typed(applied));
  // A new URL (a search, back, a link) starts the form from the filters it names. Adjusted while
  // rendering rather than by remounting, so the button just pressed keeps the focus.
  const appliedKey = searchParamsOf(applied).toString();
  const [shown, setShown] = useState(appliedKey);
  if (shown !== appliedKey) {
    setShown(appliedKey);
    setDraft(typed(applied));
  }
  const set = (name: keyof Filters) => (value: string) => setDraft((d) => ({ ...d, [name]: value }));
  const any = { value: '', label: t.any };
  const country = countryHint(draft.destination, language);

  function search(event: FormEvent) {
    event.preventDefault();
    setParams(searchParamsOf({ ...draft, asOf: instantOfLocal(draft.asOf) }));
  }

  return (
    <form onSubmit={search} noValidate aria-label={t.filters}>
      <div className="console-filters">
        <SelectField
          id="status"
          label={t.status}
          value={draft.status}
          choices={[any, ...LICENCE_STATUSES.map((s) => ({ value: s, label: statuses[s] }))]}
          onChange={set('status')}
          error={fieldError(error, 'status')}
        />
        <TextField
          id="destination"
          label={t.destination}
          description={country ? t.destinationIs(country) : t.destinationHelp}
          value={draft.destination}
          onChange={set('destination')}
          error={fieldError(error, 'destination')}
        />
        <SelectField
          id="goods-category"
          label={t.goodsCategory}
          value={draft.goodsCategory}
          choices={[any, ...GOODS_CATEGORIES.map((c) => ({ value: c, label: categories[c] }))]}
          onChange={set('goodsCategory')}
          error={fieldError(error, 'goodsCategory')}
        />
        <TextField
          id="control-list-entry"
          label={t.controlListEntry}
          description={t.controlListEntryHelp}
          value={draft.controlListEntry}
          onChange={set('controlListEntry')}
          error={fieldError(error, 'controlListEntry')}
        />
        <SelectField
          id="kind"
          label={t.kind}
          value={draft.kind}
          choices={[any, ...LICENCE_KINDS.map((k) => ({ value: k, label: kinds[k] }))]}
          onChange={set('kind')}
          error={fieldError(error, 'kind')}
        />
        <SelectField
          id="on-hold"
          label={t.onHold}
          value={draft.onHold}
          choices={[any, { value: 'true', label: t.onHoldYes }, { value: 'false', label: t.onHoldNo }]}
          onChange={set('onHold')}
          error={fieldError(error, 'onHold')}
        />
      </div>
      <Fieldset aria-describedby="past-help">
        <FieldsetLegend>{t.past}</FieldsetLegend>
        <Paragraph id="past-help">{t.pastHelp}</Paragraph>
        <div className="console-filters">
          <TextField
            id="valid-on"
            type="date"
            label={t.validOn}
            description={t.validOnHelp}
            value={draft.validOn}
            onChange={set('validOn')}
            error={fieldError(error, 'validOn')}
          />
          <TextField
            id="as-of"
            type="datetime-local"
            label={t.asOf}
            description={t.asOfHelp(TIME_ZONE)}
            value={draft.asOf}
            onChange={set('asOf')}
            error={fieldError(error, 'asOf')}
          />
        </div>
      </Fieldset>
      <ButtonGroup>
        <Button type="submit" appearance="primary-action-button">
          {t.search}
        </Button>
        <Button appearance="secondary-action-button" onClick={() => setParams(new URLSearchParams())}>
          {t.clear}
        </Button>
      </ButtonGroup>
    </form>
  );
}

export function FindCasesPage() {
  const t = useMessages(findMessages);
  const { api } = useSession();
  usePageTitle(t.title);
  const [params] = useSearchParams();
  const [page, setPage] = usePageParam('page');
  const applied = filtersFrom(params);
  const query = findQuery(applied, page);
  const loaded = useApi(() => api.get<Page<CaseRow>>('/api/licences', query), queryString(query));
  return (
    <>
      <Heading1>{t.title}</Heading1>
      <Paragraph>{t.intro}</Paragraph>
      <FilterForm applied={applied} error={loaded.error} />
      <CaseResults
        loaded={loaded}
        name={{ caption: t.results }}
        empty={t.empty}
        onPage={setPage}
        shownFields={FILTER_NAMES}
      />
    </>
  );
}
