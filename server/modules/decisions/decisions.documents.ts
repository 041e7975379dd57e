/**
 * What decisions do to documents, inside the decision's own transaction: circulate the `L.`
 * draft when the silence procedure starts, and issue the adopted decision as a new document with
 * its final symbol (general series), reservations and interpretative statements annexed.
 *
 * Every change goes through the documents service's `…InTrx` functions, which join our transaction,
 * authorize the change (`documents.applyDecision`: the Chair, the Secretariat or Concord's own jobs),
 * apply the documents' rules (life cycle, numbering, sanitising) and audit with the documents' actions
 * (`documents.status`, `documents.create`). Their audit entries are handed back in `audits`: the caller
 * writes them last in its transaction (the audit chain's lock is taken last, after every row that
 * references a person; see the service).
 */
import type { DB } from '../../db/database.ts';
import type { Ctx } from '../../shared/context.ts';
import type { AuditEntry } from '../audit/audit.service.ts';
import * as documents from '../documents/documents.service.ts';
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
  await documents.changeStatusForDecisionInTrx(trx, ctx, documentId, { to: 'circulated', onlyFrom: ['draft'], note: `circulated for decision ${decisionId}` }, { audits });
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
  const draft = input.textDocumentId ? await documents.draftForDecisionInTrx(trx, ctx, input.textDocumentId) : undefined;
  const draftLanguages = draft?.languages ?? [];
  const titleLanguages = Object.keys(input.title);
  const originalLanguage = draft?.originalLanguage ?? (titleLanguages.includes('en') ? 'en' : titleLanguages[0]);
  const title = draft?.title ?? input.title[originalLanguage] ?? Object.values(input.title)[0];
  // Language versions: the draft's ready ones, else the languages the title is given in.
  const versions = draftLanguages.length
    ? draftLanguages.map((l) => ({
        language: l.language,
        role: l.role,
        authoritative: l.authoritative,
        title: l.title ?? (l.role === 'original' ? title : (input.title[l.language] ?? null)),
        body: l.paragraphs,
      }))
    : titleLanguages.map((language) => {
        const html = sanitizeParagraph(`<p>${escapeHtml(input.title[language])}</p>`);
        return { language, role: language === originalLanguage ? ('original' as const) : ('translation' as const), authoritative: true, title: input.title[language], body: [{ html, plain: plainText(html) }] };
      });
  const issued = await documents.issueForDecisionInTrx(
    trx,
    ctx,
    {
      bodyCode: input.bodyCode,
      type: 'decision',
      status: 'adopted',
      title,
      date: input.adoptionDay,
      accessLevel: input.accessLevel,
      originalLanguage,
      meetingId: draft?.meetingId ?? null,
      agendaItem: draft?.agendaItem ?? null,
      prefix: input.symbolPrefix,
      languages: versions.map((v) => ({
        language: v.language,
        role: v.role,
        authoritative: v.authoritative,
        title: v.title,
        paragraphs: [...v.body, ...annexParagraphs(v.language, input.annexes)],
        note: `adopted: decision ${input.decisionId}`,
      })),
      auditDetail: {
        decision: input.decisionId,
        adoptedFrom: draft?.symbol ?? null,
        annexes: input.annexes.map((a) => ({ party: a.partyCode, kind: a.kind })),
      },
    },
    { audits },
  );
  if (draft) {
    await documents.changeStatusForDecisionInTrx(trx, ctx, draft.id, { to: 'adopted', note: `adopted as ${issued.symbol} (decision ${input.decisionId})` }, { audits });
  }
  return issued;
}
