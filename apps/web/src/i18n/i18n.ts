import i18next from 'i18next';
import { useCallback } from 'react';
import { initReactI18next, useTranslation } from 'react-i18next';

/**
 * Japanese first, English second, through i18next. Each feature keeps its own messages ({ ja, en } with the same
 * keys, checked by the type) beside its components and registers them as its own namespace with `defineMessages`;
 * `useT(messages)` gives a `t` typed by those keys. A count goes through i18next's plural forms, which ask
 * `Intl.PluralRules`: write `key_one` / `key_other` and call `t('key', { count })` (Japanese uses only `_other`).
 */
export type Locale = 'ja' | 'en';
export const LOCALES: readonly Locale[] = ['ja', 'en'];
export type Messages<K extends string = string> = { ns: string; ja: Record<K, string>; en: Record<K, string> };

/** The key a caller writes: plural variants (`read_one`, `read_other`) are asked for by their stem (`read`). */
export type MessageKey<K extends string> = K extends `${infer Stem}_${'zero' | 'one' | 'two' | 'few' | 'many' | 'other'}` ? Stem : K;
export type Translate<K extends string> = (key: MessageKey<K>, vars?: Record<string, string | number>) => string;

/** Our keys are typed by `Messages`; i18next's own key typing (module augmentation) is not used. */
type PlainT = (key: string, options?: object) => string;

const STORAGE_KEY = 'yakuba.locale';

const stored = (): Locale => {
  try {
    return localStorage.getItem(STORAGE_KEY) === 'en' ? 'en' : 'ja';
  } catch {
    return 'ja';
  }
};

export const i18n = i18next.createInstance();
void i18n.use(initReactI18next).init({
  lng: stored(),
  fallbackLng: 'ja',
  supportedLngs: [...LOCALES],
  resources: {},
  initAsync: false,
  // Our messages write `{name}`, React escapes what it renders.
  interpolation: { prefix: '{', suffix: '}', escapeValue: false },
  react: { bindI18nStore: 'added' },
});
document.documentElement.lang = i18n.language;
i18n.on('languageChanged', (lng) => {
  document.documentElement.lang = lng;
  try {
    localStorage.setItem(STORAGE_KEY, lng);
  } catch {
    /* private mode: the choice lasts for this tab */
  }
});

/** A feature's messages as one i18next namespace (registered when the feature's module is first imported). */
export function defineMessages<K extends string>(ns: string, messages: { ja: Record<K, string>; en: Record<K, string> }): Messages<K> {
  i18n.addResourceBundle('ja', ns, messages.ja, true, true);
  i18n.addResourceBundle('en', ns, messages.en, true, true);
  return { ns, ...messages };
}

export function useLocale(): { locale: Locale; setLocale(locale: Locale): void } {
  const { i18n: instance } = useTranslation();
  const setLocale = useCallback((next: Locale) => void instance.changeLanguage(next), [instance]);
  return { locale: instance.language === 'en' ? 'en' : 'ja', setLocale };
}

/** `t('key', { name: 'x' })` replaces `{name}`; `t('key', { count })` picks the plural form. */
export function useT<K extends string>(messages: Messages<K>): Translate<K> {
  const { t } = useTranslation(messages.ns);
  return useCallback((key: MessageKey<K>, vars?: Record<string, string | number>) => (t as unknown as PlainT)(key, vars), [t]);
}

/** Outside React (a store, a notification): the current language's text. */
export function translate<K extends string>(messages: Messages<K>, key: MessageKey<K>, vars?: Record<string, string | number>): string {
  return (i18n.t as unknown as PlainT)(key, { ns: messages.ns, ...vars });
}
