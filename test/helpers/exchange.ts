import { ensureFormTemplates } from '../../server/modules/exchange/exchange.service.ts';
import { cicaExchangeTemplates } from '../../server/modules/exchange/exchange.templates.ts';
import { saveProfile } from '../../server/modules/profile/profile.service.ts';
import { cicaProfile } from '../../server/modules/registry/cica.data.ts';
import type { TestApp } from './app.ts';
import { systemCtx } from './auth.ts';

/** The CICA profile (time zone Asia/Almaty) and the four exchange forms, loaded through the services. */
export async function seedExchange(t: TestApp): Promise<Record<string, string>> {
  const ctx = systemCtx(t);
  await t.db.transaction().execute(async (trx) => {
    const has = await trx.selectFrom('forum_profile').select('id').executeTakeFirst();
    if (!has) await saveProfile(trx, ctx, cicaProfile as Parameters<typeof saveProfile>[2]);
    await ensureFormTemplates(trx, ctx, cicaExchangeTemplates);
  });
  const rows = await t.db.selectFrom('exchange_forms').select(['id', 'code']).execute();
  return Object.fromEntries(rows.map((r) => [r.code, r.id]));
}

/** A valid prior notice of an exercise starting on `startDate`. */
export function exerciseData(name: string, startDate: string, endDate = startDate) {
  return {
    name,
    startDate,
    endDate,
    area: 'Karaganda region, polygon 49.5N 72.5E – 50.2N 73.8E',
    type: 'joint',
    forces: { personnel: 4200, battleTanks: 35, aircraft: 12 },
    invitedObservers: true,
  };
}

/** Valid annual information on forces and budget. */
export function annualData(total = 39_000) {
  return { currency: 'KZT', defenceBudget: 785_000, personnel: { total, land: 20_000 }, majorEquipment: { battleTanks: 300 } };
}
