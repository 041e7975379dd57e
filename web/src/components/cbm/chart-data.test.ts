import { describe, expect, it } from 'vitest';
import {
  barGeometry,
  clampPercent,
  contrastRatio,
  heatFills,
  heatGeometry,
  heatLevel,
  heatShare,
  heatTextIsLight,
  progressGeometry,
  seriesFills,
  seriesStyle,
  stackByYear,
  toHex,
  yearSpan,
} from './chart-data.ts';

const dims = ['mil', 'nct', 'eco'];

describe('stackByYear', () => {
  it('stacks counts in series order, sums duplicates and keeps empty years', () => {
    const stack = stackByYear(
      [
        { year: 2024, series: 'nct', count: 2 },
        { year: 2024, series: 'mil', count: 1 },
        { year: 2024, series: 'nct', count: 1 },
        { year: 2026, series: 'eco', count: 4 },
      ],
      [2026, 2024, 2025],
      dims,
    );
    expect(stack.map((s) => s.year)).toEqual([2024, 2025, 2026]);
    expect(stack[0]).toEqual({
      year: 2024,
      total: 4,
      segments: [
        { series: 'mil', count: 1, from: 0, to: 1 },
        { series: 'nct', count: 3, from: 1, to: 4 },
      ],
    });
    expect(stack[1]).toEqual({ year: 2025, total: 0, segments: [] });
    expect(stack[2].segments).toEqual([{ series: 'eco', count: 4, from: 0, to: 4 }]);
  });

  it('leaves out unknown series and years', () => {
    const stack = stackByYear(
      [
        { year: 2024, series: 'other', count: 9 },
        { year: 1999, series: 'mil', count: 9 },
      ],
      [2024],
      dims,
    );
    expect(stack).toEqual([{ year: 2024, total: 0, segments: [] }]);
  });

  it('spans the years between the first and the last', () => {
    expect(yearSpan([2026, 2023])).toEqual([2023, 2024, 2025, 2026]);
    expect(yearSpan([])).toEqual([]);
  });
});

describe('barGeometry', () => {
  const stack = stackByYear(
    [
      { year: 2024, series: 'mil', count: 2 },
      { year: 2024, series: 'nct', count: 3 },
      { year: 2025, series: 'nct', count: 1 },
    ],
    [2024, 2025],
    dims,
  );

  it('draws segments whose heights are proportional to their counts and stack without gaps', () => {
    const g = barGeometry(stack, { width: 720, height: 300, rtl: false });
    const [b24, b25] = g.bars;
    const unit = b24.rects[0].height / 2;
    expect(b24.rects[1].height).toBeCloseTo(unit * 3);
    expect(b25.rects[0].height).toBeCloseTo(unit);
    // The second segment sits right on top of the first.
    expect(b24.rects[1].y + b24.rects[1].height).toBeCloseTo(b24.rects[0].y);
    expect(b24.rects[0].y + b24.rects[0].height).toBeCloseTo(g.plot.bottom);
    expect(b24.topY).toBeCloseTo(b24.rects[1].y);
  });

  it('puts years in reading order: left to right, and right to left when mirrored', () => {
    const ltr = barGeometry(stack, { width: 720, height: 300, rtl: false });
    const rtl = barGeometry(stack, { width: 720, height: 300, rtl: true });
    expect(ltr.bars[0].x).toBeLessThan(ltr.bars[1].x);
    expect(rtl.bars[0].x).toBeGreaterThan(rtl.bars[1].x);
    // Mirror images of each other.
    expect(rtl.bars[0].x + rtl.bars[0].width).toBeCloseTo(720 - ltr.bars[0].x);
    expect(ltr.axisX).toBeLessThan(360);
    expect(rtl.axisX).toBeGreaterThan(360);
  });

  it('has whole-number ticks from zero to at least the largest total', () => {
    const g = barGeometry(stack, { width: 720, height: 300, rtl: false });
    const values = g.ticks.map((t) => t.value);
    expect(values[0]).toBe(0);
    expect(Math.max(...values)).toBeGreaterThanOrEqual(5);
    expect(values.every(Number.isInteger)).toBe(true);
  });

  it('copes with no events at all', () => {
    const g = barGeometry(stackByYear([], [2025], dims), { width: 720, height: 300, rtl: false });
    expect(g.bars[0].rects).toEqual([]);
    expect(g.ticks.map((t) => t.value)).toEqual([0, 1]);
  });
});

describe('heat map', () => {
  it('gives zero its own step and shares above zero steps 1 to 4', () => {
    expect(heatLevel(0)).toBe(0);
    expect(heatLevel(0.01)).toBe(1);
    expect(heatLevel(0.25)).toBe(2);
    expect(heatLevel(0.5)).toBe(3);
    expect(heatLevel(1)).toBe(4);
    expect(heatLevel(3)).toBe(4);
    expect(heatLevel(Number.NaN)).toBe(0);
  });

  it('measures a cell against its own maximum when it has one, else against the largest value', () => {
    expect(heatShare({ value: 2, of: 4 }, 10)).toBe(0.5);
    expect(heatShare({ value: 2, of: null }, 8)).toBe(0.25);
    expect(heatShare({ value: 0, of: 0 }, 0)).toBe(0);
  });

  it('writes numbers at 4.5:1 or better on every step', () => {
    expect(heatFills).toHaveLength(5);
    heatFills.forEach((fill, level) => {
      const text = heatTextIsLight(level) ? '#ffffff' : '#1a1f26';
      expect(contrastRatio(fill, text), `step ${level} (${fill})`).toBeGreaterThanOrEqual(4.5);
    });
  });

  it('mirrors columns and moves row labels to the right in RTL', () => {
    const ltr = heatGeometry(['IN', 'KZ'], dims, { width: 720, rtl: false, labelWidth: 160 });
    const rtl = heatGeometry(['IN', 'KZ'], dims, { width: 720, rtl: true, labelWidth: 160 });
    expect(ltr.columns[0].x).toBeLessThan(ltr.columns[2].x);
    expect(rtl.columns[0].x).toBeGreaterThan(rtl.columns[2].x);
    expect(ltr.columns[0].x).toBeGreaterThanOrEqual(160);
    expect(rtl.columns[0].x + rtl.cellWidth).toBeLessThanOrEqual(560);
    expect(ltr.labelX).toBeLessThan(160);
    expect(rtl.labelX).toBeGreaterThan(560);
    expect(ltr.rows[0].y).toBeLessThan(ltr.rows[1].y);
    expect(ltr.height).toBeGreaterThan(ltr.rows[1].y + ltr.cellHeight);
  });
});

describe('progress bars', () => {
  it('clamps percentages and keeps one decimal', () => {
    expect(clampPercent(-5)).toBe(0);
    expect(clampPercent(33.44)).toBe(33.4);
    expect(clampPercent(92.5)).toBe(92.5);
    expect(clampPercent(140)).toBe(100);
    expect(clampPercent(Number.NaN)).toBe(0);
  });

  it('fills from the start side in proportion to the percentage', () => {
    const items = [
      { key: 'a', label: 'A', percent: 50 },
      { key: 'b', label: 'B', percent: 100 },
    ];
    const ltr = progressGeometry(items, { width: 720, rtl: false, valueWidth: 60 });
    const [a, b] = ltr.rows;
    expect(a.fill.x).toBe(a.track.x);
    expect(a.fill.width).toBeCloseTo(a.track.width / 2);
    expect(b.fill.width).toBeCloseTo(b.track.width);
    expect(b.track.y).toBeGreaterThan(a.track.y + a.track.height);
    const rtl = progressGeometry(items, { width: 720, rtl: true, valueWidth: 60 });
    // The filled part ends at the right edge of the track in RTL.
    expect(rtl.rows[0].fill.x + rtl.rows[0].fill.width).toBeCloseTo(rtl.rows[0].track.x + rtl.rows[0].track.width);
    expect(rtl.rows[0].valueX).toBeLessThan(60);
  });
});

describe('series styles', () => {
  it('pairs every fill with a different pattern, each fill at 3:1 or better on white', () => {
    const patterns = seriesFills.map((_, i) => seriesStyle(i).pattern);
    expect(new Set(patterns).size).toBe(seriesFills.length);
    for (const fill of seriesFills) expect(contrastRatio(fill, '#ffffff')).toBeGreaterThanOrEqual(3);
  });

  it('reads colours in either notation', () => {
    expect(toHex('rgb(8, 61, 126)')).toBe('#083d7e');
    expect(toHex('#ABCDEF')).toBe('#abcdef');
  });
});
