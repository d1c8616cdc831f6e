import { render, screen } from '@testing-library/react';
import { LanguageProvider, useFormats } from './i18n';
import type { Language } from './i18n';

function Shown({ date, instant }: { date: string; instant: string }) {
  const formats = useFormats();
  return (
    <p>
      <span data-testid="date">{formats.date(date)}</span>{' '}
      <span data-testid="instant">{formats.instant(instant)}</span>
    </p>
  );
}

const renderIn = (language: Language, date: string, instant: string) =>
  render(
    <LanguageProvider initial={language}>
      <Shown date={date} instant={instant} />
    </LanguageProvider>,
  );

describe('dates and times as officials read them', () => {
  it('shows a business date as the calendar date given, in either language', () => {
    renderIn('nl', '2025-03-10', '2025-03-10T23:30:00Z');
    expect(screen.getByTestId('date').textContent).toBe('10 maart 2025');
    // Recorded times are shown in Amsterdam, where 23:30 UTC is already the next day.
    expect(screen.getByTestId('instant').textContent).toMatch(/^11 mrt 2025.*00:30:00/);
    expect(document.documentElement.lang).toBe('nl');
  });

  it('switches the page language for English', () => {
    renderIn('en', '2025-03-10', '2025-07-01T10:00:00Z');
    expect(screen.getByTestId('date').textContent).toBe('10 March 2025');
    expect(screen.getByTestId('instant').textContent).toMatch(/12:00:00/);
    expect(document.documentElement.lang).toBe('en');
  });
});
