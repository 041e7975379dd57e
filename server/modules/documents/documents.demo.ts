import type { DB } from '../../db/database.ts';
import type { Ctx } from '../../shared/context.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { requireProfile } from '../profile/profile.service.ts';
import { type AccessLevel, type DocumentStatus, formatSymbol, type Series } from './document.ts';
import * as repo from './documents.repository.ts';
import { plainText, sanitizeParagraph } from './text.ts';

interface DemoDoc {
  body: string;
  type: string;
  series: Series;
  status: DocumentStatus;
  access: AccessLevel;
  parties: string[];
  submittedBy: string | null;
  versions: { language: string; status: 'awaited' | 'in-translation' | 'ready'; authoritative: boolean; title: string; paragraphs: string[] }[];
}

const demoDocs: DemoDoc[] = [
  {
    body: 'SOC',
    type: 'declaration',
    series: 'general',
    status: 'adopted',
    access: 'public',
    parties: [],
    submittedBy: null,
    versions: [
      {
        language: 'en',
        status: 'ready',
        authoritative: true,
        title: 'Declaration on dialogue and confidence-building in Asia (demonstration)',
        paragraphs: [
          '<h2>Preamble</h2>',
          '<p>The Member States of the Conference on Interaction and Confidence-Building Measures in Asia,</p>',
          '<p><em>Reaffirming</em> their commitment to the principles of the Charter of the United Nations,</p>',
          '<p>Agree to strengthen dialogue and cooperation in the five dimensions of confidence-building measures.</p>',
        ],
      },
      {
        language: 'ru',
        status: 'ready',
        authoritative: true,
        title: 'Декларация о диалоге и мерах доверия в Азии (демонстрация)',
        paragraphs: [
          '<h2>Преамбула</h2>',
          '<p>Государства — члены Совещания по взаимодействию и мерам доверия в Азии,</p>',
          '<p><em>вновь подтверждая</em> свою приверженность принципам Устава Организации Объединённых Наций,</p>',
          '<p>договариваются укреплять диалог и сотрудничество в пяти измерениях мер доверия.</p>',
        ],
      },
      {
        language: 'zh',
        status: 'in-translation',
        authoritative: false,
        title: '关于亚洲对话与信任措施的宣言（演示）',
        paragraphs: ['<h2>序言</h2>', '<p>亚洲相互协作与信任措施会议成员国，</p>'],
      },
    ],
  },
  {
    body: 'SOC',
    type: 'concept-paper',
    series: 'limited',
    status: 'circulated',
    access: 'members',
    parties: [],
    submittedBy: 'KZ',
    versions: [
      {
        language: 'en',
        status: 'ready',
        authoritative: true,
        title: 'Concept paper on a CICA youth forum (demonstration)',
        paragraphs: ['<p>This paper proposes a youth forum to be convened every two years.</p>', '<ol><li>Objectives</li><li>Participants</li><li>Funding</li></ol>'],
      },
      { language: 'ru', status: 'awaited', authoritative: false, title: 'Концепция молодёжного форума СВМДА (демонстрация)', paragraphs: [] },
    ],
  },
  {
    body: 'MC',
    type: 'note',
    series: 'restricted',
    status: 'circulated',
    access: 'restricted',
    parties: ['KZ', 'CN'],
    submittedBy: null,
    versions: [
      {
        language: 'en',
        status: 'ready',
        authoritative: true,
        title: 'Note on the preparation of the Ministerial Council (demonstration)',
        paragraphs: ['<p>Addressed to Kazakhstan and China only: logistics of the coming meeting.</p>'],
      },
    ],
  },
];

/** A few documents for the demo: public, members-only and restricted, in several languages. */
export async function loadDocumentsDemo(trx: DB, ctx: Ctx): Promise<string[]> {
  const { symbolPrefix } = await requireProfile(trx);
  const now = ctx.clock.now();
  const year = now.getUTCFullYear();
  const date = now.toISOString().slice(0, 10);
  const symbols: string[] = [];
  for (const d of demoDocs) {
    if (!(await repo.bodyExists(trx, d.body))) continue;
    const parties = await repo.partiesByCodes(trx, [...d.parties, ...(d.submittedBy ? [d.submittedBy] : [])]);
    const addressed = d.parties.map((c) => parties.find((p) => p.code === c)?.id).filter((x): x is string => !!x);
    if (addressed.length !== d.parties.length) continue;
    const number = await repo.takeNextNumber(trx, { prefix: symbolPrefix, bodyCode: d.body, year, series: d.series });
    const symbol = formatSymbol({ prefix: symbolPrefix, body: d.body, year, series: d.series, number, rev: null, add: null, corr: null });
    const original = d.versions[0];
    const row = await repo.insertDocument(trx, {
      symbol,
      prefix: symbolPrefix,
      body_code: d.body,
      year,
      series: d.series,
      number,
      type: d.type,
      title: original.title,
      original_language: original.language,
      submitting_party_id: d.submittedBy ? (parties.find((p) => p.code === d.submittedBy)?.id ?? null) : null,
      document_date: date,
      status: d.status,
      access_level: d.access,
      created_by: null,
      created_at: now,
      updated_at: now,
    });
    await repo.setAddressedParties(trx, row.id, addressed);
    await repo.insertAccessHistory(trx, { documentId: row.id, at: now, actorUserId: null, change: 'set', from: null, to: d.access, partyIds: addressed, note: 'demo' });
    for (const [i, v] of d.versions.entries()) {
      const lang = await repo.insertLanguage(trx, {
        document_id: row.id,
        language: v.language,
        role: i === 0 ? 'original' : 'translation',
        status: v.status,
        authoritative: v.authoritative,
        title: v.title,
        created_at: now,
        updated_at: now,
      });
      if (v.paragraphs.length) {
        const paragraphs = v.paragraphs.map(sanitizeParagraph).map((html) => ({ html, plain: plainText(html) }));
        await repo.insertRevision(trx, { languageId: lang.id, n: 1, at: now, by: null, note: 'demo', paragraphs });
      }
    }
    await recordAudit(trx, ctx, { action: 'documents.create', objectType: 'document', objectId: row.id, after: { symbol, demo: true } });
    symbols.push(symbol);
  }
  return symbols.length ? [`Documents: ${symbols.join(', ')} (public, members-only, restricted to KZ and CN).`] : [];
}
