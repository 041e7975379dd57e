import { describe, expect, it } from 'vitest';
import { type Actor, anonymousActor } from '../../shared/context.ts';
import {
  type AccessFacts,
  canEditText,
  canRead,
  checkAccessSetting,
  checkTransition,
  defaultSeries,
  effectiveAccess,
  formatSymbol,
  isWider,
  nextRelatedSymbol,
  nextStatuses,
  parseSymbol,
  type SymbolParts,
  SymbolRuleError,
} from './document.ts';

const p = (s: string) => parseSymbol(s)!;

describe('symbols', () => {
  it('parses and formats UN-style symbols both ways', () => {
    for (const s of ['CICA/SOC/2025/3', 'CICA/SOC/2025/L.3', 'CICA/SOC/2025/R.12', 'CICA/MC/2024/1/Rev.1', 'CICA/SOC/2025/L.3/Rev.2/Add.1', 'CICA/SWG/2026/7/Corr.1', 'CICA/SOC/2025/3/Add.2/Corr.1', 'OSCE/PC-DEL/1999/1']) {
      expect(formatSymbol(p(s))).toBe(s);
    }
    expect(p('CICA/SOC/2025/L.3/Rev.1')).toEqual({ prefix: 'CICA', body: 'SOC', year: 2025, series: 'limited', number: 3, rev: 1, add: null, corr: null });
    expect(p('CICA/SOC/2025/R.4').series).toBe('restricted');
  });

  it('refuses malformed symbols', () => {
    for (const s of ['', 'CICA', 'CICA/SOC/2025', 'CICA/SOC/2025/0', 'CICA/SOC/25/3', 'cica/SOC/2025/3', 'CICA/SOC/2025/X.3', 'CICA/SOC/2025/3/Rev.0', 'CICA/SOC/2025/3/Corr.1/Rev.1', 'CICA/SOC/2025/3/', '../SOC/2025/3', 'CICA/SOC/1800/3']) {
      expect(parseSymbol(s), s).toBeNull();
    }
  });

  it('numbers revisions, addenda and corrigenda within the family', () => {
    const base = p('CICA/SOC/2025/L.3');
    const family = ['CICA/SOC/2025/L.3', 'CICA/SOC/2025/L.3/Rev.1', 'CICA/SOC/2025/L.3/Add.1', 'CICA/SOC/2025/L.4/Rev.5'].map(p);
    expect(formatSymbol(nextRelatedSymbol(base, 'revision', family))).toBe('CICA/SOC/2025/L.3/Rev.2');
    expect(formatSymbol(nextRelatedSymbol(p('CICA/SOC/2025/L.3/Rev.1'), 'revision', family))).toBe('CICA/SOC/2025/L.3/Rev.2');
    expect(formatSymbol(nextRelatedSymbol(base, 'addendum', family))).toBe('CICA/SOC/2025/L.3/Add.2');
    expect(formatSymbol(nextRelatedSymbol(p('CICA/SOC/2025/L.3/Rev.1'), 'addendum', family))).toBe('CICA/SOC/2025/L.3/Rev.1/Add.1');
    expect(formatSymbol(nextRelatedSymbol(base, 'corrigendum', family))).toBe('CICA/SOC/2025/L.3/Corr.1');
    expect(formatSymbol(nextRelatedSymbol(p('CICA/SOC/2025/L.3/Add.1'), 'corrigendum', family))).toBe('CICA/SOC/2025/L.3/Add.1/Corr.1');
    expect(() => nextRelatedSymbol(p('CICA/SOC/2025/L.3/Add.1'), 'revision', family)).toThrow(SymbolRuleError);
    expect(() => nextRelatedSymbol(p('CICA/SOC/2025/L.3/Corr.1'), 'corrigendum', family)).toThrow(SymbolRuleError);
    expect(() => nextRelatedSymbol(p('CICA/SOC/2025/L.3/Add.1'), 'addendum', family)).toThrow(SymbolRuleError);
  });

  it('chooses the series from access and submitter', () => {
    expect(defaultSeries('restricted', false)).toBe('restricted');
    expect(defaultSeries('members', true)).toBe('limited');
    expect(defaultSeries('public', false)).toBe('general');
    const parts: SymbolParts = { prefix: 'CICA', body: 'SOC', year: 2025, series: 'limited', number: 3, rev: null, add: null, corr: null };
    expect(formatSymbol(parts)).toBe('CICA/SOC/2025/L.3');
  });
});

describe('status machine', () => {
  it('allows draft → circulated → adopted | issued → withdrawn', () => {
    expect(checkTransition('declaration', 'draft', 'circulated').ok).toBe(true);
    expect(checkTransition('declaration', 'circulated', 'adopted').ok).toBe(true);
    expect(checkTransition('report', 'circulated', 'issued').ok).toBe(true);
    expect(checkTransition('declaration', 'adopted', 'withdrawn').ok).toBe(true);
    expect(checkTransition('declaration', 'draft', 'withdrawn').ok).toBe(true);
  });

  it('refuses skipping, going back, leaving a final state and superseding by hand', () => {
    expect(checkTransition('declaration', 'draft', 'adopted')).toMatchObject({ ok: false, code: 'documents.bad_transition' });
    expect(checkTransition('declaration', 'circulated', 'draft')).toMatchObject({ ok: false, code: 'documents.bad_transition' });
    expect(checkTransition('declaration', 'withdrawn', 'circulated')).toMatchObject({ ok: false, code: 'documents.bad_transition' });
    expect(checkTransition('declaration', 'superseded', 'withdrawn')).toMatchObject({ ok: false });
    expect(checkTransition('declaration', 'adopted', 'superseded')).toMatchObject({ ok: false, code: 'documents.supersede_by_revision' });
    expect(checkTransition('report', 'circulated', 'adopted')).toMatchObject({ ok: false, code: 'documents.not_adoptable' });
  });

  it('lists next statuses and when text may change', () => {
    expect(nextStatuses('declaration', 'circulated')).toEqual(['adopted', 'issued', 'withdrawn']);
    expect(nextStatuses('letter', 'circulated')).toEqual(['issued', 'withdrawn']);
    expect(nextStatuses('letter', 'withdrawn')).toEqual([]);
    expect(canEditText('draft', 'ready')).toBe(true);
    expect(canEditText('adopted', 'ready')).toBe(false);
    expect(canEditText('adopted', 'in-translation')).toBe(true);
    expect(canEditText('superseded', 'awaited')).toBe(false);
  });
});

const actor = (partyKind: Actor['partyKind'], partyId: string, role: Actor['role'] = 'delegate'): Actor => ({
  kind: 'user',
  userId: `u-${partyId}`,
  partyId,
  partyCode: partyId.toUpperCase(),
  partyKind,
  role,
  mfa: false,
  sessionId: 's',
  tokenScopes: null,
});
const doc = (over: Partial<AccessFacts> = {}): AccessFacts => ({
  status: 'circulated',
  accessLevel: 'members',
  derestrictAt: null,
  derestrictTo: null,
  submittingPartyId: null,
  addressedPartyIds: [],
  ...over,
});
const now = new Date('2026-03-01T00:00:00Z');

describe('who may read', () => {
  const secretariat = actor('secretariat', 'sec', 'officer');
  const kz = actor('member-state', 'kz');
  const cn = actor('member-state', 'cn', 'viewer');
  const observer = actor('observer-state', 'us');
  const org = actor('observer-organization', 'un');
  const partner = actor('partner-organization', 'osce');

  it('follows the level', () => {
    expect(canRead(anonymousActor, doc({ accessLevel: 'public' }), now)).toBe(true);
    expect(canRead(anonymousActor, doc({ accessLevel: 'members' }), now)).toBe(false);
    expect(canRead(kz, doc({ accessLevel: 'members' }), now)).toBe(true);
    expect(canRead(observer, doc({ accessLevel: 'members' }), now)).toBe(false);
    expect(canRead(observer, doc({ accessLevel: 'members-and-observers' }), now)).toBe(true);
    expect(canRead(org, doc({ accessLevel: 'members-and-observers' }), now)).toBe(true);
    expect(canRead(partner, doc({ accessLevel: 'members-and-observers' }), now)).toBe(false);
    expect(canRead(secretariat, doc({ accessLevel: 'restricted', addressedPartyIds: ['kz'] }), now)).toBe(true);
    expect(canRead(kz, doc({ accessLevel: 'restricted', addressedPartyIds: ['kz'] }), now)).toBe(true);
    expect(canRead(cn, doc({ accessLevel: 'restricted', addressedPartyIds: ['kz'] }), now)).toBe(false);
  });

  it('shows a draft only to its submitter and the Secretariat', () => {
    const d = doc({ status: 'draft', accessLevel: 'public', submittingPartyId: 'kz' });
    expect(canRead(kz, d, now)).toBe(true);
    expect(canRead(secretariat, d, now)).toBe(true);
    expect(canRead(cn, d, now)).toBe(false);
    expect(canRead(anonymousActor, d, now)).toBe(false);
  });

  it('derestricts by itself when the date comes', () => {
    const d = doc({ accessLevel: 'restricted', addressedPartyIds: ['kz'], derestrictAt: new Date('2026-06-01T00:00:00Z'), derestrictTo: 'public' });
    expect(effectiveAccess(d, now)).toBe('restricted');
    expect(canRead(anonymousActor, d, now)).toBe(false);
    const later = new Date('2026-06-01T00:00:00Z');
    expect(effectiveAccess(d, later)).toBe('public');
    expect(canRead(anonymousActor, d, later)).toBe(true);
  });

  it('checks access settings', () => {
    expect(checkAccessSetting('restricted', []).ok).toBe(false);
    expect(checkAccessSetting('members', ['kz']).ok).toBe(false);
    expect(checkAccessSetting('restricted', ['kz']).ok).toBe(true);
    expect(isWider('restricted', 'public')).toBe(true);
    expect(isWider('public', 'members')).toBe(false);
  });
});
