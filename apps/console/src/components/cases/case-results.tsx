import { Paragraph } from '@utrecht/component-library-react';
import type { Page } from '../../api/licence.types';
import { defineMessages, useMessages } from '../../i18n/i18n';
import { Pager } from '../pager';
import { ProblemAlert } from '../problem-alert';
import type { Loaded } from '../use-api';
import { CaseTable } from './case-table';
import type { CaseColumn, CaseRow, TableName } from './case-table';

const messages = defineMessages({
  nl: { loading: 'De zaken worden geladen…' },
  en: { loading: 'Loading the cases…' },
});

/**
 * One server-paged list of cases with everything around it: loading, the API's refusal, an empty
 * list said in words, the table and its pager.
 */
export function CaseResults({
  loaded,
  name,
  empty,
  extra,
  onPage,
  shownFields,
}: {
  loaded: Loaded<Page<CaseRow>>;
  name: TableName;
  empty: string;
  extra?: readonly CaseColumn[];
  onPage: (page: number) => void;
  /** Fields whose refusal a form above already shows. */
  shownFields?: readonly string[];
}) {
  const t = useMessages(messages);
  const { data, error, loading } = loaded;
  return (
    <>
      <div aria-live="polite">{loading && <Paragraph>{t.loading}</Paragraph>}</div>
      <ProblemAlert error={error} {...(shownFields && { shownFields })} />
      {data && !error && data.items.length === 0 && <Paragraph>{empty}</Paragraph>}
      {data && !error && data.items.length > 0 && (
        <CaseTable name={name} rows={data.items} {...(extra && { extra })} />
      )}
      {/* Also past the last page (a link kept while cases left the list), to find the way back. */}
      {data && !error && data.total > 0 && (
        <Pager page={data.page} pageSize={data.pageSize} total={data.total} onPage={onPage} />
      )}
    </>
  );
}
