import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';

/**
 * Japanese first, English second. Each feature keeps its own messages ({ ja, en } with the same keys, checked by
 * the type) beside its components; `useT(messages)` picks the current language. A handful of strings does not
 * justify i18next, whose current release also needs Node 22 to install cleanly here.
 */
export type Locale = 'ja' | 'en';
export type Messages<K extends string = string> = { ja: Record<K, string>; en: Record<K, string> };

const STORAGE_KEY = 'yakuba.locale';

interface LocaleState {
  locale: Locale;
  setLocale(locale: Locale): void;
}

const LocaleContext = createContext<LocaleState>({ locale: 'ja', setLocale: () => undefined });

export function LocaleProvider({ children }: { children: ReactNode }) {
  const [locale, setLocaleState] = useState<Locale>(() => (localStorage.getItem(STORAGE_KEY) === 'en' ? 'en' : 'ja'));
  const setLocale = useCallback((next: Locale) => {
    localStorage.setItem(STORAGE_KEY, next);
    document.documentElement.lang = next;
    setLocaleState(next);
  }, []);
  const value = useMemo(() => ({ locale, setLocale }), [locale, setLocale]);
  document.documentElement.lang = locale;
  return <LocaleContext.Provider value={value}>{children}</LocaleContext.Provider>;
}

export function useLocale(): LocaleState {
  return useContext(LocaleContext);
}

/** `t('key', { name: 'x' })` replaces `{name}` in the message. */
export function useT<K extends string>(messages: Messages<K>): (key: K, vars?: Record<string, string | number>) => string {
  const { locale } = useLocale();
  return useCallback(
    (key: K, vars?: Record<string, string | number>) => {
      let text = messages[locale][key] ?? messages.ja[key] ?? key;
      if (vars) for (const [name, value] of Object.entries(vars)) text = text.replaceAll(`{${name}}`, String(value));
      return text;
    },
    [locale, messages],
  );
}

export function formatDateTime(value: string | Date, locale: Locale): string {
  return new Intl.DateTimeFormat(locale === 'ja' ? 'ja-JP' : 'en-GB', { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(value));
}
