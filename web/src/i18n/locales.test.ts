import { describe, expect, it } from 'vitest';
import { directionOf, locales, matchLocale } from './locales.ts';
import { pickLocalized } from './localized-text.ts';

describe('matchLocale', () => {
  it('takes the first supported language by its primary subtag', () => {
    expect(matchLocale(['de-DE', 'zh-Hans-CN', 'en'])).toBe('zh');
    expect(matchLocale(['fa-IR'])).toBe('fa');
    expect(matchLocale(['KK_kz'])).toBe('kk');
  });

  it('falls back to English', () => {
    expect(matchLocale([])).toBe('en');
    expect(matchLocale(['de', 'fr-CA'])).toBe('en');
  });
});

describe('locales', () => {
  it('writes Arabic and Persian right to left, the rest left to right', () => {
    expect(locales.filter((l) => l.dir === 'rtl').map((l) => l.code)).toEqual(['ar', 'fa']);
    expect(directionOf('ar')).toBe('rtl');
    expect(directionOf('ru')).toBe('ltr');
  });
});

describe('pickLocalized', () => {
  const name = { en: 'Conference', ru: 'Совещание' };

  it('picks the UI language, then English, then any, and says which language it is', () => {
    expect(pickLocalized(name, 'ru')).toEqual({ text: 'Совещание', lang: 'ru' });
    expect(pickLocalized(name, 'zh')).toEqual({ text: 'Conference', lang: 'en' });
    expect(pickLocalized({ ru: 'Совещание' }, 'zh')).toEqual({ text: 'Совещание', lang: 'ru' });
    expect(pickLocalized({}, 'en')).toBeNull();
    expect(pickLocalized('Astana', 'ar')).toEqual({ text: 'Astana', lang: '' });
  });
});
