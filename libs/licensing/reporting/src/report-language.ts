import type { CountryNames, ReportLanguage } from './report.types';

/*
 * What changes with a report's language besides its words: country names and how numbers and
 * dates are written for a reader. Machine formats (JSON, CSV) keep plain numbers and ISO dates.
 */

const DISPLAY_NAMES: Readonly<Record<ReportLanguage, Intl.DisplayNames>> = {
  en: new Intl.DisplayNames(['en'], { type: 'region', fallback: 'code' }),
  nl: new Intl.DisplayNames(['nl'], { type: 'region', fallback: 'code' }),
};

/*
 * Names already asked for: ICU's look-up costs microseconds, and a listing asks for its lines'
 * countries day by day (a whole-history listing: thousands of times the same few hundred codes).
 * Bounded, since the codes come from recorded data.
 */
const NAMES = new Map<string, string>();
const MAX_NAMES = 2000;

/** The country's name; its code where ICU has no name (or the code is not one). */
export function countryName(code: string, lang: ReportLanguage): string {
  const key = `${lang}:${code}`;
  let name = NAMES.get(key);
  if (name === undefined) {
    try {
      name = DISPLAY_NAMES[lang].of(code) ?? code;
    } catch {
      name = code;
    }
    if (NAMES.size >= MAX_NAMES) NAMES.clear();
    NAMES.set(key, name);
  }
  return name;
}

/** The names of every code given, keyed by code in code order (stable JSON bytes). */
export function countryNames(codes: Iterable<string>): Record<string, CountryNames> {
  return Object.fromEntries(
    [...new Set(codes)]
      .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
      .map((code) => [code, { nl: countryName(code, 'nl'), en: countryName(code, 'en') }]),
  );
}

const DUTCH_COUNT = new Intl.NumberFormat('nl-NL', { maximumFractionDigits: 0 });
const DUTCH_AMOUNT = new Intl.NumberFormat('nl-NL', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const DUTCH_DECIMAL = new Intl.NumberFormat('nl-NL', { maximumFractionDigits: 20 });

/** Dutch grouping and decimal comma: `1234567.89` → `1.234.567,89` (amounts always two decimals). */
export function dutchNumber(value: number, kind: 'count' | 'amount' | 'decimal' = 'decimal'): string {
  const format = kind === 'count' ? DUTCH_COUNT : kind === 'amount' ? DUTCH_AMOUNT : DUTCH_DECIMAL;
  return format.format(value);
}

/** A calendar date as a Dutch reader writes it in a table: `2024-11-28` → `28-11-2024`. */
export function dutchDate(date: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  return match ? `${match[3]}-${match[2]}-${match[1]}` : date;
}

/** A date for the reader of the report: ISO in English (as before), dd-mm-jjjj in Dutch. */
export function readerDate(date: string, lang: ReportLanguage): string {
  return lang === 'nl' ? dutchDate(date) : date;
}
