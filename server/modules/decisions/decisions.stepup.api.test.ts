import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../shared/clock.ts';
import { type TestApp, testApp } from '../../../test/helpers/app.ts';
import { createDraftText, People, seedDecisionWorld } from '../../../test/helpers/decisions.ts';
import { socMeeting } from '../../../test/helpers/meetings.ts';

/**
 * The two-factor step-up of a position (a fresh TOTP code in X-TOTP-Code whenever something is
 * recorded), the default silence deadline the form to prepare a decision offers, and the meeting of
 * a decision taken in session.
 */
let t: TestApp;
let people: People;
let openId: string;

async function as(name: string | null) {
  return name ? { cookie: await people.cookie(name) } : {};
}
const post = async (name: string | null, path: string, body: unknown, headers: Record<string, string> = {}) =>
  t.post(path, body, { ...(await as(name)), headers: await people.headersFor(name, path, headers) });
const get = async (name: string | null, path: string) => t.get(path, await as(name));
const positionRows = (id: string) => t.db.selectFrom('decision_positions').selectAll().where('decision_id', '=', id).execute();
const decisionCount = async () => Number((await t.db.selectFrom('decisions').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n);

async function launchedDecision() {
  const doc = await createDraftText(t, people.user('officer'));
  const d = await post('officer', '/api/decisions', { bodyCode: 'SOC', title: { en: 'Decision on the CICA Fund' }, textDocumentId: doc.id, procedure: 'silence', proposerKind: 'secretariat' });
  expect(d.status, d.text).toBe(201);
  const r = await post('chair', `/api/decisions/${d.body.id}/launch`, {});
  expect(r.status, r.text).toBe(200);
  return r.body as { id: string };
}

beforeAll(async () => {
  t = await testApp({ clock: new ManualClock('2026-03-02T05:00:00Z') });
  await seedDecisionWorld(t);
  people = new People(t);
  await people.add('officer', 'SEC', 'officer');
  await people.add('chair', 'AZ', 'focal-point');
  await people.add('kzHead', 'KZ', 'head-of-delegation');
  await people.add('kzDelegate', 'KZ', 'delegate');
  await people.add('cnDelegate', 'CN', 'delegate');
  await people.add('trHead', 'TR', 'head-of-delegation');
  await people.add('observer', 'JP', 'focal-point', { kind: 'observer-state' });
  openId = (await launchedDecision()).id;
}, 120_000);

afterAll(async () => {
  await t?.close();
});

describe('the two-factor step-up of a position', () => {
  it('asks for the code when a position is to be recorded: 403 decisions.totp_required naming the header, nothing stored', async () => {
    const r = await post('kzHead', `/api/decisions/${openId}/positions`, { kind: 'objection', text: 'Not yet.' }, { 'x-totp-code': '' });
    expect(r.status, r.text).toBe(403);
    expect(r.headers.get('content-type')).toContain('application/problem+json');
    expect(r.body.code).toBe('decisions.totp_required');
    expect(r.body.errors).toEqual([expect.objectContaining({ field: 'x-totp-code' })]);
    expect(await positionRows(openId)).toHaveLength(0);
  });

  it('refuses a wrong code (422 decisions.totp_invalid) and a malformed one (400 naming the header), storing nothing', async () => {
    const wrong = await post('kzHead', `/api/decisions/${openId}/positions`, { kind: 'objection', text: 'Not yet.' }, { 'x-totp-code': '000000' });
    expect(wrong.status, wrong.text).toBe(422);
    expect(wrong.body.code).toBe('decisions.totp_invalid');
    expect(wrong.body.errors).toEqual([expect.objectContaining({ field: 'x-totp-code' })]);
    const malformed = await post('kzHead', `/api/decisions/${openId}/positions`, { kind: 'objection', text: 'Not yet.' }, { 'x-totp-code': 'abc' });
    expect(malformed.status, malformed.text).toBe(400);
    expect(JSON.stringify(malformed.body.errors)).toContain('x-totp-code');
    expect(await positionRows(openId)).toHaveLength(0);
  });

  it('records with a fresh code (positive control), refuses the same code for a second change, needs none to repeat the position', async () => {
    const code = (await people.totp('kzHead'))!;
    const first = await post('kzHead', `/api/decisions/${openId}/positions`, { kind: 'objection', text: 'Not yet.' }, { 'x-totp-code': code });
    expect(first.status, first.text).toBe(201);
    expect(first.body).toMatchObject({ changed: true, state: 'silence-broken' });
    const replayed = await post('kzHead', `/api/decisions/${openId}/positions`, { kind: 'withdrawn-objection' }, { 'x-totp-code': code });
    expect(replayed.status, replayed.text).toBe(422);
    expect(replayed.body.code).toBe('decisions.totp_invalid');
    const repeat = await post('kzHead', `/api/decisions/${openId}/positions`, { kind: 'objection', text: 'Not yet.' }, { 'x-totp-code': '' });
    expect(repeat.status, repeat.text).toBe(200);
    expect(repeat.body.changed).toBe(false);
    // The next code withdraws the objection: a new record supersedes the old one.
    const withdrawn = await post('kzHead', `/api/decisions/${openId}/positions`, { kind: 'withdrawn-objection' });
    expect(withdrawn.status, withdrawn.text).toBe(201);
    const rows = await positionRows(openId);
    expect(rows).toHaveLength(2);
    expect(rows.every((p) => p.mfa)).toBe(true);
    const audit = await t.db.selectFrom('audit_events').select('action').where('object_id', '=', openId).where('action', '=', 'decisions.position').execute();
    expect(audit).toHaveLength(2);
  });

  it('still refuses another state’s delegate, an observer and an anonymous caller before any code is looked at', async () => {
    const cn = await post('cnDelegate', `/api/decisions/${openId}/positions`, { kind: 'joins' });
    expect(cn.status).toBe(403);
    expect(cn.body.code).toBe('forbidden');
    const jp = await post('observer', `/api/decisions/${openId}/positions`, { kind: 'joins' });
    expect([403, 404]).toContain(jp.status);
    const anon = await post(null, `/api/decisions/${openId}/positions`, { kind: 'joins' }, { 'x-totp-code': '123456' });
    expect(anon.status).toBe(401);
    expect((await positionRows(openId)).filter((p) => p.recorded_by_user_id !== people.user('kzHead').id)).toHaveLength(0);
  });
});

describe('GET /api/decisions/silence-default', () => {
  it('gives the Secretariat and a member state’s focal point the profile’s default: 14 days later at 18:00 Astana time', async () => {
    for (const who of ['officer', 'chair', 'kzHead']) {
      const r = await get(who, '/api/decisions/silence-default');
      expect(r.status, `${who}: ${r.text}`).toBe(200);
      expect(r.body).toEqual({
        expiry: { at: '2026-03-16T13:00:00.000Z', date: '2026-03-16', time: '18:00', zone: 'Asia/Almaty' },
        silenceDays: 14,
        closingHour: '18:00',
        zone: 'Asia/Almaty',
      });
    }
  });

  it('refuses an anonymous caller (401), a delegate of another state and an observer (403)', async () => {
    expect((await get(null, '/api/decisions/silence-default')).status).toBe(401);
    for (const who of ['cnDelegate', 'kzDelegate', 'observer']) {
      const r = await get(who, '/api/decisions/silence-default');
      expect(r.status, who).toBe(403);
      expect(r.headers.get('content-type')).toContain('application/problem+json');
    }
  });
});

describe('a decision taken in session names its meeting', () => {
  it('accepts a meeting of the body (positive control) and refuses an unknown meeting, one of another body, or one for a silence procedure, naming meetingId, storing nothing', async () => {
    const meeting = await post('officer', '/api/meetings', socMeeting());
    expect(meeting.status, meeting.text).toBe(201);
    const other = await post('officer', '/api/meetings', socMeeting({ body: 'MC', ordinal: 3, presidingParty: 'AZ' }));
    expect(other.status, other.text).toBe(201);
    const base = { bodyCode: 'SOC', title: { en: 'Work plan' }, procedure: 'in-session', proposerKind: 'secretariat' };
    const ok = await post('officer', '/api/decisions', { ...base, meetingId: meeting.body.id });
    expect(ok.status, ok.text).toBe(201);
    expect(ok.body.meetingId).toBe(meeting.body.id);
    const before = await decisionCount();
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ ...base, meetingId: '00000000-0000-4000-8000-000000000000' }, 'decisions.unknown_meeting'],
      [{ ...base, procedure: 'silence', meetingId: meeting.body.id }, 'decisions.meeting_not_in_session'],
      [{ ...base, meetingId: other.body.id }, 'decisions.meeting_body_mismatch'],
    ];
    for (const [body, code] of cases) {
      const r = await post('officer', '/api/decisions', body);
      expect(r.status, r.text).toBe(422);
      expect(r.body.code).toBe(code);
      expect(r.body.errors).toEqual([expect.objectContaining({ field: 'meetingId' })]);
    }
    const bad = await post('officer', '/api/decisions', { ...base, meetingId: 'not-a-uuid' });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body.errors)).toContain('meetingId');
    expect(await decisionCount()).toBe(before);
  });
});
