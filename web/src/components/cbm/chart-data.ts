import { scaleBand, scaleLinear, scaleQuantize } from 'd3-scale';
import { interpolateBlues } from 'd3-scale-chromatic';

/**
 * Pure data shaping and scales for the CBM dashboard's charts (no React, no DOM), so the geometry the
 * charts draw is tested on its own. Every layout takes `rtl`: x positions mirror for Arabic and Persian
 * while text anchors stay logical (`start`/`end` follow the inherited writing direction).
 */

/** A series (a CBM dimension) in a chart: its key, its name as the reader reads it, its fill and pattern. */
export interface Series {
  key: string;
  label: string;
}

/**
 * Fills for series, each dark enough for 3:1 against white (WCAG 1.4.11), and a pattern per series so
 * that no series is told apart by colour alone (the legend repeats fill and pattern).
 */
export const seriesFills = ['#0b4a7d', '#a3470b', '#116149', '#6b2c91', '#9f1239', '#4a5461'] as const;
export const seriesPatterns = ['solid', 'diagonal', 'dots', 'cross', 'horizontal', 'vertical'] as const;
export type SeriesPattern = (typeof seriesPatterns)[number];

export function seriesStyle(index: number): { fill: string; pattern: SeriesPattern } {
  return { fill: seriesFills[index % seriesFills.length], pattern: seriesPatterns[index % seriesPatterns.length] };
}

// ---------------------------------------------------------------------------------------------
// Events per year, stacked by dimension

export interface YearCount {
  year: number;
  series: string;
  count: number;
}

export interface StackSegment {
  series: string;
  count: number;
  /** Cumulative counts below and at the top of the segment. */
  from: number;
  to: number;
}

export interface StackedYear {
  year: number;
  total: number;
  segments: StackSegment[];
}

/**
 * Counts per year, stacked in the order of `series`; years listed in `years` appear even without
 * events (a year with none is a fact worth seeing), counts for unknown series or years are left out.
 */
export function stackByYear(rows: readonly YearCount[], years: readonly number[], series: readonly string[]): StackedYear[] {
  const counts = new Map<string, number>();
  for (const r of rows) {
    if (!years.includes(r.year) || !series.includes(r.series)) continue;
    const key = `${r.year}|${r.series}`;
    counts.set(key, (counts.get(key) ?? 0) + r.count);
  }
  return [...years]
    .sort((a, b) => a - b)
    .map((year) => {
      let at = 0;
      const segments: StackSegment[] = [];
      for (const s of series) {
        const count = counts.get(`${year}|${s}`) ?? 0;
        if (count > 0) segments.push({ series: s, count, from: at, to: at + count });
        at += count;
      }
      return { year, total: at, segments };
    });
}

/** The years from the first to the last one given (inclusive), so gaps show as empty bars. */
export function yearSpan(years: readonly number[]): number[] {
  if (years.length === 0) return [];
  const first = Math.min(...years);
  const last = Math.max(...years);
  return Array.from({ length: last - first + 1 }, (_, i) => first + i);
}

export interface BarGeometry {
  width: number;
  height: number;
  plot: { left: number; right: number; top: number; bottom: number };
  ticks: { value: number; y: number }[];
  bars: {
    year: number;
    total: number;
    x: number;
    width: number;
    /** Centre of the bar, for its labels. */
    cx: number;
    topY: number;
    rects: { series: string; count: number; y: number; height: number }[];
  }[];
  /** Where the value axis and its labels sit: the start side (left in LTR, right in RTL). */
  axisX: number;
}

export function barGeometry(stack: readonly StackedYear[], opts: { width: number; height: number; rtl: boolean; axisWidth?: number }): BarGeometry {
  const axisWidth = opts.axisWidth ?? 40;
  const margin = { top: 24, bottom: 32, outer: 8 };
  const left = opts.rtl ? margin.outer : axisWidth;
  const right = opts.rtl ? opts.width - axisWidth : opts.width - margin.outer;
  const top = margin.top;
  const bottom = opts.height - margin.bottom;
  const years = stack.map((s) => String(s.year));
  const x = scaleBand<string>()
    .domain(years)
    .range(opts.rtl ? [right, left] : [left, right])
    .paddingInner(0.3)
    .paddingOuter(0.2);
  const max = Math.max(1, ...stack.map((s) => s.total));
  const y = scaleLinear().domain([0, max]).nice().range([bottom, top]);
  const ticks = y
    .ticks(Math.min(5, y.domain()[1]))
    .filter((t) => Number.isInteger(t))
    .map((value) => ({ value, y: y(value) }));
  return {
    width: opts.width,
    height: opts.height,
    plot: { left, right, top, bottom },
    ticks,
    axisX: opts.rtl ? right : left,
    bars: stack.map((s) => {
      // A few years would make slabs of bars: keep them at most 96 wide, centred in their band.
      const bw = Math.min(x.bandwidth(), 96);
      const bx = (x(String(s.year)) ?? 0) + (x.bandwidth() - bw) / 2;
      return {
        year: s.year,
        total: s.total,
        x: bx,
        width: bw,
        cx: bx + bw / 2,
        topY: y(s.total),
        rects: s.segments.map((seg) => ({ series: seg.series, count: seg.count, y: y(seg.to), height: y(seg.from) - y(seg.to) })),
      };
    }),
  };
}

// ---------------------------------------------------------------------------------------------
// Participation: states × dimensions

export interface HeatCell {
  row: string;
  column: string;
  value: number;
  /** Out of how many (e.g. measures in the dimension); null when there is no natural maximum. */
  of: number | null;
}

/**
 * Five steps of the sequential blue scheme, picked so that every step carries text at 4.5:1 or better:
 * dark text on the three lightest, white on the two darkest (`heatTextIsLight`). The number is always
 * written in the cell, so the colour only repeats it.
 */
export const heatFills: readonly string[] = [0.04, 0.25, 0.5, 0.76, 0.95].map((t) => toHex(interpolateBlues(t)));
export const heatTextIsLight = (level: number): boolean => level >= 3;

/** `rgb(r, g, b)` (what d3 interpolators return) or `#rrggbb` as `#rrggbb`. */
export function toHex(colour: string): string {
  if (colour.startsWith('#')) return colour.toLowerCase();
  const m = colour.match(/\d+/g) ?? [];
  return `#${m
    .slice(0, 3)
    .map((n) => Number(n).toString(16).padStart(2, '0'))
    .join('')}`;
}

/** WCAG 2 contrast ratio between two `#rrggbb` colours. */
export function contrastRatio(a: string, b: string): number {
  const lum = (hex: string) => {
    const [r, g, bl] = [1, 3, 5].map((i) => {
      const v = Number.parseInt(hex.slice(i, i + 2), 16) / 255;
      return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r + 0.7152 * g + 0.0722 * bl;
  };
  const [hi, lo] = [lum(a), lum(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}

/** The step (0–4) of a share from 0 to 1; exactly 0 is step 0 and anything above is at least step 1. */
export function heatLevel(share: number): number {
  if (!(share > 0)) return 0;
  const q = scaleQuantize<number>().domain([0, 1]).range([1, 2, 3, 4]);
  return q(Math.min(1, share));
}

export function heatShare(cell: Pick<HeatCell, 'value' | 'of'>, max: number): number {
  const denominator = cell.of ?? max;
  return denominator > 0 ? cell.value / denominator : 0;
}

export interface HeatGeometry {
  width: number;
  height: number;
  columns: { key: string; x: number; cx: number }[];
  rows: { key: string; y: number; cy: number }[];
  cellWidth: number;
  cellHeight: number;
  /** x of the row labels' anchor (text-anchor "end": beside the grid on the start side). */
  labelX: number;
  headerY: number;
}

export function heatGeometry(rows: readonly string[], columns: readonly string[], opts: { width: number; rtl: boolean; labelWidth?: number; cellHeight?: number; headerHeight?: number }): HeatGeometry {
  const labelWidth = opts.labelWidth ?? 160;
  const cellHeight = opts.cellHeight ?? 28;
  const headerHeight = opts.headerHeight ?? 40;
  const gridStart = opts.rtl ? 0 : labelWidth;
  const gridEnd = opts.rtl ? opts.width - labelWidth : opts.width;
  const x = scaleBand<string>()
    .domain(columns)
    .range(opts.rtl ? [gridEnd, gridStart] : [gridStart, gridEnd])
    .paddingInner(0.06);
  const y = scaleBand<string>()
    .domain(rows)
    .range([headerHeight, headerHeight + rows.length * cellHeight])
    .paddingInner(0.1);
  return {
    width: opts.width,
    height: headerHeight + rows.length * cellHeight + 4,
    columns: columns.map((key) => ({ key, x: x(key) ?? 0, cx: (x(key) ?? 0) + x.bandwidth() / 2 })),
    rows: rows.map((key) => ({ key, y: y(key) ?? 0, cy: (y(key) ?? 0) + y.bandwidth() / 2 })),
    cellWidth: x.bandwidth(),
    cellHeight: y.bandwidth(),
    labelX: opts.rtl ? gridEnd + 8 : gridStart - 8,
    headerY: headerHeight - 12,
  };
}

// ---------------------------------------------------------------------------------------------
// Action-plan progress

export interface ProgressItem {
  key: string;
  label: string;
  percent: number;
}

/** A percentage clamped to 0–100, to one decimal (as the API averages it). */
export function clampPercent(p: number): number {
  if (!Number.isFinite(p)) return 0;
  return Math.round(Math.min(100, Math.max(0, p)) * 10) / 10;
}

export interface ProgressGeometry {
  width: number;
  height: number;
  rows: { key: string; percent: number; labelY: number; track: { x: number; y: number; width: number; height: number }; fill: { x: number; width: number }; valueX: number }[];
}

/**
 * One bar per item: its label above the track, the track across the width, the filled part growing from
 * the start side (right in RTL), the percentage written at the end side.
 */
export function progressGeometry(items: readonly ProgressItem[], opts: { width: number; rtl: boolean; valueWidth?: number }): ProgressGeometry {
  const valueWidth = opts.valueWidth ?? 56;
  const rowHeight = 48;
  const trackHeight = 16;
  const trackStart = opts.rtl ? valueWidth : 0;
  const trackEnd = opts.rtl ? opts.width : opts.width - valueWidth;
  const trackWidth = trackEnd - trackStart;
  const scale = scaleLinear().domain([0, 100]).range([0, trackWidth]);
  return {
    width: opts.width,
    height: Math.max(1, items.length * rowHeight),
    rows: items.map((item, i) => {
      const percent = clampPercent(item.percent);
      const filled = scale(percent);
      const top = i * rowHeight;
      return {
        key: item.key,
        percent,
        labelY: top + 16,
        track: { x: trackStart, y: top + 24, width: trackWidth, height: trackHeight },
        fill: { x: opts.rtl ? trackEnd - filled : trackStart, width: filled },
        valueX: opts.rtl ? valueWidth - 8 : trackEnd + 8,
      };
    }),
  };
}
