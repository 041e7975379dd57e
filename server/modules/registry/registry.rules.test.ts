import { describe, expect, it } from 'vitest';
import { namesOn, renameBody, wouldCycle } from './body.ts';
import { cicaBodies, cicaCbmDimensions, cicaChairmanships, cicaParties } from './cica.data.ts';
import { canMoveBid, chairTermConflict, dayIn } from './chairmanship.ts';
import { kindForStatus, periodProblem, planStatusChange, type StoredPeriod, stateNames, statusOfKind, UI_LANGUAGES } from './party.ts';
import { participantsFromCbm } from './registry.facts.ts';

describe('state names', () => {
  it('names every CICA state in all eight UI languages, official and short', () => {
    for (const p of cicaParties.filter((x) => x.kind.endsWith('-state'))) {
      const { names, shortNames } = stateNames(p.code);
      for (const lang of UI_LANGUAGES) {
        expect(names[lang], `${p.code} ${lang}`).toBeTruthy();
        expect(shortNames[lang], `${p.code} ${lang}`).toBeTruthy();
      }
    }
  });

  it('uses the everyday short form where the official one is long', () => {
    expect(stateNames('RU').names.en).toBe('Russian Federation');
    expect(stateNames('RU').shortNames.en).toBe('Russia');
    expect(stateNames('CN').shortNames.en).toBe('China');
    expect(stateNames('TR').shortNames.en).toBe('Türkiye');
  });

  it('corrects entries unfit for a forum of states (Palestine is a state, not "territories")', () => {
    expect(stateNames('PS').names.tr).toBe('Filistin Devleti');
    expect(stateNames('PS').names.vi).toBe('Nhà nước Palestine');
    expect(stateNames('CN').names.ru).toBe('Китайская Народная Республика');
    expect(stateNames('MY').names.vi).toBe('Malaysia');
  });

  it('refuses a code that is not a country', () => {
    expect(() => stateNames('XX')).toThrow(RangeError);
  });
});

describe('status changes', () => {
  const lk: StoredPeriod[] = [{ id: 'p1', status: 'observer', from: '2012', knownBy: null, to: null }];

  it('closes the open period on the day the new one starts, and the kind follows', () => {
    const plan = planStatusChange('observer-state', lk, 'member', '2018-08-15');
    expect(plan).toEqual({ ok: true, close: { id: 'p1', to: '2018-08-15' }, kind: 'member-state' });
  });

  it("ends a status with 'none' and keeps the kind", () => {
    expect(planStatusChange('observer-state', lk, 'none', '2020')).toEqual({ ok: true, close: { id: 'p1', to: '2020' }, kind: 'observer-state' });
  });

  it('refuses a start before the current status began, no change, and statuses that do not fit', () => {
    const fail = (p: ReturnType<typeof planStatusChange>) => (p.ok ? null : p.problem.code);
    expect(fail(planStatusChange('observer-state', lk, 'member', '2011'))).toBe('registry.status_before_current');
    expect(fail(planStatusChange('observer-state', lk, 'observer', '2015'))).toBe('registry.status_unchanged');
    expect(fail(planStatusChange('observer-state', lk, 'partner', '2015'))).toBe('registry.status_not_for_kind');
    expect(fail(planStatusChange('observer-organization', [], 'member', '2015'))).toBe('registry.status_not_for_kind');
    expect(fail(planStatusChange('secretariat', [], 'member', '2015'))).toBe('registry.secretariat_has_no_status');
    expect(fail(planStatusChange('observer-state', lk, 'member', '2018-02-30'))).toBe('registry.bad_date');
  });

  it('maps kinds and statuses both ways', () => {
    expect(kindForStatus('member-state', 'observer')).toBe('observer-state');
    expect(kindForStatus('partner-organization', 'observer')).toBe('observer-organization');
    expect(kindForStatus('member-state', 'partner')).toBeNull();
    expect(statusOfKind('partner-organization')).toBe('partner');
    expect(statusOfKind('secretariat')).toBeNull();
  });

  it('checks end against start at the widest reading of partial dates', () => {
    expect(periodProblem('2010', '2010-03')).toBeNull();
    expect(periodProblem('2010-06', '2010-05')?.code).toBe('registry.end_before_start');
    expect(periodProblem('2010-06', '2009')?.field).toBe('to');
  });
});

describe('chair terms', () => {
  const cica = cicaChairmanships.map((t, i) => ({ id: String(i), start: t.start, end: t.end ?? null }));

  it('accepts the CICA history as it stands (overlaps there are only imprecision)', () => {
    for (const t of cica) expect(chairTermConflict(cica, t), t.start).toBeNull();
  });

  it('refuses a term inside another, one starting the same day, and one running into the next', () => {
    expect(chairTermConflict(cica, { start: '2025-03-01', end: '2025-12-31' })?.problem.code).toBe('registry.chair_terms_overlap');
    expect(chairTermConflict(cica, { start: '2024-12-17', end: '2026' })?.problem.code).toBe('registry.chair_terms_overlap');
    expect(chairTermConflict(cica, { start: '2023-01-01', end: '2025' })?.problem.code).toBe('registry.chair_terms_overlap');
  });

  it('accepts the next term after the current one, and flags end before start', () => {
    expect(chairTermConflict(cica, { start: '2026-10-01', end: '2028' })).toBeNull();
    expect(chairTermConflict(cica, { start: '2028', end: '2027' })?.problem.code).toBe('registry.end_before_start');
  });

  it('reads "today" at the seat, not in UTC', () => {
    // 20:30 UTC on 31 Dec is already 1 Jan in Astana (UTC+5).
    expect(dayIn(new Date('2025-12-31T20:30:00Z'), 'Asia/Almaty')).toBe('2026-01-01');
    expect(dayIn(new Date('2025-12-31T20:30:00Z'), 'UTC')).toBe('2025-12-31');
  });

  it('moves bids only forward', () => {
    expect(canMoveBid('submitted', 'withdrawn')).toBe(true);
    expect(canMoveBid('submitted', 'accepted')).toBe(false);
    expect(canMoveBid('recommended', 'accepted')).toBe(true);
    expect(canMoveBid('withdrawn', 'submitted')).toBe(false);
  });
});

describe('bodies', () => {
  const links = cicaBodies.map((b) => ({ code: b.code, reportsTo: b.reportsTo ?? null }));

  it('keeps the reporting lines a tree', () => {
    expect(wouldCycle(links, 'SWG', 'SOC')).toBe(false);
    expect(wouldCycle(links, 'MC', 'SWG')).toBe(true);
    expect(wouldCycle(links, 'SOC', 'SOC')).toBe(true);
  });

  it('keeps old names on a rename and answers which name held on a day', () => {
    const chs = cicaBodies.find((b) => b.code === 'CHS')!;
    expect(namesOn(chs.names, chs.historicNames, '2019-06-15').en).toBe('Summit');
    expect(namesOn(chs.names, chs.historicNames, '2022-10-13').en).toBe('Council of Heads of State or Government');
    const renamed = renameBody({ en: 'New' }, [], '2030-01-01');
    expect(renamed).toEqual([{ names: { en: 'New' }, until: '2030-01-01' }]);
  });

  it('derives experts-meeting coordinators from the CBM catalogue', () => {
    const list = participantsFromCbm('EM', cicaCbmDimensions);
    expect(list).toContainEqual({ body: 'EM', party: 'IN', role: 'coordinator', scope: 'NCT.1' });
    expect(list).toContainEqual({ body: 'EM', party: 'KZ', role: 'coordinator', scope: 'MP' });
    expect(list.every((p) => cicaParties.some((x) => x.code === p.party))).toBe(true);
  });
});
