import countries from 'i18n-iso-countries';
import { describe, expect, it } from 'vitest';
import {
  cicaBodies,
  cicaCbmDimensions,
  cicaChairmanships,
  cicaDocumentTimeline,
  cicaParties,
  cicaProfile,
  cicaSecretariatHeads,
} from './cica.data.ts';
import { currentStatus, earliestDay, isPartialDate, latestDay, resolveChairTerms, statusOn } from './membership.ts';
import type { PartyKind } from './registry.types.ts';

const ofKind = (kind: PartyKind) => cicaParties.filter((p) => p.kind === kind);
const party = (code: string) => {
  const p = cicaParties.find((x) => x.code === code);
  if (!p) throw new Error(`no party ${code}`);
  return p;
};

describe('CICA profile', () => {
  it('names the forum in every required language', () => {
    for (const lang of ['en', 'ru', 'zh', 'vi', 'ar', 'fa', 'kk', 'tr']) {
      expect(cicaProfile.name[lang], lang).toBeTruthy();
      expect(cicaProfile.abbreviation[lang], lang).toBeTruthy();
    }
  });

  it('uses a time zone that is UTC+5 since Kazakhstan unified its time on 2024-03-01', () => {
    const offset = (iso: string) =>
      new Intl.DateTimeFormat('en', { timeZone: cicaProfile.timeZone, timeZoneName: 'shortOffset' })
        .formatToParts(new Date(iso))
        .find((p) => p.type === 'timeZoneName')?.value;
    expect(offset('2024-06-01T12:00:00Z')).toBe('GMT+5');
    expect(offset('2023-06-01T12:00:00Z')).toBe('GMT+6');
  });

  it('lists as uncertain only fields the profile has', () => {
    for (const path of cicaProfile.uncertain) {
      const value = path.split('.').reduce<unknown>((o, k) => (o as Record<string, unknown> | undefined)?.[k], cicaProfile);
      expect(value, path).not.toBeUndefined();
    }
  });
});

describe('CICA parties', () => {
  it('has 28 member states, 10 observer states, 5 observer organisations and one Secretariat', () => {
    expect(ofKind('member-state')).toHaveLength(28);
    expect(ofKind('observer-state')).toHaveLength(10);
    expect(ofKind('observer-organization').map((p) => p.code).sort()).toEqual(['IOM', 'LAS', 'OSCE', 'TURKPA', 'UN']);
    expect(ofKind('secretariat').map((p) => p.code)).toEqual(['SEC']);
    expect(ofKind('partner-organization').map((p) => p.code).sort()).toEqual(
      ['APK', 'ECO', 'EEC', 'EURASEC', 'SCO', 'SCO-RATS', 'UNODC'].sort(),
    );
  });

  it('has unique codes', () => {
    const codes = cicaParties.map((p) => p.code);
    expect(new Set(codes).size).toBe(codes.length);
  });

  it('codes every state with a valid ISO 3166-1 alpha-2 code', () => {
    for (const p of [...ofKind('member-state'), ...ofKind('observer-state')]) {
      expect(p.code, p.code).toMatch(/^[A-Z]{2}$/);
      expect(countries.isValid(p.code), p.code).toBe(true);
      expect(p.names, `${p.code} takes its name from i18n-iso-countries`).toBeUndefined();
    }
  });

  it('names every organisation in English and Russian', () => {
    for (const p of cicaParties.filter((x) => !x.kind.endsWith('-state'))) {
      expect(p.names?.en, p.code).toBeTruthy();
      expect(p.names?.ru, p.code).toBeTruthy();
    }
  });

  it('writes every date as YYYY, YYYY-MM or YYYY-MM-DD with starts before ends', () => {
    for (const p of cicaParties) {
      for (const h of p.history) {
        for (const d of [h.from, h.knownBy, h.to]) if (d != null) expect(isPartialDate(d), `${p.code} ${d}`).toBe(true);
        const start = h.from ?? h.knownBy;
        if (start != null && h.to !== undefined) expect(earliestDay(start) <= latestDay(h.to), p.code).toBe(true);
      }
    }
  });

  it('gives each party a current status matching its kind', () => {
    const expected: Record<PartyKind, string | null> = {
      'member-state': 'member',
      'observer-state': 'observer',
      'observer-organization': 'observer',
      'partner-organization': 'partner',
      secretariat: null,
    };
    for (const p of cicaParties.filter((x) => x.code !== 'EURASEC')) {
      expect(currentStatus(p), p.code).toBe(expected[p.kind]);
    }
    // EurAsEC was dissolved at the end of 2014; its partnership is closed.
    expect(currentStatus(party('EURASEC'))).toBeNull();
  });

  it('dates every member state so it counts as a member today', () => {
    for (const p of ofKind('member-state')) expect(statusOn(p, '2025-06-01'), p.code).toBe('member');
    for (const p of ofKind('observer-state')) expect(statusOn(p, '2025-06-01'), p.code).toBe('observer');
  });

  it('has Sri Lanka as an observer in 2012 and a member from 2018-08-15', () => {
    const lk = party('LK');
    expect(statusOn(lk, '2011-12-31')).toBeNull();
    expect(statusOn(lk, '2012-06-01')).toBe('observer');
    expect(statusOn(lk, '2018-08-14')).toBe('observer');
    expect(statusOn(lk, '2018-08-15')).toBe('member');
    expect(statusOn(lk, '2024-01-01')).toBe('member');
  });

  it('has Kuwait joining in Oct 2022 and Saudi Arabia observing from Dec 2023', () => {
    expect(statusOn(party('KW'), '2022-09-30')).toBeNull();
    expect(statusOn(party('KW'), '2022-10-13')).toBe('member');
    expect(statusOn(party('SA'), '2023-11-30')).toBeNull();
    expect(statusOn(party('SA'), '2023-12-31')).toBe('observer');
  });

  it('marks every undated status as uncertain', () => {
    for (const p of cicaParties) {
      for (const h of p.history) if (h.from === null) expect(h.uncertain, p.code).toBeTruthy();
    }
  });
});

describe('CICA bodies', () => {
  it('has unique codes', () => {
    const codes = cicaBodies.map((b) => b.code);
    expect(new Set(codes).size).toBe(codes.length);
  });

  it('reports only to bodies that exist, without cycles', () => {
    const byCode = new Map(cicaBodies.map((b) => [b.code, b]));
    for (const b of cicaBodies) {
      if (b.reportsTo !== undefined) expect(byCode.has(b.reportsTo), `${b.code} -> ${b.reportsTo}`).toBe(true);
      const seen = new Set<string>();
      for (let at: string | undefined = b.code; at !== undefined; at = byCode.get(at)?.reportsTo) {
        expect(seen.has(at), `cycle through ${at}`).toBe(false);
        seen.add(at);
      }
    }
  });

  it('keeps the pre-2022 names of the Summit and the Ministerial Meeting', () => {
    const chs = cicaBodies.find((b) => b.code === 'CHS')!;
    const mc = cicaBodies.find((b) => b.code === 'MC')!;
    expect(chs.historicNames).toEqual([expect.objectContaining({ until: '2022-10-13' })]);
    expect(chs.historicNames[0]!.names.en).toBe('Summit');
    expect(mc.historicNames[0]!.names.en).toBe('Ministerial Meeting');
    expect(mc.names.en).toBe('Ministerial Council');
  });

  it('gives every body a cycle or a frequency description', () => {
    for (const b of cicaBodies) expect(b.frequency.en, b.code).toBeTruthy();
  });
});

describe('CICA chairmanships', () => {
  it('are consistent: each stated end leaves room for the next start', () => {
    const resolved = resolveChairTerms(cicaChairmanships);
    for (let i = 1; i < resolved.length; i++) {
      const prev = resolved[i - 1]!.term;
      const next = resolved[i]!.term;
      // The earliest reading of the outgoing end must not fall after the latest reading of the next start.
      if (prev.end !== undefined) expect(earliestDay(prev.end) <= latestDay(next.start), `${prev.party} -> ${next.party}`).toBe(true);
    }
  });

  it('do not overlap once partial dates are resolved', () => {
    const resolved = resolveChairTerms(cicaChairmanships);
    for (let i = 0; i < resolved.length; i++) {
      const r = resolved[i]!;
      if (r.lastDay !== null) expect(r.firstDay <= r.lastDay, r.term.party).toBe(true);
      const next = resolved[i + 1];
      if (next) expect(r.lastDay !== null && r.lastDay < next.firstDay, `${r.term.party} overlaps ${next.term.party}`).toBe(true);
    }
  });

  it('are held by member states', () => {
    for (const t of cicaChairmanships) expect(party(t.party).kind, t.party).toBe('member-state');
  });
});

describe('CICA Secretariat heads', () => {
  it('record the Executive Director becoming Secretary General on 2022-10-13', () => {
    const sarybay = cicaSecretariatHeads.filter((h) => h.name === 'Kairat Sarybay');
    expect(sarybay.map((h) => h.title.en)).toEqual(['Executive Director', 'Secretary General']);
    expect(sarybay[1]!.start).toBe('2022-10-13');
  });

  it('give nationalities as party codes', () => {
    for (const h of cicaSecretariatHeads) if (h.nationality !== null) expect(party(h.nationality).kind).toBe('member-state');
  });
});

describe('CICA CBM dimensions', () => {
  it('has the five dimensions', () => {
    expect(cicaCbmDimensions.map((d) => d.code)).toEqual(['MP', 'NCT', 'ECO', 'ENV', 'HUM']);
  });

  it('numbers areas uniquely within their dimension', () => {
    for (const d of cicaCbmDimensions) {
      for (const [i, a] of d.areas.entries()) expect(a.ref).toBe(`${d.code}.${i + 1}`);
    }
  });

  it('has eight economic areas', () => {
    expect(cicaCbmDimensions.find((d) => d.code === 'ECO')!.areas).toHaveLength(8);
  });

  it('adds epidemiological safety and ICT security only in the 2021 Catalogue', () => {
    const added = cicaCbmDimensions.flatMap((d) => d.areas).filter((a) => !a.catalogues.includes('2004'));
    expect(added.map((a) => a.names.en)).toEqual(['Epidemiological safety and public health', 'Security in the use of ICTs']);
    for (const a of cicaCbmDimensions.flatMap((d) => d.areas)) expect(a.catalogues).toContain('2021');
  });

  it('names only member states as coordinators, for areas that exist', () => {
    for (const d of cicaCbmDimensions) {
      const refs = new Set(d.areas.map((a) => a.ref));
      for (const c of d.coordination) {
        expect(party(c.party).kind, `${d.code} ${c.party}`).toBe('member-state');
        if (c.area !== undefined) expect(refs.has(c.area), c.area).toBe(true);
      }
    }
  });
});

describe('CICA document timeline', () => {
  it('is in date order with valid dates and bodies', () => {
    const bodies = new Set(cicaBodies.map((b) => b.code));
    let previous = '';
    for (const e of cicaDocumentTimeline) {
      expect(isPartialDate(e.date), e.date).toBe(true);
      expect(earliestDay(e.date) >= previous, e.date).toBe(true);
      previous = earliestDay(e.date);
      if (e.body !== undefined) expect(bodies.has(e.body), e.body).toBe(true);
    }
  });
});
