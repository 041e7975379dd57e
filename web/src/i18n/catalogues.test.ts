import { readFileSync } from 'node:fs';
import { isLiteralElement, isPluralElement, isPoundElement, isSelectElement, isTagElement, parse } from '@formatjs/icu-messageformat-parser';
import { describe, expect, it } from 'vitest';
import { locales } from './locales.ts';

/**
 * Every catalogue has exactly English's keys, and every message is valid ICU MessageFormat that uses
 * the same arguments as the English one (a translation that drops or renames `{version}` would render
 * the raw placeholder, or nothing).
 */
type Catalogue = Record<string, string>;

function load(code: string): Catalogue {
  return JSON.parse(readFileSync(new URL(`./messages/${code}.json`, import.meta.url), 'utf8'));
}

/** Names of the arguments and tags a message uses, at any depth (plural/select branches, tags). */
function argumentsOf(message: string): string[] {
  const names = new Set<string>();
  const walk = (elements: ReturnType<typeof parse>) => {
    for (const el of elements) {
      if (isLiteralElement(el) || isPoundElement(el)) continue;
      names.add(el.value); // an argument name, or a tag name for rich text (<b>...</b>)
      if (isPluralElement(el) || isSelectElement(el)) for (const option of Object.values(el.options)) walk(option.value);
      if (isTagElement(el)) walk(el.children);
    }
  };
  walk(parse(message));
  return [...names].sort();
}

const english = load('en');
const englishKeys = Object.keys(english).sort();

describe('message catalogues', () => {
  it('lists English first and a catalogue for every locale', () => {
    expect(locales[0].code).toBe('en');
    expect(englishKeys.length).toBeGreaterThan(0);
  });

  for (const { code } of locales) {
    describe(code, () => {
      const catalogue = load(code);

      it('has every key English has', () => {
        const missing = englishKeys.filter((key) => !(key in catalogue));
        expect(missing, `${code} lacks keys`).toEqual([]);
      });

      it('has no key English lacks', () => {
        const extra = Object.keys(catalogue).filter((key) => !(key in english));
        expect(extra, `${code} has keys English lacks`).toEqual([]);
      });

      it('has only non-empty messages that parse as ICU with the same arguments as English', () => {
        const problems: string[] = [];
        for (const [key, message] of Object.entries(catalogue)) {
          if (typeof message !== 'string' || message.trim() === '') {
            problems.push(`${key}: empty or not a string`);
            continue;
          }
          try {
            const args = argumentsOf(message);
            if (key in english) {
              const expected = argumentsOf(english[key]);
              if (args.join() !== expected.join()) problems.push(`${key}: uses {${args}} but English uses {${expected}}`);
            }
          } catch (err) {
            problems.push(`${key}: ${(err as Error).message}`);
          }
        }
        expect(problems).toEqual([]);
      });
    });
  }
});
