/** i18next set-up: zh-CN first, English on switch; the choice persists and drives the API language. */
import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import { setApiLanguage } from './api.ts';
import { en } from './locales/en.ts';
import { zhCN } from './locales/zh-CN.ts';
import { setDayjsLocale } from './time.ts';

/** The languages of the console. */
export const LANGUAGES = ['zh-CN', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

const STORAGE_KEY = 'onsite.language';

function storedLanguage(): Language {
  try {
    const v = localStorage.getItem(STORAGE_KEY);
    return v === 'en' ? 'en' : 'zh-CN';
  } catch {
    return 'zh-CN';
  }
}

function applyLanguage(lng: string): void {
  setApiLanguage(lng);
  setDayjsLocale(lng);
  document.documentElement.lang = lng;
}

const initial = storedLanguage();
applyLanguage(initial);

void i18n.use(initReactI18next).init({
  resources: { 'zh-CN': { translation: zhCN }, en: { translation: en } },
  lng: initial,
  fallbackLng: 'zh-CN',
  interpolation: { escapeValue: false },
  returnNull: false,
});

/** Adds a shell's own words (deep-merged under the shared ones) in both languages. */
export function addWords(zh: object, english: object): void {
  i18n.addResourceBundle('zh-CN', 'translation', zh, true, false);
  i18n.addResourceBundle('en', 'translation', english, true, false);
}

i18n.on('languageChanged', (lng) => {
  applyLanguage(lng);
  try {
    localStorage.setItem(STORAGE_KEY, lng);
  } catch {
    // Private browsing may refuse storage; the switch still works for this visit.
  }
});

export default i18n;
