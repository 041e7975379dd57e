/**
 * What the CBM module gives the one search index: priority areas and measures (public, like the
 * catalogue) and events (guarded by their access level: `cbm-event`, checked by `eventVisibleSql`).
 * The triggers on cbm_areas, cbm_measures and cbm_events queue them (migration 2026-11-28T0900-cbm).
 */
import { type RawBuilder, type SqlBool, sql } from 'kysely';
import type { DB } from '../../db/database.ts';
import type { Actor } from '../../shared/context.ts';
import type { IndexItem } from '../search/search.indexer.ts';

type Names = Record<string, string>;

export async function cbmAreaItem(db: DB, id: string): Promise<IndexItem | null> {
  const a = await db
    .selectFrom('cbm_areas as a')
    .innerJoin('cbm_dimensions as d', 'd.code', 'a.dimension_code')
    .select(['a.id', 'a.code', 'a.names', 'a.dimension_code', 'd.names as dimension_names'])
    .where('a.id', '=', id)
    .executeTakeFirst();
  if (!a) return null;
  const names = a.names as Names;
  const dim = a.dimension_names as Names;
  return {
    type: 'cbm-area',
    id,
    guard: 'public',
    keywords: `${a.code} ${a.dimension_code} CBM`,
    ref: { code: a.code, dimensionCode: a.dimension_code },
    versions: Object.keys(names).map((lang) => ({ lang, title: names[lang], parts: [dim[lang] ?? dim.en ?? ''].filter(Boolean) })),
  };
}

export async function cbmMeasureItem(db: DB, id: string): Promise<IndexItem | null> {
  const m = await db
    .selectFrom('cbm_measures as m')
    .innerJoin('cbm_areas as a', 'a.id', 'm.area_id')
    .select(['m.id', 'm.code', 'm.title', 'm.text', 'a.code as area_code', 'a.dimension_code', 'a.names as area_names'])
    .where('m.id', '=', id)
    .executeTakeFirst();
  if (!m) return null;
  const title = m.title as Names;
  const text = m.text as Names;
  const area = m.area_names as Names;
  const languages = [...new Set([...Object.keys(title), ...Object.keys(text)])];
  return {
    type: 'cbm-measure',
    id,
    guard: 'public',
    keywords: `${m.code} ${m.area_code} CBM`,
    ref: { code: m.code, areaCode: m.area_code, dimensionCode: m.dimension_code },
    versions: languages.map((lang) => ({ lang, title: title[lang] ?? title.en ?? m.code, parts: [text[lang] ?? '', area[lang] ?? ''].filter(Boolean) })),
  };
}

export async function cbmEventItem(db: DB, id: string): Promise<IndexItem | null> {
  const e = await db
    .selectFrom('cbm_events as e')
    .innerJoin('cbm_areas as a', 'a.id', 'e.area_id')
    .innerJoin('parties as p', 'p.id', 'e.host_party_id')
    .select(['e.id', 'e.year', 'e.kind', 'e.title', 'e.place', 'e.status', 'e.starts_on', 'e.is_demo', 'a.code as area_code', 'a.names as area_names', 'p.code as host_code', 'p.names as host_names'])
    .where('e.id', '=', id)
    .executeTakeFirst();
  if (!e) return null;
  const report = await db.selectFrom('cbm_event_reports').select('results').where('event_id', '=', id).executeTakeFirst();
  const title = e.title as Names;
  const area = e.area_names as Names;
  const host = e.host_names as Names;
  const results = (report?.results as Names | undefined) ?? {};
  return {
    type: 'cbm-event',
    id,
    guard: 'cbm-event',
    guardId: id,
    year: e.year,
    keywords: [e.area_code, e.host_code, e.kind, e.is_demo ? 'demo' : ''].filter(Boolean).join(' '),
    ref: { areaCode: e.area_code, hostCode: e.host_code, kind: e.kind, status: e.status, startsOn: e.starts_on, isDemo: e.is_demo },
    versions: Object.keys(title).map((lang) => ({
      lang,
      title: title[lang],
      parts: [area[lang] ?? area.en ?? '', host[lang] ?? host.en ?? '', e.place ?? '', results[lang] ?? ''].filter(Boolean),
    })),
  };
}

/** Whether the event `cbm_events` row may be seen by `actor`: mirrors `cbm.readEvent` (cbm.policy.ts). */
export function eventVisibleSql(actor: Actor): RawBuilder<SqlBool> {
  const forum = actor.kind === 'user' && !!actor.partyId && (actor.partyKind === 'member-state' || actor.partyKind === 'secretariat');
  return forum ? sql<SqlBool>`true` : sql<SqlBool>`(cbm_events.access = 'public')`;
}
