/** Swedish first, English selectable (the choice is kept in the browser). Every string of the app comes from sv.json / en.json. */
import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import sv from './sv.json';
import en from './en.json';

export const LANGUAGES = ['sv', 'en'] as const;
const stored = typeof localStorage !== 'undefined' ? localStorage.getItem('samplan.language') : null;

void i18n.use(initReactI18next).init({
  resources: { sv: { translation: sv }, en: { translation: en } },
  lng: stored === 'en' ? 'en' : 'sv',
  fallbackLng: 'sv',
  interpolation: { escapeValue: false },
  returnNull: false,
});

export function setLanguage(lng: 'sv' | 'en'): void {
  void i18n.changeLanguage(lng);
  localStorage.setItem('samplan.language', lng);
  document.documentElement.lang = lng;
}
if (typeof document !== 'undefined') document.documentElement.lang = i18n.language;

export default i18n;
