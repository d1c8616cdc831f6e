import { Alert, Button, Heading1, Heading2, Link, Paragraph } from '@utrecht/component-library-react';
import { useEffect, useState } from 'react';
import type { FormEvent } from 'react';
import { useSearchParams } from 'react-router';
import { PERIODS_OF, REPORT_FORMATS, REPORT_NAMES } from '../../api/report.types';
import type { ReportRequest } from '../../api/report.types';
import { useSession } from '../../auth/session-context';
import { ProblemAlert } from '../../components/problem-alert';
import { defineMessages, useMessages } from '../../i18n/i18n';
import { usePageTitle } from '../../layout/page-title';
import { ReportPeriodFields } from './report-period-fields';
import { formatMessages, periodKindMessages, reportNameMessages } from './report.messages';
import { paramsOf, periodFields, reportFileName, reportQuery, requestFromParams } from './report-request';
import { SelectField, fieldError } from '../../components/form-fields';
import { saveBlob } from './save-blob';

const messages = defineMessages({
  nl: {
    title: 'Rapportages',
    intro:
      'Rapporten voor de Tweede Kamer en de EU, opgebouwd uit de statistiek van alle besluiten. Elk rapport noemt de positie en de beleidsversie waarop het is gebouwd.',
    choose: 'Rapport kiezen',
    report: 'Rapport',
    periodKind: 'Soort periode',
    yearOnly: 'Dit rapport gaat altijd over een heel kalenderjaar.',
    lang: 'Taal van het rapport',
    format: 'Formaat',
    submitHtml: 'Rapport openen',
    submitDownload: 'Rapport downloaden',
    busy: 'Het rapport wordt opgebouwd…',
    opened: 'Het rapport is geopend in een nieuw venster.',
    openAgain: 'Open het rapport (nieuw venster)',
    downloaded: (name: string) => `Het rapport is gedownload als ${name}.`,
  },
  en: {
    title: 'Reports',
    intro:
      'Reports for parliament and the EU, built from the statistics of every decision. Each report names the position and policy version it was built from.',
    choose: 'Choose a report',
    report: 'Report',
    periodKind: 'Kind of period',
    yearOnly: 'This report always covers a whole calendar year.',
    lang: 'Language of the report',
    format: 'Format',
    submitHtml: 'Open report',
    submitDownload: 'Download report',
    busy: 'Building the report…',
    opened: 'The report opened in a new window.',
    openAgain: 'Open the report (new window)',
    downloaded: (name: string) => `The report was downloaded as ${name}.`,
  },
});

type Outcome = { kind: 'opened'; url: string } | { kind: 'downloaded'; fileName: string };

export function ReportsPage() {
  const t = useMessages(messages);
  const names = useMessages(reportNameMessages);
  const kinds = useMessages(periodKindMessages);
  const formats = useMessages(formatMessages);
  usePageTitle(t.title);
  const { api } = useSession();
  const [params, setParams] = useSearchParams();
  const [request, setRequest] = useState<ReportRequest>(() => requestFromParams(params));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const [outcome, setOutcome] = useState<Outcome>();

  // An opened report's blob URL lives until the next report or until the page is left.
  const openedUrl = outcome?.kind === 'opened' ? outcome.url : undefined;
  useEffect(() => (openedUrl ? () => URL.revokeObjectURL(openedUrl) : undefined), [openedUrl]);

  const change = (changes: Partial<ReportRequest>) => {
    const next = { ...request, ...changes };
    if (!PERIODS_OF[next.report].includes(next.periodKind)) next.periodKind = 'year';
    setRequest(next);
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    setParams(paramsOf(request), { replace: true });
    setBusy(true);
    setError(undefined);
    setOutcome(undefined);
    try {
      const { blob, fileName } = await api.getBlob(
        `/api/statistics/${request.report}`,
        reportQuery(request),
      );
      if (request.format === 'html') {
        /*
         * The HTML report cannot be framed (frame-ancestors 'none', and the console's own policy
         * allows no frames), and a token held in memory cannot ride along on a plain link to the
         * API. So the console opens the body it fetched from a blob URL in a new browsing
         * context: the report keeps its own document, headings and tables, and nothing of it
         * runs in the console. A blob document inherits the console's policy, which allows the
         * report's one stylesheet by its hash and nothing else of it.
         */
        const url = URL.createObjectURL(blob);
        globalThis.open(url, '_blank');
        setOutcome({ kind: 'opened', url });
      } else {
        const name = fileName ?? reportFileName(request);
        saveBlob(blob, name);
        setOutcome({ kind: 'downloaded', fileName: name });
      }
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  };

  const shownFields = [...periodFields(request), 'format', 'lang'];
  const yearOnly = PERIODS_OF[request.report].length === 1;
  return (
    <>
      <Heading1>{t.title}</Heading1>
      <Paragraph>{t.intro}</Paragraph>
      <Heading2>{t.choose}</Heading2>
      <form className="console-form" onSubmit={(event) => void submit(event)}>
        <SelectField
          id="report"
          label={t.report}
          value={request.report}
          onChange={(value) => change({ report: value as ReportRequest['report'] })}
          choices={REPORT_NAMES.map((name) => ({ value: name, label: names[name] }))}
        />
        <SelectField
          id="period-kind"
          label={t.periodKind}
          {...(yearOnly && { description: t.yearOnly })}
          value={request.periodKind}
          onChange={(value) => change({ periodKind: value as ReportRequest['periodKind'] })}
          choices={PERIODS_OF[request.report].map((kind) => ({ value: kind, label: kinds[kind] }))}
        />
        <ReportPeriodFields request={request} error={error} onChange={change} />
        <SelectField
          id="lang"
          label={t.lang}
          value={request.lang}
          error={fieldError(error, 'lang')}
          onChange={(value) => change({ lang: value as ReportRequest['lang'] })}
          choices={[
            { value: 'nl', label: 'Nederlands' },
            { value: 'en', label: 'English' },
          ]}
        />
        <SelectField
          id="format"
          label={t.format}
          value={request.format}
          error={fieldError(error, 'format')}
          onChange={(value) => change({ format: value as ReportRequest['format'] })}
          choices={REPORT_FORMATS.map((format) => ({ value: format, label: formats[format] }))}
        />
        <div>
          <Button type="submit" appearance="primary-action-button" aria-disabled={busy || undefined}>
            {request.format === 'html' ? t.submitHtml : t.submitDownload}
          </Button>
        </div>
      </form>
      <ProblemAlert error={error} shownFields={shownFields} />
      <div aria-live="polite">
        {busy && <Paragraph>{t.busy}</Paragraph>}
        {outcome?.kind === 'opened' && (
          <Alert type="ok">
            <Paragraph>{t.opened}</Paragraph>
            <Paragraph>
              <Link href={outcome.url} target="_blank">
                {t.openAgain}
              </Link>
            </Paragraph>
          </Alert>
        )}
        {outcome?.kind === 'downloaded' && (
          <Alert type="ok">
            <Paragraph>{t.downloaded(outcome.fileName)}</Paragraph>
          </Alert>
        )}
      </div>
    </>
  );
}
