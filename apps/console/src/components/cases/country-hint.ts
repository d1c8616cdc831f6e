import type { Language } from '../../i18n/i18n';
import { countryName } from '../../vocabulary/country.vocabulary';

/**
 * The name of the country an official is typing the code of (`de` → Duitsland), so they see
 * which country they named; undefined while it is no code the browser knows.
 */
export function countryHint(typed: string, language: Language): string | undefined {
  const code = typed.trim().toUpperCase();
  if (!/^[A-Z]{2}$/.test(code)) return undefined;
  const name = countryName(code, language);
  return name === code ? undefined : name;
}
