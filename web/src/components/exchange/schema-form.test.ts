import { describe, expect, it } from 'vitest';
import { fieldId, getAt, labelKey, pruneEmpty, setAt } from './schema-form.tsx';

describe('form answers as JSON', () => {
  it('sets values by dotted path, creating groups and lists as needed, and removes list entries', () => {
    let a = setAt({}, ['forces', 'personnel'], 4200);
    a = setAt(a, ['contacts', '0', 'email'], 'a@mfa.kz');
    a = setAt(a, ['contacts', '1', 'email'], 'b@mfa.kz');
    expect(a).toEqual({ forces: { personnel: 4200 }, contacts: [{ email: 'a@mfa.kz' }, { email: 'b@mfa.kz' }] });
    expect(getAt(a, 'contacts.1.email')).toBe('b@mfa.kz');
    a = setAt(a, ['contacts', '0'], undefined);
    expect(a.contacts).toEqual([{ email: 'b@mfa.kz' }]);
    a = setAt(a, ['forces', 'personnel'], undefined);
    expect(pruneEmpty(a)).toEqual({ contacts: [{ email: 'b@mfa.kz' }] });
  });

  it('names fields and their labels from paths', () => {
    expect(labelKey('contacts.12.email')).toBe('contacts.*.email');
    expect(labelKey('forces.personnel')).toBe('forces.personnel');
    expect(fieldId('contacts.0.email')).toBe('xf-contacts-0-email');
  });
});
