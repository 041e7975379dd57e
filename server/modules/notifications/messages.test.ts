import { parse } from '@formatjs/icu-messageformat-parser';
import { describe, expect, it } from 'vitest';
import { kindDefinition, kindNames } from './kinds.ts';
import { fallbackLocale, loadCatalogue, mailLocales, matchMailLocale, renderMessage } from './messages.ts';

/**
 * The notification catalogues: every locale has every key English has and no other, every message
 * parses as ICU with the same arguments as English, and every kind has its subject and body using
 * exactly the parameters the kind declares.
 */
type Elements = ReturnType<typeof parse>;

function argumentsOf(message: string): string[] {
  const names = new Set<string>();
  const walk = (elements: Elements) => {
    for (const el of elements) {
      if ('value' in el && el.type !== 0 /* literal */) names.add(String(el.value));
      if ('options' in el) for (const option of Object.values(el.options)) walk(option.value);
      if ('children' in el) walk(el.children);
    }
  };
  walk(parse(message));
  return [...names].sort();
}

const english = loadCatalogue(fallbackLocale);
const englishKeys = Object.keys(english).sort();

describe('notification catalogues', () => {
  it('has a subject and a body for every kind, using exactly the parameters the kind declares', () => {
    const problems: string[] = [];
    for (const kind of kindNames) {
      const declared = [...kindDefinition(kind)!.params].sort();
      for (const part of ['subject', 'body']) {
        const key = `${kind}.${part}`;
        if (!(key in english)) {
          problems.push(`${key} missing in en`);
          continue;
        }
        const used = argumentsOf(english[key]);
        const undeclared = used.filter((a) => !declared.includes(a));
        if (undeclared.length) problems.push(`${key} uses {${undeclared}} which ${kind} does not declare`);
      }
      const usedAnywhere = new Set([...argumentsOf(english[`${kind}.subject`] ?? ''), ...argumentsOf(english[`${kind}.body`] ?? '')]);
      const unused = declared.filter((p) => !usedAnywhere.has(p));
      if (unused.length) problems.push(`${kind} declares {${unused}} but its messages never use them`);
    }
    expect(problems).toEqual([]);
  });

  it('has no kind-looking key without a kind (a typo in a kind name)', () => {
    const common = /^(mail|digest)\./;
    const orphans = englishKeys.filter((k) => !common.test(k) && !kindNames.some((kind) => k === `${kind}.subject` || k === `${kind}.body`));
    expect(orphans).toEqual([]);
  });

  for (const locale of mailLocales) {
    describe(locale, () => {
      const catalogue = loadCatalogue(locale);

      it('has every key English has', () => {
        expect(
          englishKeys.filter((k) => !(k in catalogue)),
          `${locale} lacks keys`,
        ).toEqual([]);
      });

      it('has no key English lacks', () => {
        expect(Object.keys(catalogue).filter((k) => !(k in english))).toEqual([]);
      });

      it('has only non-empty messages that parse as ICU with the same arguments as English', () => {
        const problems: string[] = [];
        for (const [key, message] of Object.entries(catalogue)) {
          if (typeof message !== 'string' || message.trim() === '') {
            problems.push(`${key}: empty`);
            continue;
          }
          try {
            const args = argumentsOf(message);
            if (key in english && args.join() !== argumentsOf(english[key]).join()) problems.push(`${key}: {${args}} vs English {${argumentsOf(english[key])}}`);
          } catch (err) {
            problems.push(`${key}: ${(err as Error).message}`);
          }
        }
        expect(problems).toEqual([]);
      });

      it('renders every message with sample values, leaving no raw placeholder', () => {
        for (const [key, message] of Object.entries(catalogue)) {
          const values = Object.fromEntries(argumentsOf(message).map((a) => [a, a === 'count' ? 3 : `«${a}»`]));
          const out = renderMessage(locale, key, values);
          expect(out, `${locale} ${key}`).not.toMatch(/[{}]/);
          for (const a of argumentsOf(message)) if (a !== 'count') expect(out, `${locale} ${key}`).toContain(`«${a}»`);
        }
      });
    });
  }
});

describe('choosing the language', () => {
  it('matches on the primary subtag and falls back to English', () => {
    expect(matchMailLocale('ru')).toBe('ru');
    expect(matchMailLocale('ru-RU')).toBe('ru');
    expect(matchMailLocale('zh-Hans-CN')).toBe('zh');
    expect(matchMailLocale('FA_ir')).toBe('fa');
    expect(matchMailLocale('de')).toBe('en');
    expect(matchMailLocale('')).toBe('en');
    expect(matchMailLocale(null)).toBe('en');
  });

  it('uses plural rules of the language', () => {
    expect(renderMessage('ru', 'digest.subject', { count: 1 })).toBe('1 новое уведомление в Concord');
    expect(renderMessage('ru', 'digest.subject', { count: 3 })).toBe('3 новых уведомления в Concord');
    expect(renderMessage('ru', 'digest.subject', { count: 5 })).toBe('5 новых уведомлений в Concord');
    expect(renderMessage('en', 'digest.subject', { count: 1 })).toBe('1 new notification in Concord');
    expect(renderMessage('ar', 'digest.subject', { count: 2 })).toBe('إشعاران جديدان في Concord');
  });

  it('throws on a key no catalogue has (a programming error)', () => {
    expect(() => renderMessage('ru', 'nope.subject')).toThrow(/No message/);
  });
});
