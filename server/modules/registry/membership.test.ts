import { describe, expect, it } from 'vitest';
import { cicaChairmanships, cicaParties } from './cica.data.ts';
import {
  chairOn,
  currentStatus,
  earliestDay,
  isPartialDate,
  latestDay,
  partiesWithStatusOn,
  resolveChairTerms,
  statusOn,
} from './membership.ts';
import type { ChairTerm, PartyFacts } from './registry.types.ts';

const FOUNDERS = ['AF', 'AZ', 'CN', 'EG', 'IN', 'IR', 'IL', 'KZ', 'KG', 'MN', 'PK', 'PS', 'RU', 'TJ', 'TR', 'UZ'];

const codes = (parties: readonly PartyFacts[]) => parties.map((p) => p.code).sort();

describe('partial dates', () => {
  it('accepts YYYY, YYYY-MM and real YYYY-MM-DD only', () => {
    for (const ok of ['1999', '2010-06', '2024-02-29']) expect(isPartialDate(ok), ok).toBe(true);
    for (const bad of ['99', '2010-13', '2023-02-29', '2010-6', '2010-06-1', '2010/06', '']) {
      expect(isPartialDate(bad), bad).toBe(false);
    }
  });

  it('widens to the first and last day they can mean', () => {
    expect(earliestDay('2010')).toBe('2010-01-01');
    expect(latestDay('2010')).toBe('2010-12-31');
    expect(earliestDay('2024-02')).toBe('2024-02-01');
    expect(latestDay('2024-02')).toBe('2024-02-29');
    expect(latestDay('2023-02')).toBe('2023-02-28');
    expect(latestDay('2018-08-15')).toBe('2018-08-15');
  });

  it('rejects malformed input rather than guessing', () => {
    expect(() => earliestDay('2010-13')).toThrow(RangeError);
    expect(() => statusOn(cicaParties[0]!, '2010')).toThrow(RangeError);
    expect(() => chairOn(cicaChairmanships, '2016-05-01T10:00:00Z')).toThrow(RangeError);
  });
});

describe('statusOn', () => {
  const p = (history: PartyFacts['history']): PartyFacts => ({ code: 'XX', kind: 'member-state', history });

  it("reads a 'YYYY' start as 1 January and a 'YYYY' end as 31 December", () => {
    const x = p([{ status: 'observer', from: '2012', to: '2014' }]);
    expect(statusOn(x, '2011-12-31')).toBeNull();
    expect(statusOn(x, '2012-01-01')).toBe('observer');
    expect(statusOn(x, '2014-12-31')).toBe('observer');
    expect(statusOn(x, '2015-01-01')).toBeNull();
  });

  it('lets the later-starting period win where two overlap', () => {
    const x = p([
      { status: 'observer', from: '2012', to: '2018' },
      { status: 'member', from: '2018-08-15' },
    ]);
    expect(statusOn(x, '2018-08-14')).toBe('observer');
    expect(statusOn(x, '2018-08-15')).toBe('member');
    expect(statusOn(x, '2018-12-31')).toBe('member');
  });

  it('counts an undated period from its knownBy date, and not at all without one', () => {
    expect(statusOn(p([{ status: 'observer', from: null, knownBy: '2023-12' }]), '2023-12-30')).toBeNull();
    expect(statusOn(p([{ status: 'observer', from: null, knownBy: '2023-12' }]), '2023-12-31')).toBe('observer');
    const undated = p([{ status: 'partner', from: null }]);
    expect(statusOn(undated, '2030-01-01')).toBeNull();
    expect(currentStatus(undated)).toBe('partner');
  });

  it('gives the founders plus Thailand, Korea, Jordan and the UAE as members on 2010-01-01', () => {
    expect(codes(partiesWithStatusOn(cicaParties, 'member', '2010-01-01'))).toEqual(
      [...FOUNDERS, 'TH', 'KR', 'JO', 'AE'].sort(),
    );
  });

  it('gives only the founders as members on the day of the 1st Ministerial, and none the day before', () => {
    expect(codes(partiesWithStatusOn(cicaParties, 'member', '1999-09-14'))).toEqual([...FOUNDERS].sort());
    expect(partiesWithStatusOn(cicaParties, 'member', '1999-09-13')).toEqual([]);
  });

  it('gives 27 members before Kuwait joined and 28 after', () => {
    expect(partiesWithStatusOn(cicaParties, 'member', '2022-09-30')).toHaveLength(27);
    expect(partiesWithStatusOn(cicaParties, 'member', '2022-10-31')).toHaveLength(28);
  });

  it('gives the Secretariat no status', () => {
    const sec = cicaParties.find((x) => x.code === 'SEC')!;
    expect(statusOn(sec, '2025-01-01')).toBeNull();
  });
});

describe('chairOn', () => {
  const chair = (isoDate: string) => chairOn(cicaChairmanships, isoDate)?.party ?? null;

  it('finds the chair of CICA on given days', () => {
    expect(chair('1999-09-13')).toBeNull();
    expect(chair('2005-01-01')).toBe('KZ');
    expect(chair('2012-01-01')).toBe('TR');
    expect(chair('2016-05-01')).toBe('CN');
    expect(chair('2019-06-15')).toBe('TJ');
    expect(chair('2022-10-13')).toBe('KZ');
    expect(chair('2025-06-01')).toBe('AZ');
  });

  it('ends a term given as a year the day before the next term starts', () => {
    expect(chair('2024-12-16')).toBe('KZ');
    expect(chair('2024-12-17')).toBe('AZ');
    expect(chair('2020-09-23')).toBe('TJ');
    expect(chair('2020-09-24')).toBe('KZ');
  });

  it('runs the last term to the end of its stated year and then knows no chair', () => {
    expect(chair('2026-12-31')).toBe('AZ');
    expect(chair('2027-01-01')).toBeNull();
  });

  it('leaves a gap where a term ends before the next begins', () => {
    const terms: ChairTerm[] = [
      { party: 'AA', start: '2000', end: '2001-06', howDecided: 'test' },
      { party: 'BB', start: '2002', howDecided: 'test' },
    ];
    expect(chairOn(terms, '2001-06-30')?.party).toBe('AA');
    expect(chairOn(terms, '2001-07-01')).toBeNull();
    expect(chairOn(terms, '2040-01-01')?.party).toBe('BB');
    expect(resolveChairTerms(terms).map((r) => r.lastDay)).toEqual(['2001-06-30', null]);
  });

  it('does not depend on the order the terms are listed in', () => {
    const shuffled = [...cicaChairmanships].reverse();
    expect(chairOn(shuffled, '2016-05-01')?.party).toBe('CN');
  });
});
