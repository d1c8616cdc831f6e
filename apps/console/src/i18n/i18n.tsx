import { createContext, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import type { ReactNode } from 'react';

export const LANGUAGES = ['nl', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

/** A message is text, or a function of the values it shows. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- each message names its own parameters
export type Message = string | ((...values: any[]) => string);
export type Messages = Readonly<Record<string, Message>>;

/**
 * Messages in Dutch, the interface language, and English with exactly the same keys and shapes:
 * a key missing in one language does not compile.
 */
export function defineMessages<T extends Messages>(messages: { readonly nl: T; readonly en: T }) {
  return messages;
}

interface LanguageState {
  readonly language: Language;
  readonly setLanguage: (language: Language) => void;
}

const LanguageContext = createContext<LanguageState>({ language: 'nl', setLanguage: () => undefined });

const STORAGE_KEY = 'licences-console-language';

function initialLanguage(): Language {
  // A preference, not a secret: the only thing the console keeps in the browser.
  const stored = globalThis.localStorage?.getItem(STORAGE_KEY);
  return stored === 'en' || stored === 'nl' ? stored : 'nl';
}

export function LanguageProvider({ children, initial }: { children: ReactNode; initial?: Language }) {
  const [language, setState] = useState<Language>(initial ?? initialLanguage);
  const setLanguage = useCallback((next: Language) => {
    globalThis.localStorage?.setItem(STORAGE_KEY, next);
    setState(next);
  }, []);
  useEffect(() => {
    document.documentElement.lang = language;
  }, [language]);
  const value = useMemo(() => ({ language, setLanguage }), [language, setLanguage]);
  return <LanguageContext.Provider value={value}>{children}</LanguageContext.Provider>;
}

export function useLanguage(): LanguageState {
  return useContext(LanguageContext);
}

/** The messages in the language chosen. */
export function useMessages<T extends Messages>(messages: { readonly nl: T; readonly en: T }): T {
  return messages[useLanguage().language];
}

const LOCALES: Record<Language, string> = { nl: 'nl-NL', en: 'en-GB' };

/** Dates and instants as officials read them; business dates are calendar dates, shown as given. */
export function useFormats() {
  const { language } = useLanguage();
  return useMemo(() => {
    const locale = LOCALES[language];
    const date = new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: 'UTC' });
    const instant = new Intl.DateTimeFormat(locale, {
      dateStyle: 'medium',
      timeStyle: 'medium',
      timeZone: 'Europe/Amsterdam',
    });
    const number = new Intl.NumberFormat(locale);
    const euro = new Intl.NumberFormat(locale, { style: 'currency', currency: 'EUR' });
    return {
      /** `2025-03-10` as a calendar date, never shifted by a time zone. */
      date: (value: string) =>
        /^\d{4}-\d{2}-\d{2}$/.test(value) ? date.format(new Date(`${value}T00:00:00Z`)) : value,
      /** An instant in Amsterdam time, where the decisions are taken. */
      instant: (value: string) => {
        const parsed = new Date(value);
        return Number.isNaN(parsed.getTime()) ? value : instant.format(parsed);
      },
      number: (value: number) => number.format(value),
      euro: (value: number) => euro.format(value),
    };
  }, [language]);
}
