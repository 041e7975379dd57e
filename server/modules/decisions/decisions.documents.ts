/**
 * What decisions do to documents, inside the decision's own transaction: circulate the `L.`
 * draft when the silence procedure starts, and issue the adopted decision as a new document with
 * its final symbol (general series), reservations and interpretative statements annexed.
 *
 * The documents service opens a transaction per call, so it cannot join ours; this bridge uses the
 * documents module's repository (its only SQL) and pure rules, and audits with the same actions
 * (`documents.status`, `documents.create`), so the trail reads as if the documents service did it.
 * Audit entries are handed back in `audits`: the caller writes them last in its transaction (the
 * audit chain's lock is taken last, after every row that references a person; see the service).
 */
import type { DB } from '../../db/database.ts';
import type { Ctx } from '../../shared/context.ts';
import type { AuditEntry } from '../audit/audit.service.ts';
import { checkTransition, type DocumentType, formatSymbol, type SymbolParts } from '../documents/document.ts';
import * as docs from '../documents/documents.repository.ts';
import { plainText, sanitizeParagraph } from '../documents/text.ts';

const annexWords: Record<string, { heading: string; reservation: string; statement: string }> = {
  en: { heading: 'Annex: reservations and interpretative statements', reservation: 'Reservation', statement: 'Interpretative statement' },
  ru: { heading: 'Приложение: оговорки и заявления о толковании', reservation: 'Оговорка', statement: 'Заявление о толковании' },
  zh: { heading: '附件：保留和解释性声明', reservation: '保留', statement: '解释性声明' },
  vi: { heading: 'Phụ lục: các bảo lưu và tuyên bố giải thích', reservation: 'Bảo lưu', statement: 'Tuyên bố giải thích' },
  ar: { heading: 'مرفق: التحفظات والإعلانات التفسيرية', reservation: 'تحفظ', statement: 'إعلان تفسيري' },
  fa: { heading: 'پیوست: حق شرط‌ها و اعلامیه‌های تفسیری', reservation: 'حق شرط', statement: 'اعلامیه تفسیری' },
  kk: { heading: 'Қосымша: ескертпелер және түсіндірме мәлімдемелер', reservation: 'Ескертпе', statement: 'Түсіндірме мәлімдеме' },
  tr: { heading: 'Ek: çekinceler ve yorum beyanları', reservation: 'Çekince', statement: 'Yorum beyanı' },
};

const escapeHtml = (s: string) => s.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;');

export interface Annex {
  kind: 'reservation' | 'interpretative-statement';
  text: string;
  /** The state's name per language. */
  partyNames: Record<string, string>;
  partyCode: string;
}

/** The annex paragraphs in one language (state names and headings in that language, statements as written). */
export function annexParagraphs(language: string, annexes: readonly Annex[]): Array<{ html: string; plain: string }> {
  if (annexes.length === 0) return [];
  const w = annexWords[language] ?? annexWords.en;
  const out = [`<h2>${escapeHtml(w.heading)}</h2>`];
  for (const a of annexes) {
    const name = a.partyNames[language] ?? a.partyNames.en ?? a.partyCode;
    const label = a.kind === 'reservation' ? w.reservation : w.statement;
    out.push(`<p><strong>${escapeHtml(name)} — ${escapeHtml(label)}:</strong> ${escapeHtml(a.text)}</p>`);
  }
  return out.map((h) => {
    const html = sanitizeParagraph(h);
    return { html, plain: plainText(html) };
  });
}

/** Circulates the draft text (draft → circulated) if it is still a draft. */
export async function circulateText(trx: DB, ctx: Ctx, documentId: string, decisionId: string, audits: AuditEntry[]): Promise<void> {
  const row = await docs.lockDocument(trx, documentId);
  if (!row || row.status !== 'draft') return;
  if (!checkTransition(row.type as DocumentType, row.status, 'circulated').ok) return;
  await docs.updateDocument(trx, documentId, { status: 'circulated', updated_at: ctx.clock.now() });
  audits.push({
    action: 'documents.status',
    objectType: 'document',
    objectId: documentId,
    before: { status: row.status },
    after: { status: 'circulated', note: `circulated for decision ${decisionId}` },
  });
}

export interface IssueInput {
  decisionId: string;
  bodyCode: string;
  textDocumentId: string | null;
  title: Record<string, string>;
  accessLevel: 'public' | 'members' | 'members-and-observers';
  symbolPrefix: string;
  /** The forum's calendar day of adoption (YYYY-MM-DD): the document's date and the year it is numbered in. */
  adoptionDay: string;
  annexes: readonly Annex[];
}

/**
 * Issues the adopted decision as a new document (`PREFIX/BODY/YEAR/n`), with every language of the
 * draft that is ready and its current text, the annex appended; marks the draft adopted.
 */
export async function issueAdoptedDecision(trx: DB, ctx: Ctx, input: IssueInput, audits: AuditEntry[]): Promise<{ id: string; symbol: string }> {
  const now = ctx.clock.now();
  const draft = input.textDocumentId ? await docs.lockDocument(trx, input.textDocumentId) : undefined;
  const draftLanguages = draft ? (await docs.languagesOf(trx, [draft.id])).filter((l) => l.status === 'ready') : [];
  const paragraphs = await docs.currentParagraphs(
    trx,
    draftLanguages.map((l) => l.id),
  );
  const year = Number(input.adoptionDay.slice(0, 4));
  const number = await docs.takeNextNumber(trx, { prefix: input.symbolPrefix, bodyCode: input.bodyCode, year, series: 'general' });
  const parts: SymbolParts = { prefix: input.symbolPrefix, body: input.bodyCode, year, series: 'general', number, rev: null, add: null, corr: null };
  const titleLanguages = Object.keys(input.title);
  const originalLanguage = draft?.original_language ?? (titleLanguages.includes('en') ? 'en' : titleLanguages[0]);
  const title = draft?.title ?? input.title[originalLanguage] ?? Object.values(input.title)[0];
  const row = await docs.insertDocument(trx, {
    symbol: formatSymbol(parts),
    prefix: parts.prefix,
    body_code: parts.body,
    year,
    series: 'general',
    number,
    type: 'decision',
    title,
    original_language: originalLanguage,
    meeting_id: draft?.meeting_id ?? null,
    agenda_item: draft?.agenda_item ?? null,
    submitting_party_id: null,
    document_date: input.adoptionDay,
    status: 'adopted',
    access_level: input.accessLevel,
    derestrict_at: null,
    derestrict_to: null,
    created_by: ctx.actor.userId,
    created_at: now,
    updated_at: now,
  });
  // Language versions: the draft's ready ones, else the languages the title is given in.
  const versions = draftLanguages.length
    ? draftLanguages.map((l) => ({
        language: l.language,
        role: l.role,
        authoritative: l.authoritative,
        title: l.title ?? (l.role === 'original' ? title : (input.title[l.language] ?? null)),
        body: paragraphs.filter((p) => p.language_id === l.id).map((p) => ({ html: p.html, plain: p.plain })),
      }))
    : titleLanguages.map((language) => {
        const html = sanitizeParagraph(`<p>${escapeHtml(input.title[language])}</p>`);
        return { language, role: language === originalLanguage ? ('original' as const) : ('translation' as const), authoritative: true, title: input.title[language], body: [{ html, plain: plainText(html) }] };
      });
  for (const v of versions) {
    const lang = await docs.insertLanguage(trx, {
      document_id: row.id,
      language: v.language,
      role: v.role,
      status: 'ready',
      authoritative: v.authoritative,
      title: v.title,
      created_at: now,
      updated_at: now,
    });
    await docs.insertRevision(trx, {
      languageId: lang.id,
      n: 1,
      at: now,
      by: ctx.actor.userId,
      note: `adopted: decision ${input.decisionId}`,
      paragraphs: [...v.body, ...annexParagraphs(v.language, input.annexes)],
    });
  }
  await docs.insertAccessHistory(trx, { documentId: row.id, at: now, actorUserId: ctx.actor.userId, change: 'set', from: null, to: input.accessLevel, partyIds: [] });
  audits.push({
    action: 'documents.create',
    objectType: 'document',
    objectId: row.id,
    after: {
      symbol: row.symbol,
      type: row.type,
      title: row.title,
      body: row.body_code,
      access: row.access_level,
      languages: versions.map((v) => v.language),
      decision: input.decisionId,
      adoptedFrom: draft?.symbol ?? null,
      annexes: input.annexes.map((a) => ({ party: a.partyCode, kind: a.kind })),
    },
  });
  if (draft && checkTransition(draft.type as DocumentType, draft.status, 'adopted').ok) {
    await docs.updateDocument(trx, draft.id, { status: 'adopted', updated_at: now });
    audits.push({
      action: 'documents.status',
      objectType: 'document',
      objectId: draft.id,
      before: { status: draft.status },
      after: { status: 'adopted', note: `adopted as ${row.symbol} (decision ${input.decisionId})` },
    });
  }
  return { id: row.id, symbol: row.symbol };
}
