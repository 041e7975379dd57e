import type { DB } from '../../db/database.ts';
import type { Ctx } from '../../shared/context.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { formatSymbol } from '../documents/document.ts';
import * as docs from '../documents/documents.repository.ts';
import { plainText, sanitizeParagraph } from '../documents/text.ts';
import { requireProfile } from '../profile/profile.service.ts';
import { currentChairPartyId } from '../registry/registry.service.ts';
import * as repo from './decisions.repository.ts';

const text = {
  en: {
    title: 'Recommendation of the Senior Officials Committee on the Chairmanship of CICA (demonstration)',
    paragraphs: [
      '<p>The Senior Officials Committee,</p>',
      '<p><em>having considered</em> the written bids for the Chairmanship received by the Secretariat,</p>',
      '<p>recommends to the Ministerial Council the Chairmanship of CICA for the next term.</p>',
    ],
  },
  ru: {
    title: 'Рекомендация Комитета старших должностных лиц о председательстве в СВМДА (демонстрация)',
    paragraphs: [
      '<p>Комитет старших должностных лиц,</p>',
      '<p><em>рассмотрев</em> письменные заявки на председательство, полученные Секретариатом,</p>',
      '<p>рекомендует Совету министров председательство в СВМДА на следующий срок.</p>',
    ],
  },
} as const;

/**
 * The demo's decision: the SOC's recommendation of the next Chair, a draft under the Chair's name
 * with its `L.` text ready in English and Russian, waiting for the Chair to circulate it under
 * silence procedure (the scenario of the issue: the Chair circulates it, Türkiye enters a
 * reservation, nobody objects, and it is adopted at 18:00 Astana time on the fourteenth day).
 */
export async function loadDecisionsDemo(trx: DB, ctx: Ctx): Promise<string[]> {
  if (!(await docs.bodyExists(trx, 'SOC'))) return [];
  const { symbolPrefix } = await requireProfile(trx);
  const now = ctx.clock.now();
  const year = now.getUTCFullYear();
  const number = await docs.takeNextNumber(trx, { prefix: symbolPrefix, bodyCode: 'SOC', year, series: 'limited' });
  const symbol = formatSymbol({ prefix: symbolPrefix, body: 'SOC', year, series: 'limited', number, rev: null, add: null, corr: null });
  const doc = await docs.insertDocument(trx, {
    symbol,
    prefix: symbolPrefix,
    body_code: 'SOC',
    year,
    series: 'limited',
    number,
    type: 'decision',
    title: text.en.title,
    original_language: 'en',
    submitting_party_id: null,
    document_date: now.toISOString().slice(0, 10),
    status: 'draft',
    access_level: 'members',
    created_by: null,
    created_at: now,
    updated_at: now,
  });
  await docs.insertAccessHistory(trx, { documentId: doc.id, at: now, actorUserId: null, change: 'set', from: null, to: 'members', partyIds: [], note: 'demo' });
  for (const [language, v] of Object.entries(text)) {
    const lang = await docs.insertLanguage(trx, {
      document_id: doc.id,
      language,
      role: language === 'en' ? 'original' : 'translation',
      status: 'ready',
      authoritative: true,
      title: v.title,
      created_at: now,
      updated_at: now,
    });
    const paragraphs = v.paragraphs.map(sanitizeParagraph).map((html) => ({ html, plain: plainText(html) }));
    await docs.insertRevision(trx, { languageId: lang.id, n: 1, at: now, by: null, note: 'demo', paragraphs });
  }
  await recordAudit(trx, ctx, { action: 'documents.create', objectType: 'document', objectId: doc.id, after: { symbol, demo: true } });

  const profile = await requireProfile(trx);
  const decision = await repo.insertDecision(trx, {
    body_code: 'SOC',
    text_document_id: doc.id,
    title: JSON.stringify({ en: 'Recommendation on the Chairmanship of CICA', ru: 'Рекомендация о председательстве в СВМДА' }),
    proposer_kind: 'chair',
    proposer_party_id: await currentChairPartyId(trx, now),
    procedure: 'silence',
    definition: profile.consensus.definition,
    outcome_access: 'public',
    created_by_user_id: null,
    created_at: now,
  });
  await recordAudit(trx, ctx, { action: 'decisions.create', objectType: 'decision', objectId: decision.id, after: { body: 'SOC', text: symbol, demo: true } });
  return [`Decisions: a draft SOC recommendation on the Chairmanship (${symbol}) for the Chair to circulate under silence procedure.`];
}
