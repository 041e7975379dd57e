import { loadCbmCatalogue } from '../../server/modules/cbm/cbm.demo.ts';
import { formatSymbol } from '../../server/modules/documents/document.ts';
import * as docs from '../../server/modules/documents/documents.repository.ts';
import type { TestApp } from './app.ts';
import { ensureParty, systemCtx } from './auth.ts';
import { seedDocumentBasics } from './documents.ts';

/**
 * The CBM catalogue on a fresh test database: the profile and bodies, the given parties (their known
 * coordination terms are loaded for those present), then the five dimensions, areas, measures and terms
 * from the CICA facts. Loaded once per database.
 */
export async function seedCbm(t: Pick<TestApp, 'db' | 'clock' | 'url'>, partyCodes: readonly string[] = ['IN', 'KZ', 'CN', 'TR', 'AZ', 'UZ', 'RU', 'JP', 'SEC']): Promise<void> {
  await seedDocumentBasics(t);
  for (const code of partyCodes) await ensureParty(t as TestApp, code);
  const loaded = await t.db.selectFrom('cbm_dimensions').select('code').executeTakeFirst();
  if (loaded) return;
  await t.db.transaction().execute((trx) => loadCbmCatalogue(trx, systemCtx(t as TestApp)));
}

let docNo = 0;
/** A circulated SOC document with the given access level, made straight through the documents repository. */
export async function cbmDocument(t: Pick<TestApp, 'db' | 'clock'>, access: 'public' | 'members' = 'public', title = 'CBM test document') {
  const now = t.clock.now();
  const year = 2090;
  const number = await docs.takeNextNumber(t.db, { prefix: 'CICA', bodyCode: 'SOC', year, series: 'general' });
  docNo++;
  return docs.insertDocument(t.db, {
    symbol: formatSymbol({ prefix: 'CICA', body: 'SOC', year, series: 'general', number, rev: null, add: null, corr: null }),
    prefix: 'CICA',
    body_code: 'SOC',
    year,
    series: 'general',
    number,
    type: 'concept-paper',
    title: `${title} ${docNo}`,
    original_language: 'en',
    submitting_party_id: null,
    document_date: now.toISOString().slice(0, 10),
    status: 'circulated',
    access_level: access,
    created_by: null,
    created_at: now,
    updated_at: now,
  });
}
