import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../config.ts';
import { ManualClock } from '../../shared/clock.ts';
import { jobHandlers } from '../jobs/handlers.ts';
import { runDueJobs } from '../jobs/jobs.service.ts';
import { type TestApp, testApp } from '../../../test/helpers/app.ts';
import { createDraftText, People, seedDecisionWorld } from '../../../test/helpers/decisions.ts';

/**
 * The silence procedure and decisions in session over real HTTP, on a controlled clock. The
 * clock starts on Monday 2 March 2026, 10:00 in Astana (05:00 UTC); Azerbaijan chairs.
 */
let t: TestApp;
let clock: ManualClock;
let people: People;
const handlers = jobHandlers({ config: loadConfig({}) });
const DAY = 86_400_000;

async function as(name: string | null) {
  return name ? { cookie: await people.cookie(name) } : {};
}
async function post(name: string | null, path: string, body: unknown, headers: Record<string, string> = {}) {
  return t.post(path, body, { ...(await as(name)), headers: await people.headersFor(name, path, headers) });
}
async function get(name: string | null, path: string) {
  return t.get(path, await as(name));
}
/** Runs every job due on the test clock, and waits for any the server's own worker picked up first. */
async function runJobs() {
  for (let i = 0; i < 200; i++) {
    while ((await runDueJobs(t.db, clock, handlers)) > 0) {
      /* drain */
    }
    const claimed = await t.db
      .selectFrom('jobs')
      .select('id')
      .where('status', '=', 'pending')
      .where('run_at', '<=', clock.now())
      .where('locked_until', '>', clock.now())
      .where('attempts', '<', 2)
      .executeTakeFirst();
    if (!claimed) return;
    await new Promise((r) => setTimeout(r, 25));
  }
}
async function auditOf(decisionId: string) {
  return t.db.selectFrom('audit_events').select(['action', 'after', 'actor_user_id']).where('object_id', '=', decisionId).orderBy('seq').execute();
}
async function newDraft(opts: { procedure?: 'silence' | 'in-session'; russian?: boolean; outcomeAccess?: string; title?: string } = {}) {
  const doc = await createDraftText(t, people.user('officer'), { russian: opts.russian, title: opts.title });
  const r = await post('officer', '/api/decisions', {
    bodyCode: 'SOC',
    title: { en: opts.title ?? 'Recommendation on the next Chairmanship', ru: 'Рекомендация о следующем председательстве' },
    textDocumentId: doc.id,
    procedure: opts.procedure ?? 'silence',
    proposerKind: 'chair',
    outcomeAccess: opts.outcomeAccess ?? 'public',
  });
  expect(r.status, r.text).toBe(201);
  return { decision: r.body, doc };
}
async function launched(opts: Parameters<typeof newDraft>[0] & { expiry?: unknown } = {}) {
  const { decision, doc } = await newDraft(opts);
  const r = await post('chair', `/api/decisions/${decision.id}/launch`, opts.expiry ? { expiry: opts.expiry } : {});
  expect(r.status, r.text).toBe(200);
  return { decision: r.body, doc };
}
const position = (name: string | null, id: string, body: unknown, headers: Record<string, string> = {}) => post(name, `/api/decisions/${id}/positions`, body, headers);

beforeAll(async () => {
  clock = new ManualClock('2026-03-02T05:00:00Z');
  t = await testApp({ clock });
  await seedDecisionWorld(t);
  people = new People(t);
  await people.add('officer', 'SEC', 'officer');
  await people.add('chair', 'AZ', 'focal-point', { timeZone: 'Asia/Baku' });
  await people.add('tr', 'TR', 'head-of-delegation', { language: 'tr', timeZone: 'Europe/Istanbul' });
  await people.add('kz', 'KZ', 'focal-point', { language: 'kk', timeZone: 'Asia/Almaty' });
  await people.add('cn', 'CN', 'head-of-delegation', { language: 'zh', timeZone: 'Asia/Shanghai' });
  await people.add('in', 'IN', 'head-of-delegation');
  await people.add('ru', 'RU', 'focal-point', { language: 'ru', timeZone: 'Europe/Moscow' });
  await people.add('kzDelegate', 'KZ', 'delegate');
  await people.add('kzViewer', 'KZ', 'viewer');
  await people.add('kzNoMfa', 'KZ', 'head-of-delegation', { mfa: false });
  await people.add('observer', 'JP', 'focal-point', { kind: 'observer-state' });
}, 120_000);

afterAll(async () => {
  await t?.close();
});

describe('silence procedure: the SOC recommendation of the next Chair', () => {
  let id: string;
  let expiry: string;

  it('is created as a draft by the Secretariat on the Chair’s behalf', async () => {
    const { decision } = await newDraft();
    id = decision.id;
    expect(decision.state).toBe('draft');
    expect(decision.proposer).toEqual({ kind: 'chair', partyCode: 'AZ' });
    expect(decision.can.launch).toBe(true);
  });

  it('is circulated by the Chair with a deadline 14 days later at 18:00 Astana time', async () => {
    const r = await post('chair', `/api/decisions/${id}/launch`, {});
    expect(r.status, r.text).toBe(200);
    expect(r.body.state).toBe('circulated');
    expect(r.body.expiry).toEqual({ at: '2026-03-16T13:00:00.000Z', date: '2026-03-16', time: '18:00', zone: 'Asia/Almaty' });
    expect(r.body.launchedOnBehalfOfChair).toBe(false);
    expiry = r.body.expiry.at;
    // Every member state's authorised people are told, in their language.
    const notices = await t.db.selectFrom('notifications').select(['user_id', 'kind', 'params']).where('object_id', '=', id).execute();
    const tr = notices.find((n) => n.user_id === people.user('tr').id);
    expect(tr?.kind).toBe('decisions.circulated');
    expect(String((tr?.params as Record<string, string> | undefined)?.deadlineLocal)).toContain('Asia/Almaty');
    expect(notices.some((n) => n.user_id === people.user('kzDelegate').id)).toBe(false);
  });

  it('circulates the L. draft so every member state can read it', async () => {
    const d = await get('kz', `/api/decisions/${id}`);
    const doc = await get('kz', `/api/documents/${d.body.textDocument.id}`);
    expect(doc.status, doc.text).toBe(200);
    expect(doc.body.status).toBe('circulated');
  });

  it('records Türkiye’s reservation and Kazakhstan joining consensus', async () => {
    const a = await position('tr', id, { kind: 'reservation', text: 'Türkiye reserves its position on paragraph 2.' });
    expect(a.status, a.text).toBe(201);
    expect(a.body.position).toMatchObject({ partyCode: 'TR', kind: 'reservation', isCurrent: true });
    const b = await position('kz', id, { kind: 'joins' });
    expect(b.status, b.text).toBe(201);
    expect(b.body.state).toBe('circulated');
  });

  it('shows members who said what, observers only the outcome', async () => {
    const m = await get('cn', `/api/decisions/${id}/positions`);
    expect(m.status).toBe(200);
    expect(m.body.members.find((x: any) => x.partyCode === 'TR').position.kind).toBe('reservation');
    expect(m.body.members.find((x: any) => x.partyCode === 'CN').position).toBeNull();
    const o = await get('observer', `/api/decisions/${id}/positions`);
    expect(o.status).toBe(200);
    expect(o.body.members).toBeNull();
    expect(o.body.history).toBeNull();
    const anon = await get(null, `/api/decisions/${id}`);
    expect(anon.status).toBe(404);
  });

  it('is still circulated one second before the deadline', async () => {
    clock.set(new Date(new Date(expiry).getTime() - 1000));
    const r = await get('cn', `/api/decisions/${id}`);
    expect(r.body.state).toBe('circulated');
    expect(r.body.acceptsPositions).toBe(true);
  });

  it('is adopted at 18:00 Astana time on the fourteenth day exactly, by the clock alone', async () => {
    clock.set(expiry);
    const r = await get('cn', `/api/decisions/${id}`);
    expect(r.body.state).toBe('adopted');
    expect(r.body.decidedAt).toBe(expiry);
    expect(r.body.annexes).toEqual([{ partyCode: 'TR', kind: 'reservation', text: 'Türkiye reserves its position on paragraph 2.', recordedAt: expect.any(String) }]);
  });

  it('refuses a position one second late', async () => {
    clock.set(new Date(new Date(expiry).getTime() + 1000));
    const r = await position('cn', id, { kind: 'objection', text: 'Too late, but we object.' });
    expect(r.status).toBe(409);
    expect(r.body.code).toBe('decisions.silence_expired');
    const d = await get('cn', `/api/decisions/${id}`);
    expect(d.body.state).toBe('adopted');
  });

  it('is issued as a document with its final symbol, the reservation annexed, once the job runs', async () => {
    await runJobs();
    const d = await get('cn', `/api/decisions/${id}`);
    expect(d.body.outcomeDocument?.symbol).toBe('CICA/SOC/2026/1');
    expect(d.body.concludedAt).not.toBeNull();
    const text = await get('cn', `/api/documents/${d.body.outcomeDocument.id}/parallel`);
    expect(text.status, text.text).toBe(200);
    expect(JSON.stringify(text.body)).toContain('Türkiye reserves its position on paragraph 2.');
    // Public outcome: the public sees it now, without who said what.
    const anon = await get(null, `/api/decisions/${id}`);
    expect(anon.status).toBe(200);
    expect(anon.body.state).toBe('adopted');
    expect(anon.body.blockingStates).toBeNull();
    expect(anon.body.progress).toBeNull();
    // A second run changes nothing.
    await runJobs();
    const audit = await auditOf(id);
    expect(audit.map((a) => a.action)).toEqual(['decisions.create', 'decisions.launch', 'decisions.position', 'decisions.position', 'decisions.adopt']);
    const adopted = await t.db.selectFrom('notifications').select('kind').where('object_id', '=', id).where('kind', '=', 'decisions.adopted').execute();
    expect(adopted.length).toBeGreaterThan(0);
  });
});

describe('silence broken, withdrawn objections, amendments, extension, withdrawal', () => {
  it('is broken by an objection: the Chair and every state are told; not adopted at expiry; who broke it is for members only', async () => {
    const { decision } = await launched();
    const r = await position('in', decision.id, { kind: 'objection', text: 'The text prejudges the Ministerial Council.' });
    expect(r.status, r.text).toBe(201);
    expect(r.body.state).toBe('silence-broken');
    const told = await t.db.selectFrom('notifications').select(['user_id']).where('object_id', '=', decision.id).where('kind', '=', 'decisions.silence_broken').execute();
    expect(told.map((n) => n.user_id)).toEqual(expect.arrayContaining([people.user('chair').id, people.user('kz').id, people.user('officer').id]));
    clock.set(decision.expiry.at);
    const m = await get('kz', `/api/decisions/${decision.id}`);
    expect(m.body.state).toBe('not-adopted');
    expect(m.body.blockingStates).toEqual(['IN']);
    const pub = await get(null, `/api/decisions/${decision.id}`);
    expect(pub.body.state).toBe('not-adopted');
    expect(pub.body.blockingStates).toBeNull();
    await runJobs();
    expect((await auditOf(decision.id)).map((a) => a.action).at(-1)).toBe('decisions.not_adopt');
    const d = await get('kz', `/api/decisions/${decision.id}`);
    expect(d.body.outcomeDocument).toBeNull();
  });

  it('holds again when the objection is withdrawn before expiry, and keeps the history', async () => {
    const { decision } = await launched();
    expect((await position('cn', decision.id, { kind: 'objection', text: 'Not yet.' })).status).toBe(201);
    clock.advance(3 * DAY);
    const w = await position('cn', decision.id, { kind: 'withdrawn-objection' });
    expect(w.status, w.text).toBe(201);
    expect(w.body.state).toBe('circulated');
    const p = await get('cn', `/api/decisions/${decision.id}/positions`);
    const mine = p.body.history.filter((h: any) => h.partyCode === 'CN');
    expect(mine.map((h: any) => [h.kind, h.isCurrent])).toEqual([
      ['objection', false],
      ['withdrawn-objection', true],
    ]);
    expect(mine[0].supersededBy).toBe(mine[1].id);
    clock.set(decision.expiry.at);
    expect((await get('cn', `/api/decisions/${decision.id}`)).body.state).toBe('adopted');
  });

  it('is broken by a proposed amendment', async () => {
    const { decision } = await launched();
    expect((await position('ru', decision.id, { kind: 'amendment' })).body.code).toBe('decisions.amendment_text_required');
    const r = await position('ru', decision.id, { kind: 'amendment', text: 'Replace “recommends” with “takes note of”.' });
    expect(r.status, r.text).toBe(201);
    clock.set(decision.expiry.at);
    const d = await get('ru', `/api/decisions/${decision.id}`);
    expect(d.body.state).toBe('not-adopted');
    expect(d.body.blockingStates).toEqual(['RU']);
  });

  it('is extended by the Chair before expiry: the old deadline passes without an outcome, the new one adopts', async () => {
    const { decision } = await launched();
    const old = decision.expiry.at;
    clock.set(new Date(new Date(old).getTime() - DAY));
    const e = await post('chair', `/api/decisions/${decision.id}/extend`, { expiry: { date: '2026-05-20', time: '12:00', zone: 'Europe/Vienna' }, reason: 'Time for capitals.' });
    expect(e.status, e.text).toBe(200);
    expect(e.body.expiry).toEqual({ at: '2026-05-20T10:00:00.000Z', date: '2026-05-20', time: '12:00', zone: 'Europe/Vienna' });
    expect(e.body.extensions).toHaveLength(1);
    expect(e.body.extensions[0].from.at).toBe(old);
    const told = await t.db.selectFrom('notifications').select('kind').where('object_id', '=', decision.id).where('kind', '=', 'decisions.extended').execute();
    expect(told.length).toBeGreaterThan(0);
    // Earlier than the current deadline: refused.
    const back = await post('chair', `/api/decisions/${decision.id}/extend`, { expiry: { date: '2026-05-19', time: '12:00', zone: 'Europe/Vienna' } });
    expect(back.status).toBe(422);
    expect(back.body.code).toBe('decisions.deadline_not_after_current');
    clock.set(old);
    await runJobs(); // the job of the old deadline runs and changes nothing
    const mid = await get('kz', `/api/decisions/${decision.id}`);
    expect(mid.body.state).toBe('circulated');
    expect(mid.body.concludedAt).toBeNull();
    clock.set('2026-05-20T10:00:00.000Z');
    expect((await get('kz', `/api/decisions/${decision.id}`)).body.state).toBe('adopted');
    await runJobs();
    expect((await get('kz', `/api/decisions/${decision.id}`)).body.outcomeDocument).not.toBeNull();
    expect((await auditOf(decision.id)).map((a) => a.action)).toEqual(['decisions.create', 'decisions.launch', 'decisions.extend', 'decisions.adopt']);
  });

  it('can be withdrawn by the Chair; positions are refused afterwards', async () => {
    const { decision } = await launched();
    const w = await post('chair', `/api/decisions/${decision.id}/withdraw`, { reason: 'Consultations continue.' });
    expect(w.status, w.text).toBe(200);
    expect(w.body.state).toBe('withdrawn');
    const p = await position('kz', decision.id, { kind: 'joins' });
    expect(p.status).toBe(409);
    expect(p.body.code).toBe('decisions.withdrawn');
    const again = await post('chair', `/api/decisions/${decision.id}/withdraw`, {});
    expect(again.status).toBe(409);
  });

  it('lets the Secretariat act on the Chair’s behalf, recorded as such', async () => {
    const { decision } = await newDraft();
    const r = await post('officer', `/api/decisions/${decision.id}/launch`, {});
    expect(r.status, r.text).toBe(200);
    expect(r.body.launchedOnBehalfOfChair).toBe(true);
    const audit = await auditOf(decision.id);
    expect(audit.at(-1)).toMatchObject({ action: 'decisions.launch', after: expect.objectContaining({ onBehalfOfChair: true }) });
  });

  it('refuses circulation before the working-language versions are ready', async () => {
    const { decision } = await newDraft({ russian: false });
    const r = await post('chair', `/api/decisions/${decision.id}/launch`, {});
    expect(r.status).toBe(422);
    expect(r.body.code).toBe('decisions.languages_not_ready');
    expect((await get('chair', `/api/decisions/${decision.id}`)).body.state).toBe('draft');
  });

  it('refuses an explicit deadline that is not after the launch, or a local time the clocks skip', async () => {
    const { decision } = await newDraft();
    const past = await post('chair', `/api/decisions/${decision.id}/launch`, { expiry: { date: '2020-01-01', time: '18:00', zone: 'Asia/Almaty' } });
    expect(past.status).toBe(422);
    expect(past.body.code).toBe('decisions.deadline_not_after_launch');
    const gap = await post('chair', `/api/decisions/${decision.id}/launch`, { expiry: { date: '2027-03-28', time: '02:30', zone: 'Europe/Vienna' } });
    expect(gap.status).toBe(422);
    expect(gap.body.code).toBe('decisions.deadline_nonexistent_time');
    const zone = await post('chair', `/api/decisions/${decision.id}/launch`, { expiry: { date: '2027-03-28', time: '12:30', zone: 'Mars/Olympus' } });
    expect(zone.status).toBe(400);
    expect(zone.body.errors[0].field).toBe('body.expiry.zone');
  });
});

describe('reminders', () => {
  it('reminds only the states that have not acted, on the days the profile says, once per day', async () => {
    const { decision } = await launched();
    await position('kz', decision.id, { kind: 'no-objection' });
    const jobs = await t.db.selectFrom('jobs').select(['kind', 'dedupe_key', 'run_at']).where('dedupe_key', 'like', `decisions.reminder:${decision.id}:%`).orderBy('run_at').execute();
    expect(jobs.map((j) => j.dedupe_key!.split(':').at(-1))).toHaveLength(2); // 7 and 2 days before
    clock.set(jobs[0].run_at);
    await runJobs();
    const reminded = await t.db.selectFrom('notifications').select('user_id').where('object_id', '=', decision.id).where('kind', '=', 'decisions.reminder').execute();
    const ids = reminded.map((r) => r.user_id);
    expect(ids).toContain(people.user('cn').id);
    expect(ids).not.toContain(people.user('kz').id);
    expect(ids).not.toContain(people.user('officer').id);
  });
});

describe('in session', () => {
  it('is adopted on the Chair’s recorded finding of no objection, reservations annexed', async () => {
    const { decision } = await newDraft({ procedure: 'in-session', title: 'Decision on the work plan' });
    const presented = await post('chair', `/api/decisions/${decision.id}/launch`, {});
    expect(presented.body.state).toBe('in-session');
    expect((await position('tr', decision.id, { kind: 'interpretative-statement', text: 'Türkiye understands paragraph 3 as non-binding.' })).status).toBe(201);
    const f = await post('chair', `/api/decisions/${decision.id}/finding`, { outcome: 'no-objection', note: 'It is so decided.' });
    expect(f.status, f.text).toBe(200);
    expect(f.body.state).toBe('adopted');
    expect(f.body.decidedAt).toBe(clock.now().toISOString());
    expect(f.body.outcomeDocument.symbol).toMatch(/^CICA\/SOC\/2026\/\d+$/);
    expect(f.body.annexes.map((a: any) => a.partyCode)).toEqual(['TR']);
  });

  it('is not adopted when the Chair records an objection, naming who objected', async () => {
    const { decision } = await newDraft({ procedure: 'in-session' });
    const bad = await post('chair', `/api/decisions/${decision.id}/finding`, { outcome: 'objection', objectorPartyCodes: [] });
    expect(bad.status).toBe(422);
    expect(bad.body.code).toBe('decisions.objectors_required');
    const f = await post('chair', `/api/decisions/${decision.id}/finding`, { outcome: 'objection', objectorPartyCodes: ['CN'] });
    expect(f.status, f.text).toBe(200);
    expect(f.body.state).toBe('not-adopted');
    expect(f.body.finding.objectors).toEqual(['CN']);
    expect(f.body.blockingStates).toEqual(['CN']);
    expect((await post('chair', `/api/decisions/${decision.id}/finding`, { outcome: 'no-objection' })).status).toBe(409);
  });
});
