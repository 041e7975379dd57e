/**
 * The yearly implementation overview (`concord cbm report --year Y`): the year's figures in numbered
 * paragraphs, issued as a document of the documents module (type report, SOC, members), and its charts as
 * inline SVG generated here (no network, no script), written into a self-contained HTML file.
 */
import type { DB } from '../../db/database.ts';
import type { Ctx } from '../../shared/context.ts';
import { AppError } from '../../shared/errors.ts';
import { authorize } from '../../shared/policy.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { formatSymbol } from '../documents/document.ts';
import * as docs from '../documents/documents.repository.ts';
import { plainText, sanitizeParagraph } from '../documents/text.ts';
import { requireProfile } from '../profile/profile.service.ts';
import { dayOf, reportDueOn } from './cbm.ts';
import * as repo from './cbm.repository.ts';
import { dashboard } from './cbm.service.ts';

type Names = Record<string, string>;

export interface YearOverview {
  year: number;
  on: string;
  paragraphs: string[];
  charts: { title: string; svg: string }[];
  figures: Awaited<ReturnType<typeof dashboard>>;
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const en = (n: Names | null | undefined, fallback = '') => (n ? (n.en ?? Object.values(n)[0] ?? fallback) : fallback);

/** A vertical bar chart with value labels; accessible name and description in <title>/<desc>. */
export function barChart(title: string, bars: ReadonlyArray<{ label: string; value: number }>): string {
  const w = 560;
  const h = 260;
  const pad = { top: 30, bottom: 40, left: 40, right: 10 };
  const max = Math.max(1, ...bars.map((b) => b.value));
  const slot = (w - pad.left - pad.right) / Math.max(1, bars.length);
  const inner = h - pad.top - pad.bottom;
  const parts = bars.map((b, i) => {
    const bh = Math.round((b.value / max) * inner);
    const x = Math.round(pad.left + i * slot + slot * 0.15);
    const y = pad.top + inner - bh;
    const bw = Math.max(4, Math.round(slot * 0.7));
    return (
      `<rect x="${x}" y="${y}" width="${bw}" height="${bh}" fill="#2f6f9f"><title>${esc(b.label)}: ${b.value}</title></rect>` +
      `<text x="${x + bw / 2}" y="${y - 4}" text-anchor="middle" font-size="12">${b.value}</text>` +
      `<text x="${x + bw / 2}" y="${h - pad.bottom + 16}" text-anchor="middle" font-size="12">${esc(b.label)}</text>`
    );
  });
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" role="img" viewBox="0 0 ${w} ${h}" width="${w}" height="${h}" font-family="Noto Sans, sans-serif">` +
    `<title>${esc(title)}</title><desc>${esc(bars.map((b) => `${b.label}: ${b.value}`).join('; '))}</desc>` +
    `<text x="${pad.left}" y="18" font-size="14" font-weight="bold">${esc(title)}</text>` +
    `<line x1="${pad.left}" y1="${pad.top + inner}" x2="${w - pad.right}" y2="${pad.top + inner}" stroke="#444"/>` +
    `${parts.join('')}</svg>`
  );
}

/** A heat map of rows × columns; each cell also carries its number (not colour alone). */
export function heatMap(title: string, rows: readonly string[], cols: readonly string[], value: (r: string, c: string) => number): string {
  const cell = 36;
  const left = 60;
  const top = 50;
  const w = left + cols.length * cell + 10;
  const h = top + rows.length * cell + 10;
  const max = Math.max(1, ...rows.flatMap((r) => cols.map((c) => value(r, c))));
  const out: string[] = [];
  cols.forEach((c, j) => {
    out.push(`<text x="${left + j * cell + cell / 2}" y="${top - 8}" text-anchor="middle" font-size="11">${esc(c)}</text>`);
  });
  rows.forEach((r, i) => {
    out.push(`<text x="${left - 6}" y="${top + i * cell + cell / 2 + 4}" text-anchor="end" font-size="11">${esc(r)}</text>`);
    cols.forEach((c, j) => {
      const v = value(r, c);
      const light = Math.round(96 - (v / max) * 60);
      out.push(
        `<rect x="${left + j * cell}" y="${top + i * cell}" width="${cell - 2}" height="${cell - 2}" fill="hsl(205 55% ${light}%)"><title>${esc(r)} × ${esc(c)}: ${v}</title></rect>`,
        `<text x="${left + j * cell + cell / 2 - 1}" y="${top + i * cell + cell / 2 + 4}" text-anchor="middle" font-size="11" fill="${light < 60 ? '#fff' : '#000'}">${v}</text>`,
      );
    });
  });
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" role="img" viewBox="0 0 ${w} ${h}" width="${w}" height="${h}" font-family="Noto Sans, sans-serif">` +
    `<title>${esc(title)}</title><text x="4" y="18" font-size="14" font-weight="bold">${esc(title)}</text>${out.join('')}</svg>`
  );
}

/** The year's overview: figures from the dashboard (forum scope), in numbered paragraphs, with charts. */
export async function buildYearOverview(db: DB, ctx: Ctx, year: number): Promise<YearOverview> {
  authorize(ctx.actor, 'cbm.readForum');
  const on = dayOf(ctx.clock.now());
  const figures = await dashboard(db, ctx, { year, on });
  const dims = await repo.listDimensions(db);
  const events = await repo.listEvents(db, true, { year });
  const plans = await repo.listPlans(db, {});
  const reports = await repo.listReports(db, { year });
  const reviews = await repo.listReviews(db, { year });
  const held = events.filter((e) => e.status === 'held');
  const byDim = dims.map((d) => ({ label: d.code, value: figures.eventsByYearAndDimension.find((r) => r.year === year && r.dimensionCode === d.code)?.count ?? 0 }));

  const p: string[] = [];
  p.push(`This overview reports on the implementation of the CICA confidence-building measures in ${year}, as recorded in Concord on ${on}.`);
  p.push(
    `${events.length} event(s) were on the ${year} plan: ${held.length} held, ${events.filter((e) => e.status === 'planned').length} planned, ` +
      `${events.filter((e) => e.status === 'postponed').length} postponed and ${events.filter((e) => e.status === 'cancelled').length} cancelled. ` +
      `The events held or planned by dimension: ${byDim.map((b) => `${b.label} ${b.value}`).join(', ')}.`,
  );
  p.push(`${figures.participantsInYear} participant(s) were reported for the events held.`);
  for (const e of held) {
    p.push(`${en(e.title as Names)} (${e.kind}, ${e.area_code}, ${e.starts_on}${e.ends_on !== e.starts_on ? ` to ${e.ends_on}` : ''}${e.place ? `, ${e.place}` : ''}${e.is_demo ? ', demo data' : ''}).`);
  }
  for (const plan of figures.actionPlans ?? []) {
    const row = plans.find((x) => x.id === plan.planId);
    p.push(
      `Action plan of ${plan.areaCode} (${en(row?.title as Names)}): ${plan.status}` +
        `${plan.averagePercent === null ? ', no activities yet' : `, average progress ${plan.averagePercent}%`}` +
        `${plan.activitiesByStatus.length ? ` (${plan.activitiesByStatus.map((s) => `${s.count} ${s.status}`).join(', ')})` : ''}.`,
    );
  }
  p.push(
    figures.areasWithoutCoordinator.length
      ? `${figures.areasWithoutCoordinator.length} priority area(s) had no coordinator in office on ${on}: ${figures.areasWithoutCoordinator.map((a) => a.areaCode).join(', ')}.`
      : `Every priority area had a coordinator in office on ${on}.`,
  );
  p.push(
    `Implementation reports for ${year} (due ${reportDueOn(year)}): ${reports.filter((r) => r.status !== 'draft').length} submitted or compiled` +
      `${figures.reportsOverdue?.length ? `; overdue: ${figures.reportsOverdue.map((r) => r.areaCode).join(', ')}` : ''}.`,
  );
  const parties = [...new Set((figures.participation ?? []).map((x) => x.partyCode))];
  p.push(`${parties.length} member state(s) declared participation in at least one measure in force on ${on}.`);
  for (const r of reviews) p.push(`The SOC reviewed the ${r.dimension_code} dimension${r.decision_ref ? ` (${r.decision_ref})` : ''}: ${en(r.record as Names)}`);

  const charts = [
    { title: `CBM events ${year} by dimension`, svg: barChart(`CBM events ${year} by dimension`, byDim) },
    {
      title: 'Participation by member state and dimension',
      svg: heatMap(
        'Participation by member state and dimension (measures declared)',
        parties,
        dims.map((d) => d.code),
        (r, c) => figures.participation?.find((x) => x.partyCode === r && x.dimensionCode === c)?.measures ?? 0,
      ),
    },
    {
      title: 'Action-plan progress (average % done)',
      svg: barChart(
        'Action-plan progress (average % done)',
        (figures.actionPlans ?? []).map((x) => ({ label: x.areaCode, value: Math.round(x.averagePercent ?? 0) })),
      ),
    },
  ];
  return { year, on, paragraphs: p.map((text, i) => `${i + 1}. ${text}`), charts, figures };
}

/** A self-contained HTML page with the overview and its charts: no script, no external resource. */
export function overviewHtml(o: YearOverview, symbol: string | null): string {
  return [
    '<!doctype html>',
    `<html lang="en"><head><meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">`,
    `<title>CBM implementation overview ${o.year}</title>`,
    '<style>body{font-family:"Noto Sans",sans-serif;max-inline-size:60rem;margin-inline:auto;padding:1rem}figure{margin-block:1.5rem}</style></head><body>',
    '<main>',
    `<h1>CBM implementation overview ${o.year}</h1>`,
    symbol ? `<p>Document ${esc(symbol)}</p>` : '',
    ...o.paragraphs.map((x) => `<p>${esc(x)}</p>`),
    ...o.charts.map((c) => `<figure>${c.svg}<figcaption>${esc(c.title)}</figcaption></figure>`),
    '</main></body></html>',
    '',
  ].join('\n');
}

/**
 * Issues the overview as a document of the documents module: type report, the SOC's limited series,
 * members' access, circulated, its English text the numbered paragraphs. Audited in the same transaction.
 */
export async function issueYearOverview(db: DB, ctx: Ctx, year: number): Promise<{ overview: YearOverview; documentId: string; symbol: string }> {
  const overview = await buildYearOverview(db, ctx, year);
  return db.transaction().execute(async (trx) => {
    const { symbolPrefix } = await requireProfile(trx);
    if (!(await docs.bodyExists(trx, 'SOC'))) throw new AppError('unprocessable', 'cbm.no_soc', 'The forum has no SOC body to file the overview under.');
    const now = ctx.clock.now();
    const docYear = now.getUTCFullYear();
    const number = await docs.takeNextNumber(trx, { prefix: symbolPrefix, bodyCode: 'SOC', year: docYear, series: 'limited' });
    const symbol = formatSymbol({ prefix: symbolPrefix, body: 'SOC', year: docYear, series: 'limited', number, rev: null, add: null, corr: null });
    const title = `Implementation of the CICA confidence-building measures in ${year}: overview`;
    const doc = await docs.insertDocument(trx, {
      symbol,
      prefix: symbolPrefix,
      body_code: 'SOC',
      year: docYear,
      series: 'limited',
      number,
      type: 'report',
      title,
      original_language: 'en',
      submitting_party_id: null,
      document_date: dayOf(now),
      status: 'circulated',
      access_level: 'members',
      created_by: ctx.actor.userId,
      created_at: now,
      updated_at: now,
    });
    await docs.insertAccessHistory(trx, { documentId: doc.id, at: now, actorUserId: ctx.actor.userId, change: 'set', from: null, to: 'members', partyIds: [] });
    const lang = await docs.insertLanguage(trx, { document_id: doc.id, language: 'en', role: 'original', status: 'ready', authoritative: true, title, created_at: now, updated_at: now });
    const paragraphs = overview.paragraphs.map((x) => sanitizeParagraph(`<p>${esc(x)}</p>`)).map((html) => ({ html, plain: plainText(html) }));
    await docs.insertRevision(trx, { languageId: lang.id, n: 1, at: now, by: ctx.actor.userId, note: `cbm report --year ${year}`, paragraphs });
    await recordAudit(trx, ctx, { action: 'documents.create', objectType: 'document', objectId: doc.id, after: { symbol, type: 'report', title, access: 'members', source: 'cbm.report' } });
    await recordAudit(trx, ctx, { action: 'cbm.report.overview', objectType: 'document', objectId: doc.id, after: { year, paragraphs: paragraphs.length } });
    return { overview, documentId: doc.id, symbol };
  });
}
