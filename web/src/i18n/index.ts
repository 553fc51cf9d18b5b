import i18next from 'i18next';
import ICU from 'i18next-icu';
import { initReactI18next } from 'react-i18next';
import type { Locale } from '../api/types';
import en from './en.json';
import sv from './sv.json';

type Messages = Record<string, unknown>;

/**
 * Each area of the portal keeps its messages in areas/<area>.<lang>.json under a top-level key
 * named after the area, so areas are translated (and edited) independently of each other.
 */
const areaFiles = import.meta.glob<Messages>('./areas/*.json', { eager: true, import: 'default' });

function messagesFor(lang: Locale, base: Messages): Messages {
  const merged: Messages = { ...base };
  for (const [file, messages] of Object.entries(areaFiles)) {
    if (!file.endsWith(`.${lang}.json`)) continue;
    for (const area of Object.keys(messages)) if (area in merged) throw new Error(`i18n area ${file} replaces the key ${area}`);
    Object.assign(merged, messages);
  }
  return merged;
}

export const LOCALES: readonly Locale[] = ['en', 'sv'];

/** Before sign-in the browser decides: Swedish for any sv-* language, English otherwise. */
export function browserLocale(): Locale {
  const languages = navigator.languages?.length ? navigator.languages : [navigator.language];
  return languages[0]?.toLowerCase().startsWith('sv') ? 'sv' : 'en';
}

function syncDocumentLanguage(lng: string): void {
  document.documentElement.lang = lng;
}

export async function initI18n(locale: Locale): Promise<typeof i18next> {
  i18next.on('languageChanged', syncDocumentLanguage);
  await i18next
    .use(ICU)
    .use(initReactI18next)
    .init({
      resources: { en: { translation: messagesFor('en', en) }, sv: { translation: messagesFor('sv', sv) } },
      lng: locale,
      fallbackLng: 'en',
      supportedLngs: LOCALES,
      interpolation: { escapeValue: false },
      returnNull: false,
    });
  syncDocumentLanguage(i18next.language);
  return i18next;
}

/** Switches the UI language at once (the caller persists it for signed-in users). */
export async function setLocale(locale: Locale): Promise<void> {
  if (i18next.language !== locale) await i18next.changeLanguage(locale);
}

export function currentLocale(): Locale {
  return i18next.language === 'sv' ? 'sv' : 'en';
}
