import type en from './messages/en.json';
import type { LocaleCode } from './locales.ts';

export type Messages = Record<keyof typeof en, string>;
export type MessageId = keyof typeof en;

/** Catalogues load on demand, one chunk per language; English is the reference every other one matches. */
const loaders: Record<LocaleCode, () => Promise<{ default: Messages }>> = {
  en: () => import('./messages/en.json'),
  ru: () => import('./messages/ru.json'),
  zh: () => import('./messages/zh.json'),
  vi: () => import('./messages/vi.json'),
  ar: () => import('./messages/ar.json'),
  fa: () => import('./messages/fa.json'),
  kk: () => import('./messages/kk.json'),
  tr: () => import('./messages/tr.json'),
};

export async function loadMessages(code: LocaleCode): Promise<Messages> {
  return (await loaders[code]()).default;
}

declare global {
  namespace FormatjsIntl {
    interface Message {
      ids: MessageId;
    }
  }
}
