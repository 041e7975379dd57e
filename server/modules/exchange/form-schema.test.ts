import { describe, expect, it } from 'vitest';
import { csvCell, toCsv } from './csv.ts';
import { exerciseNotice } from './exchange.templates.ts';
import { annualForcesBudget, cicaExchangeTemplates, pointsOfContact } from './exchange.templates.ts';
import { describeAjvError, flattenAnswers, formLanguages, pointerToPath, schemaPaths, templateProblems, validateAnswers } from './form-schema.ts';

const goodNotice = {
  name: 'Steppe Shield 2026',
  startDate: '2026-06-01',
  endDate: '2026-06-10',
  area: 'Karaganda region, 49.8N 73.1E',
  type: 'land',
  forces: { personnel: 3500, battleTanks: 40 },
  invitedObservers: true,
};

describe('the seeded templates', () => {
  it('are valid templates with every field labelled in all eight languages', () => {
    for (const tpl of cicaExchangeTemplates) {
      expect(templateProblems(tpl), tpl.code).toEqual([]);
      for (const lang of formLanguages) {
        expect(tpl.title[lang], `${tpl.code} title ${lang}`).toBeTruthy();
        expect(tpl.description[lang], `${tpl.code} description ${lang}`).toBeTruthy();
      }
      for (const { path } of schemaPaths(tpl.schema)) {
        const label = tpl.labels[path];
        for (const lang of formLanguages) expect(label?.label[lang], `${tpl.code} ${path} ${lang}`).toBeTruthy();
        for (const [value, text] of Object.entries(label?.options ?? {})) {
          for (const lang of formLanguages) expect(text[lang], `${tpl.code} ${path} option ${value} ${lang}`).toBeTruthy();
        }
      }
    }
  });

  it('translate rather than copy English', () => {
    const label = exerciseNotice.labels.name.label;
    expect(new Set(formLanguages.map((l) => label[l])).size).toBe(8);
    expect(pointsOfContact.labels['contacts.*.area'].options?.['MP.1'].zh).toMatch(/[\u4e00-\u9fff]/);
  });
});

describe('answer validation names the failing field', () => {
  it('accepts good answers', () => {
    expect(validateAnswers('t-notice', exerciseNotice, goodNotice)).toEqual([]);
  });

  it('reports a missing required field by its dotted path', () => {
    const { forces: _f, ...rest } = goodNotice;
    const errors = validateAnswers('t-notice', exerciseNotice, { ...rest, forces: { battleTanks: 3 } });
    expect(errors).toContainEqual(expect.objectContaining({ field: 'forces.personnel', keyword: 'required', message: 'is required' }));
  });

  it('reports wrong types, ranges, formats, enums and unknown fields, one line per field', () => {
    const errors = validateAnswers('t-notice', exerciseNotice, {
      ...goodNotice,
      startDate: '2026-02-30',
      type: 'space',
      forces: { personnel: -5, ships: 'two' },
      invitedObservers: 'yes',
      colour: 'green',
    });
    const byField = Object.fromEntries(errors.map((e) => [e.field, e.message]));
    expect(byField).toMatchObject({
      startDate: 'must be a date (YYYY-MM-DD)',
      type: 'must be one of: land, air, naval, joint, command-staff, other',
      'forces.personnel': 'must be at least 0',
      'forces.ships': 'must be a whole number',
      invitedObservers: 'must be yes or no',
      colour: 'is not a field of this form',
    });
    expect(new Set(errors.map((e) => e.field)).size).toBe(errors.length);
  });

  it('finds errors inside lists with the entry number in the path', () => {
    const errors = validateAnswers('t-poc', pointsOfContact, {
      contacts: [
        { area: 'MP.1', name: 'A. Seitkali', function: 'Head of division', phone: '+7 7172 00 00 00', email: 'a@mfa.kz' },
        { area: 'MP.9', name: 'B', function: 'Officer', phone: 'call me', email: 'not-an-email' },
      ],
    });
    expect(errors.map((e) => e.field).sort()).toEqual(['contacts.1.area', 'contacts.1.email', 'contacts.1.phone']);
    expect(validateAnswers('t-poc', pointsOfContact, { contacts: [] })).toEqual([expect.objectContaining({ field: 'contacts', message: 'needs at least 1 entry' })]);
  });

  it('applies the cross-field date order check after the schema', () => {
    const errors = validateAnswers('t-notice', exerciseNotice, { ...goodNotice, endDate: '2026-05-30' });
    expect(errors).toEqual([expect.objectContaining({ field: 'endDate', keyword: 'dateOrder', message: 'must be on or after startDate' })]);
  });

  it('reads JSON pointers with escapes', () => {
    expect(pointerToPath('/a~1b/0/c~0d')).toBe('a/b.0.c~d');
    expect(describeAjvError({ instancePath: '', keyword: 'required', params: { missingProperty: 'currency' } }).field).toBe('currency');
  });
});

describe('template checks for forms the Secretariat adds', () => {
  const base = { ...annualForcesBudget, code: 'x', version: 1 };

  it('refuses a schema that is not valid JSON Schema, naming where', () => {
    const problems = templateProblems({ ...base, schema: { type: 'object', properties: { a: { type: 'strin' } } } });
    expect(problems[0].field).toMatch(/^schema\.properties\.a/);
  });

  it('refuses shapes the form renderer cannot show, unlabelled fields and labels for nothing', () => {
    expect(templateProblems({ ...base, schema: { type: 'object', properties: { a: { oneOf: [{ type: 'string' }] } } }, labels: {} })).toContainEqual(
      expect.objectContaining({ field: 'schema.properties.a' }),
    );
    const problems = templateProblems({ ...base, schema: { type: 'object', properties: { a: { type: 'string' } } }, labels: { b: { label: { en: 'B' } } } });
    expect(problems.map((p) => p.field).sort()).toEqual(['labels.a', 'labels.b']);
  });

  it('needs the activity start field of a notice to be a required date', () => {
    const problems = templateProblems({ ...exerciseNotice, dueRule: { kind: 'before-activity', days: 42, activityStartField: 'name' } });
    expect(problems).toContainEqual(expect.objectContaining({ field: 'dueRule.activityStartField' }));
  });
});

describe('flattening and CSV', () => {
  it('flattens answers to dotted paths with list indexes', () => {
    expect(flattenAnswers({ a: 1, b: { c: 'x' }, l: [{ d: true }, { d: false }] })).toEqual({ a: 1, 'b.c': 'x', 'l.0.d': true, 'l.1.d': false });
  });

  it('writes RFC 4180 with a BOM, CRLF, quoting, and neutralises formulas', () => {
    expect(csvCell('=1+1')).toBe("'=1+1");
    expect(csvCell('+7 7172')).toBe("'+7 7172");
    expect(csvCell('-2')).toBe("'-2");
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell(-2)).toBe('-2');
    expect(csvCell('a "b", c')).toBe('"a ""b"", c"');
    expect(csvCell('line\nbreak')).toBe('"line\nbreak"');
    expect(csvCell(null)).toBe('');
    const csv = toCsv(['h1', 'h2'], [['Қазақстан', '=HYPERLINK("x")']]);
    expect(csv).toBe('\uFEFFh1,h2\r\nҚазақстан,"\'=HYPERLINK(""x"")"\r\n');
  });
});
