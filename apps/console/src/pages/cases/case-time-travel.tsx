import {
  Alert,
  Button,
  ButtonGroup,
  Fieldset,
  FieldsetLegend,
  Paragraph,
} from '@utrecht/component-library-react';
import { useState } from 'react';
import { TextField } from '../../components/form-fields';
import { defineMessages, useFormats, useMessages } from '../../i18n/i18n';

/*
 * The two senses of the past (README "Two senses of the past"): `asOf` is recorded time, what
 * the system knew at an instant; `validOn` is business time, the case as it stood on a date.
 * Both live in the URL, so a link or a reload shows the same past.
 */

const messages = defineMessages({
  nl: {
    legend: 'Bekijken zoals bekend op',
    asOf: 'Wat het systeem wist op (tijdstip, uw lokale tijd)',
    asOfHelp: 'Alles wat daarna is vastgelegd, blijft buiten beschouwing.',
    validOn: 'De zaak zoals die er op deze datum voor stond',
    validOnHelp: 'Status en geldigheid op die dag, met alles wat nu bekend is.',
    show: 'Bekijken',
    present: 'Terug naar nu',
    banner: 'U bekijkt het verleden',
    asOfBanner: (at: string) => `Zoals het systeem het wist op ${at}.`,
    validOnBanner: (on: string) => `De zaak zoals die er op ${on} voor stond.`,
  },
  en: {
    legend: 'View as known on',
    asOf: 'What the system knew at (instant, your local time)',
    asOfHelp: 'Everything recorded later is left out.',
    validOn: 'The case as it stood on this date',
    validOnHelp: 'Its status and validity that day, with everything known now.',
    show: 'View',
    present: 'Back to the present',
    banner: 'You are looking at the past',
    asOfBanner: (at: string) => `As the system knew it at ${at}.`,
    validOnBanner: (on: string) => `The case as it stood on ${on}.`,
  },
});

export interface PointInTime {
  readonly asOf?: string | undefined;
  readonly validOn?: string | undefined;
}

/** `2025-06-01T12:00:00.000Z` as a datetime-local value in the browser's time zone. */
export function localInputOf(instant: string | undefined): string {
  if (!instant) return '';
  const at = new Date(instant);
  if (Number.isNaN(at.getTime())) return '';
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())}T${pad(at.getHours())}:${pad(at.getMinutes())}`;
}

/** A datetime-local value (browser time zone) as the instant the API takes; empty stays empty. */
export function instantOf(local: string): string | undefined {
  if (!local) return undefined;
  const at = new Date(local);
  return Number.isNaN(at.getTime()) ? local : at.toISOString();
}

export function TimeTravelBanner({ point, onPresent }: { point: PointInTime; onPresent: () => void }) {
  const t = useMessages(messages);
  const { date, instant } = useFormats();
  if (!point.asOf && !point.validOn) return null;
  return (
    <Alert type="warning" data-testid="past-banner">
      <Paragraph>
        <strong>{t.banner}.</strong> {point.asOf && t.asOfBanner(instant(point.asOf))}{' '}
        {point.validOn && t.validOnBanner(date(point.validOn))}
      </Paragraph>
      <Button appearance="secondary-action-button" onClick={onPresent}>
        {t.present}
      </Button>
    </Alert>
  );
}

/** The form; the page keys it by the URL's point in time, so it shows what the URL says. */
export function TimeTravelForm({
  point,
  onChange,
}: {
  point: PointInTime;
  onChange: (point: PointInTime) => void;
}) {
  const t = useMessages(messages);
  const [asOf, setAsOf] = useState(localInputOf(point.asOf));
  const [validOn, setValidOn] = useState(point.validOn ?? '');
  return (
    <form
      className="console-filters"
      onSubmit={(event) => {
        event.preventDefault();
        onChange({ asOf: instantOf(asOf), validOn: validOn || undefined });
      }}
    >
      <Fieldset>
        <FieldsetLegend>{t.legend}</FieldsetLegend>
        <div className="console-filters">
          <TextField
            id="as-of"
            label={t.asOf}
            description={t.asOfHelp}
            type="datetime-local"
            value={asOf}
            onChange={setAsOf}
          />
          <TextField
            id="valid-on"
            label={t.validOn}
            description={t.validOnHelp}
            type="date"
            value={validOn}
            onChange={setValidOn}
          />
        </div>
        <ButtonGroup>
          <Button type="submit" appearance="secondary-action-button">
            {t.show}
          </Button>
          {(point.asOf || point.validOn) && (
            <Button appearance="subtle-button" onClick={() => onChange({})}>
              {t.present}
            </Button>
          )}
        </ButtonGroup>
      </Fieldset>
    </form>
  );
}
