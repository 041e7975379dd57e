import { sql } from 'kysely';
import type { DB } from '../../db/database.ts';
import type { Clock } from '../../shared/clock.ts';
import { type Ctx, systemActor } from '../../shared/context.ts';
import { cicaProfile } from '../registry/cica.data.ts';
import { loadCbmDemo } from '../cbm/cbm.demo.ts';
import { loadDecisionsDemo } from '../decisions/decisions.demo.ts';
import { loadDocumentsDemo } from '../documents/documents.demo.ts';
import { loadExchangeDemo } from '../exchange/exchange.demo.ts';
import { demoConcepts } from '../glossary/glossary.demo.ts';
import { loadGlossaryDemo } from '../glossary/glossary.service.ts';
import { loadDemoPeople } from '../identity/identity.demo.ts';
import { loadMeetingsDemo } from '../meetings/meetings.demo.ts';
import { getProfile, saveProfile } from '../profile/profile.service.ts';
import { cicaRegistryFacts } from '../registry/registry.facts.ts';
import { loadRegistryFacts } from '../registry/registry.service.ts';

export interface DemoSummary {
  forum: string;
  /** Lines to print: how to sign in, what was loaded. */
  lines: string[];
}

export async function isDatabaseEmpty(db: DB): Promise<boolean> {
  const profile = await getProfile(db);
  if (profile) return false;
  const { rows } = await sql<{ n: string }>`SELECT count(*) AS n FROM audit_events`.execute(db);
  return Number(rows[0]?.n ?? 0) === 0;
}

/** Loads the CICA demo profile in one transaction, built from the facts in the registry data. */
export async function loadDemo(db: DB, clock: Clock): Promise<DemoSummary> {
  const ctx: Ctx = { actor: systemActor, requestId: null, clock };
  let registry: Awaited<ReturnType<typeof loadRegistryFacts>> | undefined;
  let people: string[] = [];
  let exchange: string[] = [];
  let concepts = 0;
  let meetings: string[] = [];
  let documents: string[] = [];
  let decisions: string[] = [];
  let cbm: string[] = [];
  await db.transaction().execute(async (trx) => {
    await saveProfile(trx, ctx, cicaProfile as Parameters<typeof saveProfile>[2]);
    registry = await loadRegistryFacts(trx, ctx, cicaRegistryFacts);
    people = await loadDemoPeople(trx, ctx);
    exchange = await loadExchangeDemo(trx, ctx);
    concepts = await loadGlossaryDemo(trx, ctx, demoConcepts);
    meetings = await loadMeetingsDemo(trx, ctx);
    documents = await loadDocumentsDemo(trx, ctx);
    decisions = await loadDecisionsDemo(trx, ctx);
    cbm = await loadCbmDemo(trx, ctx);
  });
  return {
    forum: cicaProfile.name.en,
    lines: [
      `Loaded the demo profile of ${cicaProfile.name.en} (${cicaProfile.abbreviation.en}).`,
      `Registry: ${registry!.parties} parties, ${registry!.bodies} bodies, ${registry!.chairTerms} chair terms, ${registry!.secretariatHeads} Secretariat heads.`,
      ...people,
      ...exchange,
      `Glossary: ${concepts} key concepts in eight languages.`,
      ...meetings,
      ...documents,
      ...decisions,
      ...cbm,
    ],
  };
}
