import { sql } from 'kysely';
import type { DB } from '../../db/database.ts';
import type { Clock } from '../../shared/clock.ts';
import { type Ctx, systemActor } from '../../shared/context.ts';
import { cicaProfile } from '../registry/cica.data.ts';
import { getProfile, saveProfile } from '../profile/profile.service.ts';

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
  await db.transaction().execute(async (trx) => {
    await saveProfile(trx, ctx, cicaProfile as Parameters<typeof saveProfile>[2]);
  });
  return {
    forum: cicaProfile.name.en,
    lines: [`Loaded the demo profile of ${cicaProfile.name.en} (${cicaProfile.abbreviation.en}).`],
  };
}
