import { type ReactNode, useId } from 'react';
import { useIntl } from 'react-intl';
import { isLocaleCode, localeInfo } from '../../i18n/locales.ts';
import {
  barGeometry,
  type HeatCell,
  heatFills,
  heatGeometry,
  heatLevel,
  heatShare,
  heatTextIsLight,
  type ProgressItem,
  progressGeometry,
  type Series,
  type SeriesPattern,
  type StackedYear,
  seriesStyle,
} from './chart-data.ts';
import './charts.css';

/**
 * The CBM dashboard's charts: SVG drawn from d3 scales, each with a <title> and <desc>, a table with
 * the same figures for screen readers (visually hidden), fills paired with patterns and numbers written
 * on the chart so colour never carries meaning alone, and x positions mirrored in Arabic and Persian.
 * No style attributes (the CSP forbids them): presentation attributes and classes only.
 */

export function useIsRtl(): boolean {
  const { locale } = useIntl();
  const code = locale.split('-')[0];
  return isLocaleCode(code) && localeInfo(code).dir === 'rtl';
}

/** A document-unique id usable inside url(#…) references. */
function useSvgId(): string {
  return `c${useId().replace(/[^a-zA-Z0-9_-]/g, '')}`;
}

function PatternDef({ id, fill, pattern }: { id: string; fill: string; pattern: SeriesPattern }) {
  return (
    <pattern id={id} patternUnits="userSpaceOnUse" width="8" height="8">
      <rect width="8" height="8" fill={fill} />
      {pattern === 'diagonal' ? <path d="M-2,2 l4,-4 M0,8 l8,-8 M6,10 l4,-4" stroke="#ffffff" strokeWidth="1.5" /> : null}
      {pattern === 'dots' ? <circle cx="4" cy="4" r="1.6" fill="#ffffff" /> : null}
      {pattern === 'cross' ? <path d="M0,0 l8,8 M8,0 l-8,8" stroke="#ffffff" strokeWidth="1.2" /> : null}
      {pattern === 'horizontal' ? <path d="M0,4 h8" stroke="#ffffff" strokeWidth="1.5" /> : null}
      {pattern === 'vertical' ? <path d="M4,0 v8" stroke="#ffffff" strokeWidth="1.5" /> : null}
    </pattern>
  );
}

/** Fill for series number `index`: a plain colour for the first, a patterned one for the others. */
function fillRef(prefix: string, index: number): string {
  const style = seriesStyle(index);
  return style.pattern === 'solid' ? style.fill : `url(#${prefix}-p${index})`;
}

function SeriesDefs({ prefix, count }: { prefix: string; count: number }) {
  return (
    <defs>
      {Array.from({ length: count }, (_, i) => {
        const style = seriesStyle(i);
        return style.pattern === 'solid' ? null : <PatternDef key={style.pattern} id={`${prefix}-p${i}`} fill={style.fill} pattern={style.pattern} />;
      })}
    </defs>
  );
}

/** The legend: a swatch with each series' fill and pattern, and its name. */
function Legend({ series, label }: { series: readonly Series[]; label: string }) {
  const prefix = useSvgId();
  return (
    <ul className="chart-legend" aria-label={label}>
      {series.map((s, i) => (
        <li key={s.key}>
          <svg className="chart-legend__swatch" viewBox="0 0 16 16" aria-hidden="true" focusable="false">
            <SeriesDefs prefix={prefix} count={series.length} />
            <rect x="0.5" y="0.5" width="15" height="15" fill={fillRef(prefix, i)} stroke="#1a1f26" strokeWidth="1" />
          </svg>
          <span>{s.label}</span>
        </li>
      ))}
    </ul>
  );
}

/** A figure: the visible heading, the SVG (named by its <title>, described by its <desc>), the hidden table. */
function ChartFigure(props: { heading: ReactNode; headingLevel: 2 | 3; className: string; children: ReactNode; after?: ReactNode; table: ReactNode }) {
  const Heading = props.headingLevel === 2 ? 'h2' : 'h3';
  return (
    <figure className={`chart ${props.className}`}>
      <figcaption>
        <Heading className="chart__heading">{props.heading}</Heading>
      </figcaption>
      {props.children}
      {props.after}
      {props.table}
    </figure>
  );
}

function wrapLabel(label: string, maxChars: number): string[] {
  if (label.length <= maxChars) return [label];
  const words = label.split(/\s+/);
  if (words.length === 1) return [label];
  // Two lines as even as possible.
  let best: [string, string] = [label, ''];
  let bestDiff = Number.POSITIVE_INFINITY;
  for (let i = 1; i < words.length; i++) {
    const a = words.slice(0, i).join(' ');
    const b = words.slice(i).join(' ');
    const diff = Math.abs(a.length - b.length);
    if (diff < bestDiff) {
      best = [a, b];
      bestDiff = diff;
    }
  }
  return best;
}

// ---------------------------------------------------------------------------------------------

export interface EventsByYearProps {
  title: string;
  description: string;
  stack: readonly StackedYear[];
  series: readonly Series[];
  /** Column headings of the table alternative. */
  yearLabel: string;
  totalLabel: string;
  legendLabel: string;
  headingLevel?: 2 | 3;
}

/** Events per year, one bar per year stacked by dimension, the total written above each bar. */
export function EventsByYearChart(props: EventsByYearProps) {
  const intl = useIntl();
  const rtl = useIsRtl();
  const prefix = useSvgId();
  const g = barGeometry(props.stack, { width: 720, height: 300, rtl });
  const index = new Map(props.series.map((s, i) => [s.key, i]));
  const n = (v: number) => intl.formatNumber(v);
  return (
    <ChartFigure
      heading={props.title}
      headingLevel={props.headingLevel ?? 3}
      className="chart--bars"
      after={<Legend series={props.series} label={props.legendLabel} />}
      table={
        <table className="sr-only">
          <caption>{props.title}</caption>
          <thead>
            <tr>
              <th scope="col">{props.yearLabel}</th>
              {props.series.map((s) => (
                <th scope="col" key={s.key}>
                  {s.label}
                </th>
              ))}
              <th scope="col">{props.totalLabel}</th>
            </tr>
          </thead>
          <tbody>
            {props.stack.map((y) => (
              <tr key={y.year}>
                <th scope="row">{y.year}</th>
                {props.series.map((s) => (
                  <td key={s.key}>{n(y.segments.find((seg) => seg.series === s.key)?.count ?? 0)}</td>
                ))}
                <td>{n(y.total)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      }
    >
      <svg className="chart__svg" viewBox={`0 0 ${g.width} ${g.height}`} role="img" aria-labelledby={`${prefix}-t`} aria-describedby={`${prefix}-d`}>
        <title id={`${prefix}-t`}>{props.title}</title>
        <desc id={`${prefix}-d`}>{props.description}</desc>
        <SeriesDefs prefix={prefix} count={props.series.length} />
        <g className="chart__grid">
          {g.ticks.map((t) => (
            <g key={t.value}>
              <line x1={g.plot.left} x2={g.plot.right} y1={t.y} y2={t.y} />
              <text className="chart__tick" x={rtl ? g.axisX + 6 : g.axisX - 6} y={t.y} textAnchor="end" dominantBaseline="middle">
                {n(t.value)}
              </text>
            </g>
          ))}
        </g>
        {g.bars.map((b) => (
          <g key={b.year} className="chart__bar">
            {b.rects.map((r) => (
              <rect key={r.series} x={b.x} y={r.y} width={b.width} height={r.height} fill={fillRef(prefix, index.get(r.series) ?? 0)} stroke="#ffffff" strokeWidth="1" />
            ))}
            <text className="chart__value" x={b.cx} y={b.topY - 6} textAnchor="middle">
              {n(b.total)}
            </text>
            <text className="chart__tick" x={b.cx} y={g.plot.bottom + 20} textAnchor="middle">
              {b.year}
            </text>
          </g>
        ))}
        <line className="chart__axis" x1={g.plot.left} x2={g.plot.right} y1={g.plot.bottom} y2={g.plot.bottom} />
      </svg>
    </ChartFigure>
  );
}

// ---------------------------------------------------------------------------------------------

export interface HeatMapProps {
  title: string;
  description: string;
  rows: readonly { key: string; label: string; lang?: string }[];
  columns: readonly Series[];
  cells: readonly HeatCell[];
  rowHeading: string;
  /** How a cell reads in the table alternative, e.g. "3 of 5". */
  cellText: (cell: HeatCell) => string;
  headingLevel?: 2 | 3;
}

/** States (rows) × dimensions (columns): the number written in each cell, the shade repeating its share. */
export function HeatMap(props: HeatMapProps) {
  const intl = useIntl();
  const rtl = useIsRtl();
  const prefix = useSvgId();
  const g = heatGeometry(
    props.rows.map((r) => r.key),
    props.columns.map((c) => c.key),
    { width: 720, rtl, labelWidth: 170, headerHeight: 48 },
  );
  const byKey = new Map(props.cells.map((c) => [`${c.row}|${c.column}`, c]));
  const max = Math.max(0, ...props.cells.map((c) => c.value));
  const cellOf = (row: string, column: string): HeatCell => byKey.get(`${row}|${column}`) ?? { row, column, value: 0, of: null };
  const label = new Map(props.rows.map((r) => [r.key, r]));
  return (
    <ChartFigure
      heading={props.title}
      headingLevel={props.headingLevel ?? 3}
      className="chart--heat"
      after={
        <ol className="chart-scale" aria-hidden="true">
          {heatFills.map((fill, level) => (
            <li key={fill}>
              <svg className="chart-legend__swatch" viewBox="0 0 16 16" aria-hidden="true" focusable="false">
                <rect x="0.5" y="0.5" width="15" height="15" fill={fill} stroke="#6b7684" strokeWidth="1" />
              </svg>
              <span>{level === 0 ? intl.formatNumber(0) : level === 1 ? `≤ ${intl.formatNumber(0.25, { style: 'percent' })}` : `${intl.formatNumber((level - 1) / 4, { style: 'percent' })}–${intl.formatNumber(level / 4, { style: 'percent' })}`}</span>
            </li>
          ))}
        </ol>
      }
      table={
        <table className="sr-only">
          <caption>{props.title}</caption>
          <thead>
            <tr>
              <th scope="col">{props.rowHeading}</th>
              {props.columns.map((c) => (
                <th scope="col" key={c.key}>
                  {c.label}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {props.rows.map((r) => (
              <tr key={r.key}>
                <th scope="row" lang={r.lang}>
                  {r.label}
                </th>
                {props.columns.map((c) => (
                  <td key={c.key}>{props.cellText(cellOf(r.key, c.key))}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      }
    >
      <svg className="chart__svg" viewBox={`0 0 ${g.width} ${g.height}`} role="img" aria-labelledby={`${prefix}-t`} aria-describedby={`${prefix}-d`}>
        <title id={`${prefix}-t`}>{props.title}</title>
        <desc id={`${prefix}-d`}>{props.description}</desc>
        {g.columns.map((c) => {
          const lines = wrapLabel(props.columns.find((s) => s.key === c.key)?.label ?? c.key, 16);
          return (
            <text key={c.key} className="chart__tick" x={c.cx} y={g.headerY - (lines.length - 1) * 14} textAnchor="middle">
              {lines.map((line, i) => (
                <tspan key={line} x={c.cx} dy={i === 0 ? 0 : 14}>
                  {line}
                </tspan>
              ))}
            </text>
          );
        })}
        {g.rows.map((r) => (
          <g key={r.key}>
            <text className="chart__tick" x={g.labelX} y={r.cy} textAnchor="end" dominantBaseline="middle" lang={label.get(r.key)?.lang}>
              {label.get(r.key)?.label ?? r.key}
            </text>
            {g.columns.map((c) => {
              const cell = cellOf(r.key, c.key);
              const level = heatLevel(heatShare(cell, max));
              return (
                <g key={c.key}>
                  <rect x={c.x} y={r.y} width={g.cellWidth} height={g.cellHeight} fill={heatFills[level]} stroke="#c9d1db" strokeWidth="1" />
                  <text className={heatTextIsLight(level) ? 'chart__cell chart__cell--light' : 'chart__cell'} x={c.cx} y={r.cy} textAnchor="middle" dominantBaseline="middle">
                    {intl.formatNumber(cell.value)}
                  </text>
                </g>
              );
            })}
          </g>
        ))}
      </svg>
    </ChartFigure>
  );
}

// ---------------------------------------------------------------------------------------------

export interface ProgressBarsProps {
  title: string;
  description: string;
  items: readonly (ProgressItem & { lang?: string })[];
  itemHeading: string;
  valueHeading: string;
  headingLevel?: 2 | 3;
}

/** One bar per action plan: its name, the done share filled from the start side, the percentage written. */
export function ProgressBars(props: ProgressBarsProps) {
  const intl = useIntl();
  const rtl = useIsRtl();
  const prefix = useSvgId();
  const g = progressGeometry(props.items, { width: 720, rtl });
  const pct = (p: number) => intl.formatNumber(p / 100, { style: 'percent', maximumFractionDigits: 1 });
  const itemOf = new Map(props.items.map((i) => [i.key, i]));
  return (
    <ChartFigure
      heading={props.title}
      headingLevel={props.headingLevel ?? 3}
      className="chart--progress"
      table={
        <table className="sr-only">
          <caption>{props.title}</caption>
          <thead>
            <tr>
              <th scope="col">{props.itemHeading}</th>
              <th scope="col">{props.valueHeading}</th>
            </tr>
          </thead>
          <tbody>
            {g.rows.map((r) => (
              <tr key={r.key}>
                <th scope="row" lang={itemOf.get(r.key)?.lang}>
                  {itemOf.get(r.key)?.label}
                </th>
                <td>{pct(r.percent)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      }
    >
      <svg className="chart__svg" viewBox={`0 0 ${g.width} ${g.height}`} role="img" aria-labelledby={`${prefix}-t`} aria-describedby={`${prefix}-d`}>
        <title id={`${prefix}-t`}>{props.title}</title>
        <desc id={`${prefix}-d`}>{props.description}</desc>
        {g.rows.map((r) => (
          <g key={r.key}>
            <text className="chart__label" x={rtl ? g.width : 0} y={r.labelY} textAnchor="start" lang={itemOf.get(r.key)?.lang}>
              {itemOf.get(r.key)?.label}
            </text>
            <rect className="chart__track" x={r.track.x} y={r.track.y} width={r.track.width} height={r.track.height} rx="3" />
            {r.fill.width > 0 ? <rect x={r.fill.x} y={r.track.y} width={r.fill.width} height={r.track.height} rx="3" fill={seriesStyle(0).fill} /> : null}
            <text className="chart__value" x={r.valueX} y={r.track.y + r.track.height / 2} textAnchor="start" dominantBaseline="middle">
              {pct(r.percent)}
            </text>
          </g>
        ))}
      </svg>
    </ChartFigure>
  );
}
