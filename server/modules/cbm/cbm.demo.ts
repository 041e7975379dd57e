/**
 * The CBM catalogue from the CICA facts (registry/cica.data.ts: five dimensions, their priority areas,
 * the known coordinators) and the demo scenario of issue #8: India coordinates combating terrorism,
 * its action plan went through the experts meeting and the SWG and was approved by the SOC, three events
 * were held with reports, some states declared participation. Demo events say so: `is_demo`, the label
 * 'demo' and "(demo)" in their titles.
 */
import type { DB } from '../../db/database.ts';
import type { Ctx } from '../../shared/context.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { formatSymbol } from '../documents/document.ts';
import * as docs from '../documents/documents.repository.ts';
import { plainText, sanitizeParagraph } from '../documents/text.ts';
import { requireProfile } from '../profile/profile.service.ts';
import { cicaCbmDimensions } from '../registry/cica.data.ts';
import { earliestDay, latestDay } from '../registry/membership.ts';
import type { CbmDimension } from '../registry/registry.types.ts';
import { measureText, versionTitles, withTranslations } from './cbm.names.ts';
import { dayOf } from './cbm.ts';

const versions = [
  { code: '2004', title: versionTitles['2004'], adoptedOn: '2004-10-22', adoptedBy: { en: '2nd Ministerial Meeting, Almaty' } },
  { code: '2021', title: versionTitles['2021'], adoptedOn: '2021-10-12', adoptedBy: { en: '6th Ministerial Meeting, Nur-Sultan' } },
] as const;

/** The military-political measures carry the Catalogue's own numbers 2.1.1–2.1.5 (mapping to the six areas not established). */
function measuresOf(dimension: CbmDimension) {
  return dimension.areas.map((a, i) => {
    const own = dimension.code === 'MP' && i < 5;
    const names = withTranslations(a.ref, { ...a.names });
    return {
      areaRef: a.ref,
      code: own ? `2.1.${i + 1}` : `${a.ref}.1`,
      title: names,
      text: measureText(names),
      versions: [...a.catalogues],
      note: own
        ? "The 2021 Catalogue's number; which of the areas it belongs to is not established in the sources."
        : "Concord's number (area code + .1): the Catalogue's own numbering of this area was not found.",
    };
  });
}

export interface CatalogueSummary {
  dimensions: number;
  areas: number;
  measures: number;
  terms: number;
}

/**
 * Loads the catalogue (versions, dimensions, areas, one measure per area) and, for the parties already
 * in the registry, the known coordination terms. A later entry for the same role and scope supersedes an
 * earlier one: the earlier term ends the year it began (its real end is not in the sources; noted).
 */
export async function loadCbmCatalogue(trx: DB, ctx: Ctx, dimensions: readonly CbmDimension[] = cicaCbmDimensions): Promise<CatalogueSummary> {
  const now = ctx.clock.now();
  for (const v of versions) {
    await trx
      .insertInto('cbm_catalogue_versions')
      .values({ code: v.code, title: JSON.stringify(v.title), adopted_on: v.adoptedOn, adopted_by: JSON.stringify(v.adoptedBy) })
      .onConflict((oc) => oc.column('code').doNothing())
      .execute();
  }
  const parties = await trx.selectFrom('parties').select(['id', 'code']).execute();
  const partyId = new Map(parties.map((p) => [p.code, p.id]));
  const summary: CatalogueSummary = { dimensions: 0, areas: 0, measures: 0, terms: 0 };
  for (const [d, dimension] of dimensions.entries()) {
    await trx
      .insertInto('cbm_dimensions')
      .values({ code: dimension.code, position: d + 1, names: JSON.stringify(withTranslations(dimension.code, { ...dimension.names })), note: dimension.uncertain ?? null })
      .execute();
    summary.dimensions++;
    const areaIds = new Map<string, string>();
    for (const [i, area] of dimension.areas.entries()) {
      const row = await trx
        .insertInto('cbm_areas')
        .values({ code: area.ref, dimension_code: dimension.code, position: i + 1, names: JSON.stringify(withTranslations(area.ref, { ...area.names })), note: area.uncertain ?? null })
        .returning('id')
        .executeTakeFirstOrThrow();
      areaIds.set(area.ref, row.id);
      summary.areas++;
    }
    for (const m of measuresOf(dimension)) {
      const row = await trx
        .insertInto('cbm_measures')
        .values({ area_id: areaIds.get(m.areaRef)!, code: m.code, title: JSON.stringify(m.title), text: JSON.stringify(m.text), note: m.note, created_at: now, updated_at: now })
        .returning('id')
        .executeTakeFirstOrThrow();
      await trx
        .insertInto('cbm_measure_versions')
        .values(m.versions.map((v) => ({ measure_id: row.id, version_code: v })))
        .execute();
      summary.measures++;
    }
    const entries = dimension.coordination;
    for (const [i, c] of entries.entries()) {
      const pid = partyId.get(c.party);
      if (!pid) continue;
      const scope = c.area ? [c.area] : dimension.areas.map((a) => a.ref);
      const supersededBy = entries.slice(i + 1).find((l) => l.role === c.role && l.area === c.area && l.party !== c.party && c.role === 'coordinator');
      const from = c.from ? earliestDay(c.from) : null;
      let to = c.to ? latestDay(c.to) : null;
      const notes = [c.uncertain, c.area ? null : 'the sources name the role for the whole dimension'];
      if (supersededBy && !to) {
        to = supersededBy.from ? dayBefore(earliestDay(supersededBy.from)) : from ? `${from.slice(0, 4)}-12-31` : null;
        notes.push(`superseded by ${supersededBy.party}; the end of the term is not in the sources`);
      }
      for (const ref of scope) {
        await trx
          .insertInto('cbm_terms')
          .values({
            area_id: areaIds.get(ref)!,
            party_id: pid,
            role: c.role,
            from_date: from,
            to_date: to,
            decision_id: null,
            decision_ref: null,
            note: notes.filter(Boolean).join('; ') || null,
            created_at: now,
            updated_at: now,
          })
          .execute();
        summary.terms++;
      }
    }
  }
  await recordAudit(trx, ctx, { action: 'cbm.catalogue.load', objectType: 'cbm-catalogue', objectId: null, after: summary });
  return summary;
}

function dayBefore(day: string): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - 1);
  return dayOf(d);
}

/** A demo document through the documents module's repository (same shape as its own demo). */
async function demoDocument(trx: DB, ctx: Ctx, v: { body: string; type: string; title: string; paragraphs: string[]; access: 'public' | 'members'; partyId: string | null; date: string }) {
  const { symbolPrefix } = await requireProfile(trx);
  const now = ctx.clock.now();
  const year = Number(v.date.slice(0, 4));
  const number = await docs.takeNextNumber(trx, { prefix: symbolPrefix, bodyCode: v.body, year, series: 'general' });
  const symbol = formatSymbol({ prefix: symbolPrefix, body: v.body, year, series: 'general', number, rev: null, add: null, corr: null });
  const doc = await docs.insertDocument(trx, {
    symbol,
    prefix: symbolPrefix,
    body_code: v.body,
    year,
    series: 'general',
    number,
    type: v.type,
    title: v.title,
    original_language: 'en',
    submitting_party_id: v.partyId,
    document_date: v.date,
    status: 'circulated',
    access_level: v.access,
    created_by: null,
    created_at: now,
    updated_at: now,
  });
  await docs.insertAccessHistory(trx, { documentId: doc.id, at: now, actorUserId: null, change: 'set', from: null, to: v.access, partyIds: [], note: 'demo' });
  const lang = await docs.insertLanguage(trx, { document_id: doc.id, language: 'en', role: 'original', status: 'ready', authoritative: true, title: v.title, created_at: now, updated_at: now });
  const paragraphs = v.paragraphs.map((p) => sanitizeParagraph(`<p>${p}</p>`)).map((html) => ({ html, plain: plainText(html) }));
  await docs.insertRevision(trx, { languageId: lang.id, n: 1, at: now, by: null, note: 'demo', paragraphs });
  await recordAudit(trx, ctx, { action: 'documents.create', objectType: 'document', objectId: doc.id, after: { symbol, demo: true } });
  return doc;
}

/** Loads the catalogue and the demo scenario; returns the lines `concord demo` prints. */
export async function loadCbmDemo(trx: DB, ctx: Ctx): Promise<string[]> {
  const catalogue = await loadCbmCatalogue(trx, ctx);
  const lines = [`CBM: ${catalogue.dimensions} dimensions, ${catalogue.areas} priority areas, ${catalogue.measures} measures (Catalogue 2004 and 2021), ${catalogue.terms} coordination terms.`];
  const parties = new Map((await trx.selectFrom('parties').select(['id', 'code']).execute()).map((p) => [p.code, p.id]));
  const india = parties.get('IN');
  const area = await trx.selectFrom('cbm_areas').select('id').where('code', '=', 'NCT.1').executeTakeFirst();
  const hasBodies = !!(await trx.selectFrom('bodies').select('id').where('code', '=', 'SOC').executeTakeFirst());
  if (!india || !area || !hasBodies) return lines;

  const now = ctx.clock.now();
  const year = now.getUTCFullYear() - 1;
  const socRef = (y: number, n: number) => `CICA/SOC/DEC/${y}/${n} (demo)`;

  const paper = await demoDocument(trx, ctx, {
    body: 'SOC',
    type: 'concept-paper',
    title: `Concept paper and action plan on combating terrorism, ${year} (demonstration)`,
    paragraphs: [
      'Submitted by India as coordinator of the priority area Combating terrorism (New challenges and threats).',
      'The action plan annexed to this paper lists the activities the coordinator proposes, their lead states and periods.',
      'The plan was considered by the experts meeting and the Special Working Group before its approval by the SOC.',
    ],
    access: 'members',
    partyId: india,
    date: `${year - 1}-09-15`,
  });

  const plan = await trx
    .insertInto('cbm_action_plans')
    .values({
      area_id: area.id,
      title: JSON.stringify({ en: `Action plan on combating terrorism ${year} (demo)`, ru: `План действий по борьбе с терроризмом на ${year} год (демо)` }),
      concept_paper_id: paper.id,
      period_from: `${year}-01-01`,
      period_to: `${year}-12-31`,
      status: 'soc-approved',
      approved_at: new Date(`${year - 1}-12-10T12:00:00Z`),
      decision_ref: socRef(year - 1, 7),
      created_at: now,
      updated_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const steps = [
    { step: 'experts-meeting' as const, on: `${year - 1}-10-08`, ref: null, note: 'Experts meeting convened by India (online).' },
    { step: 'swg' as const, on: `${year - 1}-11-20`, ref: null, note: 'The SWG recommended the plan to the SOC.' },
    { step: 'soc-approved' as const, on: `${year - 1}-12-10`, ref: socRef(year - 1, 7), note: 'Approved by the SOC.' },
  ];
  for (const s of steps) {
    await trx
      .insertInto('cbm_plan_steps')
      .values({ plan_id: plan.id, step: s.step, on_date: s.on, decision_ref: s.ref, note: s.note, recorded_at: new Date(`${s.on}T12:00:00Z`) })
      .execute();
  }
  const activities = [
    { title: 'Workshop on countering the financing of terrorism (demo)', lead: 'IN', with: ['KZ', 'TR'], from: `${year}-03-01`, to: `${year}-03-31`, status: 'completed', pct: 100 },
    { title: 'Seminar on preventing radicalisation online (demo)', lead: 'IN', with: ['CN', 'RU'], from: `${year}-06-01`, to: `${year}-06-30`, status: 'completed', pct: 100 },
    { title: 'Training for border-control officers (demo)', lead: 'KZ', with: ['IN', 'UZ'], from: `${year}-09-01`, to: `${year}-10-31`, status: 'completed', pct: 100 },
    { title: 'Network of national focal points on counter-terrorism (demo)', lead: 'IN', with: ['AZ'], from: `${year}-01-01`, to: `${year + 1}-06-30`, status: 'in-progress', pct: 40 },
  ] as const;
  for (const [i, a] of activities.entries()) {
    const row = await trx
      .insertInto('cbm_activities')
      .values({
        plan_id: plan.id,
        position: i + 1,
        title: JSON.stringify({ en: a.title }),
        lead_party_id: parties.get(a.lead) ?? null,
        planned_from: a.from,
        planned_to: a.to,
        status: a.status,
        percent_done: a.pct,
        milestones: JSON.stringify([{ title: 'Programme agreed', due: a.from, done: true }]),
        results: a.status === 'completed' ? JSON.stringify({ en: 'Held as planned; see the event report.' }) : null,
        created_at: now,
        updated_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const ids = a.with.map((c) => parties.get(c)).filter((x): x is string => !!x);
    if (ids.length) await trx.insertInto('cbm_activity_parties').values(ids.map((p) => ({ activity_id: row.id, party_id: p }))).execute();
  }
  await recordAudit(trx, ctx, { action: 'cbm.plan.create', objectType: 'cbm-action-plan', objectId: plan.id, after: { area: 'NCT.1', demo: true, status: 'soc-approved' } });

  // The annual plan of the year, approved by the SOC the December before, and its events.
  await trx
    .insertInto('cbm_annual_plans')
    .values({ year, status: 'approved', approved_on: `${year - 1}-12-10`, approved_at: new Date(`${year - 1}-12-10T12:00:00Z`), decision_ref: socRef(year - 1, 8), created_at: now })
    .execute();
  await trx.insertInto('cbm_annual_plans').values({ year: year + 1, created_at: now }).execute();
  const events = [
    {
      kind: 'workshop' as const,
      title: 'Workshop on countering the financing of terrorism (demo)',
      starts: `${year}-03-17`,
      ends: `${year}-03-18`,
      place: 'New Delhi',
      url: null,
      access: 'public' as const,
      counts: { IN: 12, KZ: 4, TR: 3, CN: 2 },
      results: 'Participants agreed on a checklist for financial intelligence units and an exchange of good practice. (demo)',
    },
    {
      kind: 'seminar' as const,
      title: 'Seminar on preventing radicalisation online (demo)',
      starts: `${year}-06-10`,
      ends: `${year}-06-10`,
      place: null,
      url: 'https://meet.example.org/cica-nct-demo',
      access: 'public' as const,
      counts: { IN: 9, RU: 5, CN: 4, AZ: 2, UZ: 3 },
      results: 'Online seminar; the coordinator will circulate a compilation of national approaches. (demo)',
    },
    {
      kind: 'training' as const,
      title: 'Training for border-control officers (demo)',
      starts: `${year}-09-22`,
      ends: `${year}-09-26`,
      place: 'Astana',
      url: null,
      access: 'members' as const,
      counts: { KZ: 10, IN: 6, UZ: 5, KG: 4 },
      results: 'Twenty-five officers trained on document security and risk profiling. (demo)',
    },
  ];
  for (const e of events) {
    const host = e.kind === 'training' ? parties.get('KZ')! : india;
    const row = await trx
      .insertInto('cbm_events')
      .values({
        year,
        kind: e.kind,
        title: JSON.stringify({ en: e.title }),
        area_id: area.id,
        host_party_id: host,
        starts_on: e.starts,
        ends_on: e.ends,
        place: e.place,
        online_url: e.url,
        status: 'held',
        access: e.access,
        is_demo: true,
        label: 'demo',
        created_at: now,
        updated_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const counted = Object.entries(e.counts).filter(([c]) => parties.has(c));
    await trx
      .insertInto('cbm_event_participants')
      .values([...new Set([host, ...counted.map(([c]) => parties.get(c)!)])].map((p) => ({ event_id: row.id, party_id: p })))
      .execute();
    await trx
      .insertInto('cbm_event_reports')
      .values({ event_id: row.id, results: JSON.stringify({ en: e.results }), submitted_at: new Date(`${e.ends}T18:00:00Z`) })
      .execute();
    await trx
      .insertInto('cbm_event_report_counts')
      .values(counted.map(([c, n]) => ({ event_id: row.id, party_id: parties.get(c)!, count: n })))
      .execute();
    await recordAudit(trx, ctx, { action: 'cbm.event.create', objectType: 'cbm-event', objectId: row.id, after: { title: e.title, demo: true, status: 'held' } });
  }
  const planned = await trx
    .insertInto('cbm_events')
    .values({
      year: year + 1,
      kind: 'forum',
      title: JSON.stringify({ en: 'Forum of counter-terrorism focal points (demo)' }),
      area_id: area.id,
      host_party_id: india,
      starts_on: `${year + 1}-11-04`,
      ends_on: `${year + 1}-11-05`,
      place: 'Mumbai',
      status: 'planned',
      access: 'public',
      is_demo: true,
      label: 'demo',
      created_at: now,
      updated_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await trx.insertInto('cbm_event_participants').values({ event_id: planned.id, party_id: india }).execute();

  // Participation declarations: a few states, a few measures, from various dates.
  const measures = new Map((await trx.selectFrom('cbm_measures').select(['id', 'code']).execute()).map((m) => [m.code, m.id]));
  const declarations: Array<[string, string, string, string | null]> = [
    ['IN', 'NCT.1.1', '2005-01-01', null],
    ['KZ', 'NCT.1.1', '2006-03-01', null],
    ['KZ', '2.1.1', '2007-03-01', null],
    ['KZ', '2.1.2', '2010-05-01', null],
    ['TR', '2.1.1', '2008-01-01', null],
    ['CN', 'ECO.5.1', '2015-01-01', null],
    ['AZ', 'ECO.5.1', '2016-01-01', null],
    ['RU', 'NCT.5.1', '2022-01-01', null],
    ['UZ', 'HUM.1.1', '2012-01-01', null],
    ['IN', 'HUM.3.1', '2012-01-01', `${year}-01-01`],
  ];
  let declared = 0;
  for (const [code, measure, since, withdrawn] of declarations) {
    const p = parties.get(code);
    const m = measures.get(measure);
    if (!p || !m) continue;
    await trx.insertInto('cbm_participation').values({ party_id: p, measure_id: m, since, withdrawn, declared_at: now, updated_at: now }).execute();
    declared++;
  }
  const report = await trx
    .insertInto('cbm_reports')
    .values({
      area_id: area.id,
      year,
      text: JSON.stringify({ en: `Implementation of the action plan on combating terrorism in ${year}: three events held (a workshop, an online seminar and a training), one activity continuing. (demo)` }),
      status: 'submitted',
      drafted_by_party_id: india,
      submitted_at: new Date(`${year + 1}-01-20T10:00:00Z`),
      created_at: now,
      updated_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const nct = await trx.selectFrom('cbm_dimensions').select('code').where('code', '=', 'NCT').executeTakeFirst();
  if (nct) {
    await trx
      .insertInto('cbm_reviews')
      .values({
        year,
        dimension_code: 'NCT',
        record: JSON.stringify({ en: 'The SOC reviewed the new challenges and threats dimension and took note of the coordinators’ reports. (demo)' }),
        decision_ref: socRef(year, 4),
        created_at: now,
      })
      .execute();
  }
  await recordAudit(trx, ctx, { action: 'cbm.demo.load', objectType: 'cbm-catalogue', objectId: null, after: { year, planId: plan.id, reportId: report.id, declarations: declared } });
  lines.push(
    `CBM demo: India coordinates NCT.1 (combating terrorism); its action plan was approved by the SOC (${socRef(year - 1, 7)}); three demo events held in ${year} with reports; ${declared} participation declarations.`,
  );
  return lines;
}
