import type { Language } from '../i18n/i18n';

/**
 * A country's name from its ISO 3166-1 alpha-2 code, in the language chosen, from the browser's
 * own country names (Intl.DisplayNames); an unknown code is shown as it is.
 */
export function countryName(code: string, language: Language): string {
  try {
    return new Intl.DisplayNames([language === 'nl' ? 'nl' : 'en'], { type: 'region' }).of(code) ?? code;
  } catch {
    return code;
  }
}
