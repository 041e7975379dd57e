import type { DB } from '../../db/database.ts';
import type { Clock } from '../../shared/clock.ts';
import type { Actor, Ctx, PartyKind, Role } from '../../shared/context.ts';
import { localDay, startOfDayInZone } from './due-rules.ts';
import { createSubmissionIn, ensureFormTemplates, forumTimeZone } from './exchange.service.ts';
import { cicaExchangeTemplates } from './exchange.templates.ts';

/**
 * Demo data of the information exchange: the four CICA forms, and a few submissions of last year
 * (dated when they would have been made) by the demo parties whose focal points exist. Nothing is
 * delivered to recipients here, so loading the demo sends no notification.
 */
export async function loadExchangeDemo(trx: DB, ctx: Ctx): Promise<string[]> {
  const added = await ensureFormTemplates(trx, ctx, cicaExchangeTemplates);
  const tz = await forumTimeZone(trx);
  const now = ctx.clock.now();
  const year = Number(localDay(now, tz).slice(0, 4));
  const at = (day: string, hour: number): Clock => {
    const t = new Date(startOfDayInZone(day, tz).getTime() + hour * 3_600_000);
    return { now: () => t };
  };
  const filed: string[] = [];
  const file = async (email: string, clock: Clock, body: Parameters<typeof createSubmissionIn>[2]) => {
    if (clock.now() > now) return;
    const actor = await demoActor(trx, email);
    if (!actor) return;
    await createSubmissionIn(trx, { ...ctx, actor, clock }, body, tz);
    filed.push(`${actor.partyCode} ${body.form} ${body.year ?? ''}`.trim());
  };
  await file('kz.focal@demo.concord.example', at(`${year - 1}-04-10`, 10), {
    form: 'annual-forces-budget',
    year: year - 1,
    kind: 'data',
    visibility: 'members',
    submit: true,
    data: {
      currency: 'KZT',
      defenceBudget: 785_000,
      budgetShareOfGdp: 0.6,
      personnel: { total: 39_000, land: 20_000, air: 12_000, naval: 3_000, other: 4_000 },
      majorEquipment: { battleTanks: 300, armouredCombatVehicles: 1_100, artillery: 600, combatAircraft: 100, attackHelicopters: 40, majorNavalVessels: 0 },
      foreignForces: 'None.',
      remarks: 'Demonstration figures, not official data.',
    },
  });
  await file('tr.focal@demo.concord.example', at(`${year - 1}-07-03`, 11), {
    form: 'national-report',
    year: year - 1,
    kind: 'nothing-new',
    nothingNewSince: year - 2,
    visibility: 'public',
    submit: true,
  });
  await file('az.focal@demo.concord.example', at(`${year}-01-20`, 9), {
    form: 'points-of-contact',
    year,
    kind: 'data',
    visibility: 'members',
    submit: true,
    data: {
      contacts: [
        { area: 'MP.1', name: 'Demo Contact One', function: 'Head of the arms control division', phone: '+994 12 000 00 00', email: 'mp1@demo.concord.example' },
        { area: 'ECO.5', name: 'Demo Contact Two', function: 'Transport corridors desk', phone: '+994 12 000 00 01', email: 'eco5@demo.concord.example' },
      ],
    },
  });
  return [`Information exchange: ${added} forms; ${filed.length} example submissions (${filed.join('; ') || 'none'}).`];
}

async function demoActor(trx: DB, email: string): Promise<Actor | null> {
  const row = await trx
    .selectFrom('users as u')
    .innerJoin('parties as p', 'p.id', 'u.party_id')
    .select(['u.id', 'u.party_id', 'u.role', 'p.code', 'p.kind'])
    .where('u.email', '=', email)
    .executeTakeFirst();
  if (!row) return null;
  return {
    kind: 'user',
    userId: row.id,
    partyId: row.party_id,
    partyCode: row.code,
    partyKind: row.kind as PartyKind,
    role: row.role as Role,
    mfa: false,
    sessionId: null,
    tokenScopes: null,
  };
}
