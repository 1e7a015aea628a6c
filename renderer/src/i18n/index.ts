// i18next set up once for the renderer: English and Simplified Chinese, the choice kept in the browser.
import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { en } from './en';
import { zh } from './zh';

export const languages = [
  { code: 'en', label: 'English' },
  { code: 'zh-CN', label: '简体中文' },
] as const;

const stored = typeof localStorage !== 'undefined' ? localStorage.getItem('studio.language') : null;
const fromUrl = typeof location !== 'undefined' ? new URLSearchParams(location.search).get('lang') : null;

void i18next.use(initReactI18next).init({
  resources: { en: { translation: en }, 'zh-CN': { translation: zh } },
  lng: fromUrl ?? stored ?? (typeof navigator !== 'undefined' && navigator.language.startsWith('zh') ? 'zh-CN' : 'en'),
  fallbackLng: false,
  interpolation: { escapeValue: false }, // React escapes
  returnNull: false,
  parseMissingKeyHandler: (key) => `⟦${key}⟧`,
});

export function setLanguage(code: string): void {
  localStorage.setItem('studio.language', code);
  void i18next.changeLanguage(code);
  document.documentElement.lang = code;
}

export default i18next;
