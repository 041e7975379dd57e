/**
 * What each module contributes to the index, read from its tables (documents through the documents
 * repository's own readers). One function per item type builds the item from its current rows, or
 * returns null when the row is gone (the item is then removed from the index).
 */
import type { DB } from '../../db/database.ts';
import type { SearchItemType } from '../../db/tables.ts';
import { currentParagraphs, languagesOf } from '../documents/documents.repository.ts';
import { cbmAreaItem, cbmEventItem, cbmMeasureItem } from '../cbm/cbm.search.ts';
import type { IndexItem, IndexVersion } from './search.indexer.ts';

const yearOf = (d: Date | string | null | undefined) => (d ? new Date(d).getUTCFullYear() : null);
const langs = (...maps: Array<Record<string, string> | null | undefined>) => [...new Set(maps.flatMap((m) => Object.keys(m ?? {})))];

export async function documentItem(db: DB, id: string): Promise<IndexItem | null> {
  const doc = await db.selectFrom('documents').selectAll().where('id', '=', id).executeTakeFirst();
  if (!doc) return null;
  const languages = await languagesOf(db, [id]);
  const paragraphs = await currentParagraphs(
    db,
    languages.map((l) => l.id),
  );
  const versions: IndexVersion[] = [];
  for (const l of languages) {
    const text = paragraphs.filter((p) => p.language_id === l.id).map((p) => p.plain);
    const title = l.title ?? (l.role === 'original' ? doc.title : null);
    if (!title && text.length === 0) continue;
    versions.push({ lang: l.language, title: title ?? doc.title, parts: text });
  }
  return {
    type: 'document',
    id,
    guard: 'document',
    guardId: id,
    bodyCode: doc.body_code,
    year: doc.year,
    keywords: doc.symbol,
    ref: { symbol: doc.symbol, documentType: doc.type, date: doc.document_date, status: doc.status },
    versions,
  };
}

export async function partyItem(db: DB, id: string): Promise<IndexItem | null> {
  const p = await db.selectFrom('parties').selectAll().where('id', '=', id).executeTakeFirst();
  if (!p) return null;
  const names = p.names as Record<string, string>;
  const short = p.short_names as Record<string, string>;
  return {
    type: 'party',
    id,
    guard: 'public',
    keywords: [p.code, p.iso_alpha3].filter(Boolean).join(' '),
    ref: { code: p.code, kind: p.kind },
    versions: langs(names, short).map((lang) => ({ lang, title: names[lang] ?? short[lang] ?? p.code, parts: short[lang] && names[lang] ? [short[lang]] : [] })),
  };
}

export async function bodyItem(db: DB, id: string): Promise<IndexItem | null> {
  const b = await db.selectFrom('bodies').selectAll().where('id', '=', id).executeTakeFirst();
  if (!b) return null;
  const names = b.names as Record<string, string>;
  const historic = (b.historic_names ?? []) as Array<{ names: Record<string, string> }>;
  return {
    type: 'body',
    id,
    guard: 'public',
    bodyCode: b.code,
    keywords: b.code,
    ref: { code: b.code, kind: b.kind },
    versions: Object.keys(names).map((lang) => ({
      lang,
      title: names[lang]!,
      parts: historic.map((h) => h.names[lang]).filter((x): x is string => !!x),
    })),
  };
}

export async function meetingItem(db: DB, id: string): Promise<IndexItem | null> {
  const m = await db.selectFrom('meetings').selectAll().where('id', '=', id).executeTakeFirst();
  if (!m) return null;
  const title = m.title as Record<string, string>;
  const items = await db.selectFrom('agenda_items').select(['title', 'status']).where('meeting_id', '=', id).where('status', '<>', 'declined').orderBy('position').execute();
  return {
    type: 'meeting',
    id,
    guard: 'meeting',
    guardId: id,
    bodyCode: m.body_code,
    year: yearOf(m.starts_at),
    keywords: [m.body_code, m.venue_city].filter(Boolean).join(' '),
    ref: { bodyCode: m.body_code, ordinal: m.ordinal, startsAt: new Date(m.starts_at).toISOString() },
    versions: Object.keys(title).map((lang) => ({
      lang,
      title: title[lang]!,
      parts: items.map((i) => (i.title as Record<string, string>)[lang]).filter((x): x is string => !!x),
    })),
  };
}

export async function decisionItem(db: DB, id: string): Promise<IndexItem | null> {
  const d = await db.selectFrom('decisions').selectAll().where('id', '=', id).executeTakeFirst();
  if (!d) return null;
  const title = d.title as Record<string, string>;
  return {
    type: 'decision',
    id,
    guard: 'decision',
    guardId: id,
    bodyCode: d.body_code,
    year: yearOf(d.launched_at ?? d.created_at),
    keywords: d.body_code,
    ref: { bodyCode: d.body_code, procedure: d.procedure },
    versions: Object.keys(title).map((lang) => ({ lang, title: title[lang]!, parts: [] })),
  };
}

/** The strings of a submission's data, depth first, up to a bound. */
export function stringsOf(value: unknown, out: string[] = [], budget = { chars: 20_000 }): string[] {
  if (budget.chars <= 0) return out;
  if (typeof value === 'string') {
    const s = value.trim();
    if (s && !/^[\d\s.,:/-]+$/.test(s)) {
      out.push(s.slice(0, budget.chars));
      budget.chars -= s.length;
    }
  } else if (Array.isArray(value)) for (const v of value) stringsOf(v, out, budget);
  else if (value && typeof value === 'object') for (const v of Object.values(value)) stringsOf(v, out, budget);
  return out;
}

/** A CBM information-exchange submission: the form's title per language, the party, the text it gave. */
export async function cbmItem(db: DB, id: string): Promise<IndexItem | null> {
  const s = await db
    .selectFrom('exchange_submissions as s')
    .innerJoin('exchange_forms as f', 'f.id', 's.form_id')
    .innerJoin('parties as p', 'p.id', 's.party_id')
    .select(['s.id', 's.form_code', 's.year', 's.title', 's.data', 'f.title as form_title', 'p.code as party_code', 'p.names as party_names'])
    .where('s.id', '=', id)
    .executeTakeFirst();
  if (!s) return null;
  const formTitle = s.form_title as Record<string, string>;
  const partyNames = s.party_names as Record<string, string>;
  const text = [s.title ?? '', ...stringsOf(s.data)].filter(Boolean);
  const languages = Object.keys(formTitle);
  return {
    type: 'cbm',
    id,
    guard: 'submission',
    guardId: id,
    year: s.year,
    keywords: [s.form_code, s.party_code].join(' '),
    ref: { formCode: s.form_code, partyCode: s.party_code, year: s.year },
    // The submitted text is in the submitter's language, not known here: it goes with the first version.
    versions: languages.map((lang, i) => ({
      lang,
      title: `${formTitle[lang]} — ${partyNames[lang] ?? partyNames.en ?? s.party_code} ${s.year}`,
      parts: i === 0 ? text : [],
    })),
  };
}

export async function glossaryItem(db: DB, id: string): Promise<IndexItem | null> {
  const c = await db.selectFrom('glossary_concepts').selectAll().where('id', '=', id).executeTakeFirst();
  if (!c) return null;
  const languages = await db.selectFrom('glossary_languages').selectAll().where('concept_id', '=', id).execute();
  const terms = await db.selectFrom('glossary_terms').selectAll().where('concept_id', '=', id).orderBy('lang').orderBy('seq').execute();
  const all = [...new Set([...languages.map((l) => l.lang), ...terms.map((t) => t.lang)])];
  const versions: IndexVersion[] = [];
  for (const lang of all) {
    const ts = terms.filter((t) => t.lang === lang);
    const preferred = ts.find((t) => t.kind === 'preferred');
    if (!preferred) continue;
    const l = languages.find((x) => x.lang === lang);
    versions.push({
      lang,
      title: preferred.term,
      parts: [ts.filter((t) => t.kind !== 'preferred').map((t) => t.term).join(' · '), l?.definition ?? '', l?.note ?? ''].filter(Boolean),
    });
  }
  return {
    type: 'glossary',
    id,
    guard: c.status === 'draft' ? 'secretariat' : 'public',
    year: c.source_date ? Number(c.source_date.slice(0, 4)) : null,
    keywords: [c.code.replace(/-/g, ' '), c.subject ?? ''].join(' '),
    ref: { code: c.code, status: c.status, subject: c.subject },
    versions,
  };
}

export const itemBuilders: Record<SearchItemType, (db: DB, id: string) => Promise<IndexItem | null>> = {
  document: documentItem,
  party: partyItem,
  body: bodyItem,
  meeting: meetingItem,
  decision: decisionItem,
  cbm: cbmItem,
  glossary: glossaryItem,
  'cbm-area': cbmAreaItem,
  'cbm-measure': cbmMeasureItem,
  'cbm-event': cbmEventItem,
};

/** Every id of a type in its source table, for the full reindex. */
export async function sourceIds(db: DB, type: SearchItemType): Promise<string[]> {
  const table = {
    document: 'documents',
    party: 'parties',
    body: 'bodies',
    meeting: 'meetings',
    decision: 'decisions',
    cbm: 'exchange_submissions',
    glossary: 'glossary_concepts',
    'cbm-area': 'cbm_areas',
    'cbm-measure': 'cbm_measures',
    'cbm-event': 'cbm_events',
  } as const satisfies Record<SearchItemType, string>;
  const rows = await db.selectFrom(table[type]).select('id').orderBy('id').execute();
  return rows.map((r) => String(r.id));
}
