/**
 * Writing to the search index. Modules may call `indexItem(trx, item)` / `removeItem(trx, type, id)`
 * in the transaction of their own write; the tables of documents, meetings, decisions, parties,
 * bodies and the information exchange are also watched by triggers that queue the item in the
 * outbox (same transaction), so nothing is lost even where a module does not call in.
 */
import type { DB } from '../../db/database.ts';
import type { SearchGuard, SearchItemType } from '../../db/tables.ts';
import { analyze, hasDiacritics, pieces, profileOf, segmentedText } from './analysis.ts';
import { profileKeyOf } from './query.ts';
import { deleteItem, insertRows, type PreparedRow } from './search.repository.ts';

export interface IndexVersion {
  /** BCP 47 language of this version. */
  lang: string;
  title: string;
  /** The text, typically one string per paragraph; packed into parts of at most `maxPartChars`. */
  parts: readonly string[];
}

export interface IndexItem {
  type: SearchItemType;
  id: string;
  /** Who may see it: public, the Secretariat, or as the owning record decides (document, meeting, ...). */
  guard: SearchGuard;
  /** The record the guard checks (a document's, meeting's, decision's or submission's id). */
  guardId?: string | null;
  bodyCode?: string | null;
  year?: number | null;
  /** What the web app needs to show and link the hit (symbol, code, ...). */
  ref?: Record<string, unknown>;
  /** Searchable but not shown (a document symbol, a party code), weighted below the title. */
  keywords?: string;
  versions: readonly IndexVersion[];
}

/** Longest text of one index row: keeps positions well under tsvector's 16,383 and snippets cheap. */
export const maxPartChars = 3000;

/** Packs paragraphs into parts of at most `max` characters (a longer paragraph is cut at sentence ends). */
export function packParts(paragraphs: readonly string[], max = maxPartChars): string[] {
  const out: string[] = [];
  let cur = '';
  for (const raw of paragraphs) {
    const p = raw.trim();
    if (!p) continue;
    const chunks = p.length > max ? pieces(p, max).map((x) => x.text.trim()) : [p];
    for (const c of chunks) {
      if (!c) continue;
      if (cur && cur.length + 1 + c.length > max) {
        out.push(cur);
        cur = c;
      } else cur = cur ? `${cur}\n${c}` : c;
    }
  }
  if (cur) out.push(cur);
  return out;
}

/** The index rows of an item: per language version, per part, with the segmented texts. */
export function prepareRows(item: IndexItem): PreparedRow[] {
  const rows: PreparedRow[] = [];
  for (const v of item.versions) {
    const profileKey = profileKeyOf(v.lang);
    const profile = profileOf(profileKey);
    const titleTokens = analyze(v.title, profileKey);
    const keywordTokens = item.keywords ? analyze(item.keywords, profileKey) : [];
    const parts = packParts(v.parts);
    if (parts.length === 0) parts.push('');
    const titleNorm = segmentedText(titleTokens);
    parts.forEach((body, part) => {
      const bodyTokens = analyze(body, profileKey);
      const dual = profile.dual && (hasDiacritics(titleTokens) || hasDiacritics(bodyTokens));
      rows.push({
        itemType: item.type,
        itemId: item.id,
        lang: v.lang,
        part,
        profile: profileKey,
        cfg: profile.cfg,
        title: v.title,
        body,
        titleNorm,
        // A dual profile indexes the accented words with `simple` and the folded ones beside them.
        segTitle: segmentedText(titleTokens, profile.dual ? 'norm' : 'folded'),
        segKeywords: segmentedText(keywordTokens),
        segBody: segmentedText(bodyTokens, profile.dual ? 'norm' : 'folded'),
        segTitle2: dual ? segmentedText(titleTokens) : null,
        segBody2: dual ? segmentedText(bodyTokens) : null,
        guard: item.guard,
        guardId: item.guardId ?? null,
        bodyCode: item.bodyCode ?? null,
        year: item.year ?? null,
        ref: item.ref ?? {},
      });
    });
  }
  return rows;
}

/** (Re)indexes one item in the caller's transaction: its previous rows are replaced. */
export async function indexItem(trx: DB, item: IndexItem): Promise<void> {
  await deleteItem(trx, item.type, item.id);
  await insertRows(trx, prepareRows(item));
}

/** Removes an item from the index in the caller's transaction. */
export async function removeItem(trx: DB, type: SearchItemType, id: string): Promise<void> {
  await deleteItem(trx, type, id);
}

/** Indexes many items at once (reindex, benchmark): one insert per batch of rows. */
export async function indexItems(trx: DB, items: readonly IndexItem[], opts: { replace?: boolean } = {}): Promise<number> {
  const rows: PreparedRow[] = [];
  for (const item of items) {
    if (opts.replace !== false) await deleteItem(trx, item.type, item.id);
    rows.push(...prepareRows(item));
  }
  await insertRows(trx, rows);
  return rows.length;
}
