import { DateTime } from 'luxon';
import type { DB } from '../../db/database.ts';
import type { Actor, Ctx } from '../../shared/context.ts';
import { can } from '../../shared/policy.ts';
import { type AuditEntry, recordAudit } from '../audit/audit.service.ts';
import { formatSymbol } from '../documents/document.ts';
import * as docs from '../documents/documents.repository.ts';
import { plainText, sanitizeParagraph } from '../documents/text.ts';
import { demoEmail } from '../identity/identity.demo.ts';
import { enqueueJob } from '../jobs/jobs.service.ts';
import { requireProfile } from '../profile/profile.service.ts';
import { currentChairPartyId } from '../registry/registry.service.ts';
import { checkLaunch, checkPosition, deriveState, instantToLocal, isAnnexed, type PositionKind, reminderSchedule, resolveSilenceExpiry, summarizePositions } from './decision.ts';
import { type Annex, circulateText, issueAdoptedDecision } from './decisions.documents.ts';
import { isOnBehalfOfChair } from './decisions.policy.ts';
import * as repo from './decisions.repository.ts';
import { accessOf, concludeJobKind, recordOf, reminderJobKind } from './decisions.service.ts';
import './decisions.policy.ts';

type Texts = Record<'en' | 'ru', { title: string; paragraphs: readonly string[] }>;

const chairmanship: Texts = {
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
};

const cbmPlan: Texts = {
  en: {
    title: 'Plan of CBM events for 2027 (demonstration)',
    paragraphs: [
      '<p>The Senior Officials Committee,</p>',
      '<p><em>recalling</em> the CICA Catalogue of Confidence Building Measures and the five dimensions of confidence-building measures,</p>',
      '<p><em>having considered</em> the proposals of the coordinating and co-coordinating Member States,</p>',
      '<ol><li>approves the Plan of CBM events for 2027 annexed hereto;</li><li>invites the coordinating Member States to inform the Secretariat of the dates and venues of the events at least sixty days in advance;</li><li>requests the Secretariat to report on the implementation of the Plan to the Committee at its last meeting of 2027.</li></ol>',
    ],
  },
  ru: {
    title: 'План мероприятий по мерам доверия на 2027 год (демонстрация)',
    paragraphs: [
      '<p>Комитет старших должностных лиц,</p>',
      '<p><em>ссылаясь</em> на Каталог мер доверия СВМДА и пять измерений мер доверия,</p>',
      '<p><em>рассмотрев</em> предложения координирующих и сокоординирующих государств-членов,</p>',
      '<ol><li>утверждает прилагаемый План мероприятий по мерам доверия на 2027 год;</li><li>предлагает координирующим государствам-членам сообщать Секретариату сроки и места проведения мероприятий не позднее чем за шестьдесят дней;</li><li>просит Секретариат доложить Комитету об осуществлении Плана на его последнем заседании в 2027 году.</li></ol>',
    ],
  },
};

const almatyAct: Texts = {
  en: {
    title: 'Statement on the 25th anniversary of the Almaty Act (demonstration)',
    paragraphs: [
      '<p>The Member States of the Conference on Interaction and Confidence Building Measures in Asia,</p>',
      '<p><em>marking</em> the twenty-fifth anniversary of the Almaty Act, adopted at the first CICA Summit on 4 June 2002,</p>',
      '<p>reaffirm their commitment to the principles of the Almaty Act and of the Declaration on the Principles Guiding Relations among the CICA Member States of 1999;</p>',
      '<p>resolve to continue the gradual transformation of CICA into a full-fledged international organization through consensus and dialogue.</p>',
    ],
  },
  ru: {
    title: 'Заявление по случаю 25-летия Алматинского акта (демонстрация)',
    paragraphs: [
      '<p>Государства — члены Совещания по взаимодействию и мерам доверия в Азии,</p>',
      '<p><em>отмечая</em> двадцать пятую годовщину Алматинского акта, принятого на первом саммите СВМДА 4 июня 2002 года,</p>',
      '<p>вновь подтверждают свою приверженность принципам Алматинского акта и Декларации о принципах, регулирующих отношения между государствами — членами СВМДА, 1999 года;</p>',
      '<p>преисполнены решимости продолжать поэтапную трансформацию СВМДА в полноценную международную организацию на основе консенсуса и диалога.</p>',
    ],
  },
};

const seminarVenue: Texts = {
  en: {
    title: 'Decision on the venue of the 2027 seminar on the security of information and communication technologies (demonstration)',
    paragraphs: [
      '<p>The Senior Officials Committee</p>',
      '<p>decides that the 2027 seminar on the security of information and communication technologies shall be held at the seat of the Secretariat in Astana.</p>',
    ],
  },
  ru: {
    title: 'Решение о месте проведения семинара 2027 года по безопасности информационно-коммуникационных технологий (демонстрация)',
    paragraphs: [
      '<p>Комитет старших должностных лиц</p>',
      '<p>постановляет провести семинар 2027 года по безопасности информационно-коммуникационных технологий в месте пребывания Секретариата в Астане.</p>',
    ],
  },
};

const DAY = 86_400_000;

/** A draft `L.` text of the SOC, ready in English and Russian (the working languages), as the documents demo makes its texts. */
async function insertDraftText(trx: DB, ctx: Ctx, text: Texts, at: Date): Promise<{ id: string; symbol: string }> {
  const { symbolPrefix } = await requireProfile(trx);
  const year = at.getUTCFullYear();
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
    document_date: at.toISOString().slice(0, 10),
    status: 'draft',
    access_level: 'members',
    created_by: null,
    created_at: at,
    updated_at: at,
  });
  await docs.insertAccessHistory(trx, { documentId: doc.id, at, actorUserId: null, change: 'set', from: null, to: 'members', partyIds: [], note: 'demo' });
  for (const [language, v] of Object.entries(text)) {
    const lang = await docs.insertLanguage(trx, {
      document_id: doc.id,
      language,
      role: language === 'en' ? 'original' : 'translation',
      status: 'ready',
      authoritative: true,
      title: v.title,
      created_at: at,
      updated_at: at,
    });
    const paragraphs = v.paragraphs.map(sanitizeParagraph).map((html) => ({ html, plain: plainText(html) }));
    await docs.insertRevision(trx, { languageId: lang.id, n: 1, at, by: null, note: 'demo', paragraphs });
  }
  await recordAudit(trx, ctx, { action: 'documents.create', objectType: 'document', objectId: doc.id, after: { symbol, demo: true } });
  return { id: doc.id, symbol };
}

/** A demo person as the actor they are when signed in (no session: the demo acts for them, and says so). */
async function demoActor(trx: DB, local: string): Promise<Actor> {
  const u = await trx
    .selectFrom('users')
    .innerJoin('parties', 'parties.id', 'users.party_id')
    .select(['users.id', 'users.party_id as partyId', 'parties.code as partyCode', 'parties.kind as partyKind', 'users.role'])
    .where('users.email', '=', demoEmail(local))
    .executeTakeFirstOrThrow();
  return { kind: 'user', userId: u.id, partyId: u.partyId, partyCode: u.partyCode, partyKind: u.partyKind as Actor['partyKind'], role: u.role as Actor['role'], mfa: false, sessionId: null, tokenScopes: null };
}

interface DemoPosition {
  /** The demo person who speaks for the state (its focal point or head of delegation). */
  by: string;
  kind: PositionKind;
  text?: string;
  /** When: this many days after the launch's local date, at this local time (HH:MM, the forum's zone). */
  day: number;
  time: string;
}

interface SilenceScenario {
  text: Texts;
  title: Record<'en' | 'ru', string>;
  /** Launched this many days before today (at 10:00 in the forum's zone); the expiry is the profile's default (days, closing hour, zone) from then. */
  launchedDaysAgo: number;
  positions: readonly DemoPosition[];
}

const derivedAt = (row: repo.DecisionRow, positions: ReadonlyArray<{ party_id: string; kind: PositionKind; recorded_at: Date | string }>, at: Date) =>
  deriveState(
    recordOf(row),
    summarizePositions(
      positions.map((p) => ({ partyId: p.party_id, kind: p.kind, at: new Date(p.recorded_at) })),
      row.member_party_ids ?? [],
      row.expires_at ? new Date(row.expires_at) : null,
    ),
    row.definition,
    at,
  );

/**
 * One decision under silence procedure, played through the rules the real flow applies: created as
 * a draft by the Chair, circulated (by the Chair's focal point, or the Secretariat on its behalf) at
 * the launch instant with the profile's default deadline, each position checked by the policy
 * (`decisions.recordPosition` for the demo person who speaks for the state) and the pure rule
 * (`checkPosition`) at the instant it is recorded, the state derived from the clock; if the deadline
 * has passed, concluded as the conclusion job does (the adopted text issued, reservations annexed).
 * Audited as the demo (the system actor, now), each entry marked `demo: true` with the simulated
 * instant and person. No notices are sent: nobody is told of events that did not happen; a decision
 * still open gets its conclusion and reminder jobs as a real launch does.
 */
async function silenceScenario(trx: DB, ctx: Ctx, s: SilenceScenario): Promise<{ id: string; symbol: string; state: string; issued: string | null }> {
  const profile = await requireProfile(trx);
  const now = ctx.clock.now();
  const zone = profile.timeZone;
  const launchDay = DateTime.fromJSDate(now, { zone }).startOf('day').minus({ days: s.launchedDaysAgo });
  const launchedAt = launchDay.set({ hour: 10 }).toJSDate();
  const localAt = (day: number, time: string) => {
    const [hour, minute] = time.split(':').map(Number);
    return launchDay.plus({ days: day }).set({ hour, minute }).toJSDate();
  };
  const createdAt = new Date(launchedAt.getTime() - DAY);
  const text = await insertDraftText(trx, ctx, s.text, createdAt);
  const chairAtLaunch = await currentChairPartyId(trx, launchedAt);
  let row = await repo.insertDecision(trx, {
    body_code: 'SOC',
    text_document_id: text.id,
    title: JSON.stringify(s.title),
    proposer_kind: 'chair',
    proposer_party_id: chairAtLaunch,
    procedure: 'silence',
    definition: profile.consensus.definition,
    outcome_access: 'public',
    created_by_user_id: null,
    created_at: createdAt,
  });
  await recordAudit(trx, ctx, { action: 'decisions.create', objectType: 'decision', objectId: row.id, after: { body: 'SOC', text: text.symbol, demo: true, at: createdAt.toISOString() } });

  // Circulation: the Chair's focal point if Azerbaijan chairs then, else the Secretariat's officer on the Chair's behalf.
  const launchFacts = { now: launchedAt, chairPartyId: chairAtLaunch };
  let launcher = await demoActor(trx, 'az.focal');
  const draft = derivedAt(row, [], launchedAt);
  if (!can(launcher, 'decisions.launch', accessOf(row, draft), launchFacts)) launcher = await demoActor(trx, 'officer');
  if (!can(launcher, 'decisions.launch', accessOf(row, draft), launchFacts)) throw new Error('demo: nobody may circulate the demo decision');
  checkLaunch(recordOf(row), draft);
  const expiry = resolveSilenceExpiry(launchedAt, { days: profile.consensus.silenceDays, closingHour: profile.consensus.silenceClosingHour, zone: profile.timeZone }, null);
  const members = await repo.memberStateIds(trx);
  const onBehalf = isOnBehalfOfChair(launcher, launchFacts);
  row = await repo.updateDecision(trx, row.id, {
    launched_at: launchedAt,
    launched_by_user_id: launcher.userId,
    launched_on_behalf_of_chair: onBehalf,
    member_party_ids: members,
    expires_at: expiry.instant,
    expiry_zone: expiry.local.zone,
    expiry_local_date: expiry.local.date,
    expiry_local_time: expiry.local.time,
  });
  const audits: AuditEntry[] = [
    {
      action: 'decisions.launch',
      objectType: 'decision',
      objectId: row.id,
      before: { state: draft.state },
      after: { procedure: 'silence', launchedAt: launchedAt.toISOString(), onBehalfOfChair: onBehalf, by: launcher.partyCode, expiry: { at: expiry.instant.toISOString(), ...expiry.local }, members: members.length, demo: true },
    },
  ];
  await circulateText(trx, ctx, text.id, row.id, audits);

  // Positions, each at its own instant, through the policy and the rule.
  const recorded: Array<repo.PositionRow & { party_code: string }> = [];
  for (const p of s.positions) {
    const at = localAt(p.day, p.time);
    if (at.getTime() >= now.getTime()) throw new Error('demo: a position cannot be recorded in the future');
    const actor = await demoActor(trx, p.by);
    const before = derivedAt(row, recorded.filter((r) => r.is_current), at);
    const facts = { now: at, chairPartyId: await currentChairPartyId(trx, at) };
    if (!can(actor, 'decisions.recordPosition', accessOf(row, before), facts)) throw new Error(`demo: ${p.by} may not record a position`);
    const current = recorded.find((r) => r.party_id === actor.partyId && r.is_current);
    const verdict = checkPosition(recordOf(row), before, current ? { partyId: current.party_id, kind: current.kind, at: new Date(current.recorded_at), text: current.text } : null, { kind: p.kind, text: p.text ?? null }, at);
    if (verdict !== 'record') continue;
    const inserted = await repo.insertPosition(trx, {
      decision_id: row.id,
      party_id: actor.partyId!,
      kind: p.kind,
      text: p.text?.trim() || null,
      recorded_by_user_id: actor.userId!,
      recorded_at: at,
      mfa: false,
      request_id: null,
    });
    if (current) {
      await repo.supersedePosition(trx, current.id, inserted.id);
      current.is_current = false;
    }
    recorded.push({ ...inserted, party_code: actor.partyCode! });
    audits.push({
      action: 'decisions.position',
      objectType: 'decision',
      objectId: row.id,
      before: current ? { positionId: current.id, kind: current.kind, text: current.text } : null,
      after: { positionId: inserted.id, party: actor.partyCode, kind: inserted.kind, text: inserted.text, state: derivedAt(row, recorded.filter((r) => r.is_current), at).state, demo: true, at: at.toISOString() },
    });
  }

  // The state now: still open (jobs scheduled as a launch does), or concluded as the job would.
  const positions = await repo.currentPositions(trx, row.id);
  const derived = derivedAt(row, positions, now);
  let issued: string | null = null;
  if (derived.state === 'adopted') {
    const annexRows = positions.filter((p) => isAnnexed(p.kind) && new Date(p.recorded_at) < expiry.instant);
    const parties = await repo.partiesByIds(trx, annexRows.map((p) => p.party_id));
    const annexes: Annex[] = annexRows.map((p) => {
      const party = parties.find((x) => x.id === p.party_id);
      return { kind: p.kind as Annex['kind'], text: p.text ?? '', partyCode: p.party_code, partyNames: { ...(party?.names ?? {}), ...(party?.short_names ?? {}) } };
    });
    const doc = await issueAdoptedDecision(
      trx,
      ctx,
      { decisionId: row.id, bodyCode: 'SOC', textDocumentId: text.id, title: s.title, accessLevel: 'public', symbolPrefix: profile.symbolPrefix, adoptionDay: instantToLocal(derived.decidedAt!, profile.timeZone).date, annexes },
      audits,
    );
    issued = doc.symbol;
    row = await repo.updateDecision(trx, row.id, { concluded_at: expiry.instant, outcome_document_id: doc.id });
    audits.push({
      action: 'decisions.adopt',
      objectType: 'decision',
      objectId: row.id,
      after: { state: 'adopted', decidedAt: derived.decidedAt!.toISOString(), symbol: doc.symbol, documentId: doc.id, annexes: annexes.map((a) => ({ party: a.partyCode, kind: a.kind })), demo: true },
    });
  } else if (derived.state === 'not-adopted') {
    row = await repo.updateDecision(trx, row.id, { concluded_at: expiry.instant });
    const codes = await repo.partiesByIds(trx, derived.blockingPartyIds);
    audits.push({
      action: 'decisions.not_adopt',
      objectType: 'decision',
      objectId: row.id,
      after: { state: 'not-adopted', decidedAt: derived.decidedAt!.toISOString(), blocking: codes.map((c) => c.code), demo: true },
    });
  } else {
    await enqueueJob(trx, ctx.clock, concludeJobKind, { decisionId: row.id }, { runAt: expiry.instant, dedupeKey: `${concludeJobKind}:${row.id}:${expiry.instant.toISOString()}` });
    for (const r of reminderSchedule(expiry.local, profile.consensus.reminderDaysBefore, now)) {
      await enqueueJob(trx, ctx.clock, reminderJobKind, { decisionId: row.id, localDate: r.localDate }, { runAt: r.at, dedupeKey: `${reminderJobKind}:${row.id}:${r.localDate}` });
    }
  }
  for (const a of audits) await recordAudit(trx, ctx, a);
  return { id: row.id, symbol: text.symbol, state: derived.state, issued };
}


/**
 * The demo's decisions, all of the SOC, all marked as demonstration:
 * - the SOC's recommendation of the next Chair, a draft under the Chair's name with its `L.` text
 *   ready in English and Russian, waiting for the Chair to circulate it under silence procedure (the
 *   scenario of the issue: the Chair circulates it, Türkiye enters a reservation, nobody objects, and
 *   it is adopted at 18:00 Astana time on the fourteenth day);
 * - the Plan of CBM events for 2027, circulated four days ago under silence procedure (the deadline
 *   ten days ahead at the profile's closing hour, Astana time): Azerbaijan joins, Türkiye does not
 *   object, India makes an interpretative statement; Kazakhstan has not acted yet, so its head of
 *   delegation and focal point see it awaiting their state's action;
 * - a statement on the 25th anniversary of the Almaty Act, adopted six days ago when silence held,
 *   issued with Türkiye's reservation annexed;
 * - a decision on a seminar's venue, not adopted: Kazakhstan broke silence with an objection.
 */
export async function loadDecisionsDemo(trx: DB, ctx: Ctx): Promise<string[]> {
  if (!(await docs.bodyExists(trx, 'SOC'))) return [];
  const profile = await requireProfile(trx);
  const now = ctx.clock.now();
  const draftText = await insertDraftText(trx, ctx, chairmanship, now);
  const decision = await repo.insertDecision(trx, {
    body_code: 'SOC',
    text_document_id: draftText.id,
    title: JSON.stringify({ en: 'Recommendation on the Chairmanship of CICA', ru: 'Рекомендация о председательстве в СВМДА' }),
    proposer_kind: 'chair',
    proposer_party_id: await currentChairPartyId(trx, now),
    procedure: 'silence',
    definition: profile.consensus.definition,
    outcome_access: 'public',
    created_by_user_id: null,
    created_at: now,
  });
  await recordAudit(trx, ctx, { action: 'decisions.create', objectType: 'decision', objectId: decision.id, after: { body: 'SOC', text: draftText.symbol, demo: true } });

  const plan = await silenceScenario(trx, ctx, {
    text: cbmPlan,
    title: { en: 'Plan of CBM events for 2027 (demonstration)', ru: 'План мероприятий по мерам доверия на 2027 год (демонстрация)' },
    launchedDaysAgo: profile.consensus.silenceDays - 10,
    positions: [
      { by: 'az.focal', kind: 'joins', day: 0, time: '15:20' },
      { by: 'tr.focal', kind: 'no-objection', day: 1, time: '11:45' },
      {
        by: 'in.focal',
        kind: 'interpretative-statement',
        text: 'India understands that participation in the events listed in the Plan is voluntary and that each Member State decides on its own contribution.',
        day: 2,
        time: '16:10',
      },
    ],
  });
  const statement = await silenceScenario(trx, ctx, {
    text: almatyAct,
    title: { en: 'Statement on the 25th anniversary of the Almaty Act (demonstration)', ru: 'Заявление по случаю 25-летия Алматинского акта (демонстрация)' },
    launchedDaysAgo: profile.consensus.silenceDays + 6,
    positions: [
      { by: 'kz.focal', kind: 'joins', day: 1, time: '09:30' },
      { by: 'az.focal', kind: 'joins', day: 1, time: '12:05' },
      { by: 'in.focal', kind: 'no-objection', day: 3, time: '14:40' },
      { by: 'tr.focal', kind: 'reservation', text: 'Türkiye joins the consensus on the understanding that the Statement does not prejudge the positions of Member States on the future institutional form of CICA.', day: 5, time: '17:15' },
    ],
  });
  const venue = await silenceScenario(trx, ctx, {
    text: seminarVenue,
    title: { en: 'Venue of the 2027 seminar on ICT security (demonstration)', ru: 'Место проведения семинара 2027 года по безопасности ИКТ (демонстрация)' },
    launchedDaysAgo: profile.consensus.silenceDays + 16,
    positions: [
      { by: 'az.focal', kind: 'joins', day: 1, time: '10:50' },
      { by: 'kz.focal', kind: 'objection', text: 'Kazakhstan proposes that the venue be decided after consultations on the dates with the coordinating Member States.', day: 2, time: '16:30' },
    ],
  });
  return [
    `Decisions: a draft SOC recommendation on the Chairmanship (${draftText.symbol}) for the Chair to circulate under silence procedure;`,
    `  the Plan of CBM events for 2027 (${plan.symbol}) under silence procedure (${plan.state}), awaiting Kazakhstan and others;`,
    `  the Statement on the 25th anniversary of the Almaty Act (${statement.symbol}), ${statement.state}${statement.issued ? `, issued as ${statement.issued} with Türkiye's reservation` : ''};`,
    `  the venue of the 2027 ICT security seminar (${venue.symbol}), ${venue.state}: silence broken by Kazakhstan's objection. All marked as demonstration.`,
  ];
}
