import { describe, expect, it } from 'vitest';
import { averagePercent, checkApprovalStep, declarationInForce, inOffice, inOfficeDuringYear, nextApprovalStep, reportDueOn } from './cbm.ts';
import { barChart, heatMap } from './cbm.report.ts';

describe('terms in office', () => {
  it('covers the first and last day, open ends, and nothing outside', () => {
    const t = { from: '2024-12-17', to: '2026-12-16' };
    expect(inOffice(t, '2024-12-16')).toBe(false);
    expect(inOffice(t, '2024-12-17')).toBe(true);
    expect(inOffice(t, '2026-12-16')).toBe(true);
    expect(inOffice(t, '2026-12-17')).toBe(false);
    expect(inOffice({ from: null, to: null }, '1999-01-01')).toBe(true);
    expect(inOfficeDuringYear(t, 2024)).toBe(true);
    expect(inOfficeDuringYear(t, 2027)).toBe(false);
  });
  it('a declaration applies from `since` up to the day before `withdrawn`', () => {
    expect(declarationInForce({ since: '2020-01-01', withdrawn: '2021-01-01' }, '2020-12-31')).toBe(true);
    expect(declarationInForce({ since: '2020-01-01', withdrawn: '2021-01-01' }, '2021-01-01')).toBe(false);
    expect(declarationInForce({ since: '2020-01-01', withdrawn: null }, '2019-12-31')).toBe(false);
  });
});

describe('the approval path', () => {
  it('goes experts meeting → SWG → SOC, never skipping or repeating', () => {
    expect(nextApprovalStep('draft')).toBe('experts-meeting');
    expect(checkApprovalStep('draft', 'swg', false)).toMatchObject({ ok: false, code: 'cbm.step_out_of_order' });
    expect(checkApprovalStep('draft', 'soc-approved', true)).toMatchObject({ ok: false, code: 'cbm.step_out_of_order' });
    expect(checkApprovalStep('experts-meeting', 'swg', false)).toEqual({ ok: true });
    expect(checkApprovalStep('swg', 'soc-approved', false)).toMatchObject({ ok: false, code: 'cbm.decision_required' });
    expect(checkApprovalStep('swg', 'soc-approved', true)).toEqual({ ok: true });
    expect(checkApprovalStep('soc-approved', 'soc-approved', true)).toMatchObject({ ok: false, code: 'cbm.plan_already_approved' });
  });
});

describe('figures', () => {
  it('averages progress over activities that are not cancelled', () => {
    expect(averagePercent([])).toBeNull();
    expect(averagePercent([{ status: 'completed', percent_done: 100 }, { status: 'in-progress', percent_done: 40 }, { status: 'cancelled', percent_done: 0 }])).toBe(70);
    expect(reportDueOn(2025)).toBe('2026-01-31');
  });
  it('draws charts as SVG with escaped text and the numbers written out', () => {
    const svg = barChart('Events <2025>', [{ label: 'A&B', value: 3 }]);
    expect(svg).toContain('Events &lt;2025&gt;');
    expect(svg).toContain('A&amp;B');
    expect(svg).not.toContain('<script');
    const heat = heatMap('Heat', ['KZ'], ['MP', 'NCT'], (_r, c) => (c === 'MP' ? 2 : 0));
    expect(heat.match(/<rect /g)?.length).toBe(2);
    expect(heat).toContain('KZ × MP: 2');
  });
});

describe('catalogue names in every interface language', () => {
  it('gives every dimension and priority area of the CICA facts a name in all 8 languages, keeping the facts’ en/ru', async () => {
    const { cicaCbmDimensions } = await import('../registry/cica.data.ts');
    const { catalogueLanguages, measureText, withTranslations } = await import('./cbm.names.ts');
    for (const d of cicaCbmDimensions) {
      for (const [code, names] of [[d.code, d.names], ...d.areas.map((a) => [a.ref, a.names] as const)] as const) {
        const merged = withTranslations(code, { ...names });
        expect(Object.keys(merged).sort(), code).toEqual([...catalogueLanguages].sort());
        for (const lang of catalogueLanguages) expect(merged[lang]?.trim(), `${code} ${lang}`).toBeTruthy();
        expect(merged.en).toBe(names.en);
        expect(merged.ru).toBe(names.ru);
        // Not English copied: every translation differs from the English name.
        for (const lang of ['zh', 'ar', 'fa', 'kk', 'ru'] as const) expect(merged[lang], `${code} ${lang}`).not.toBe(merged.en);
        expect(Object.keys(measureText(merged)).sort()).toEqual([...catalogueLanguages].sort());
      }
    }
  });
});
