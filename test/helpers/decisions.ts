import { createDocument, saveText, updateLanguage } from '../../server/modules/documents/documents.service.ts';
import { newTotpSecret, totpAt } from '../../server/modules/identity/totp.ts';
import type { Actor, Ctx, Role } from '../../server/shared/context.ts';
import type { TestApp } from './app.ts';
import { createUser, ensureParty, signIn, type TestParty, type TestUser } from './auth.ts';
import { seedDocumentBasics } from './documents.ts';

/** CICA's member states used by decision tests (AZ chairs on the test clock's day). */
export const someMembers = ['AZ', 'KZ', 'TR', 'CN', 'IN', 'RU'] as const;

/**
 * Profile, bodies, member states, the Secretariat, and Azerbaijan's chair term (2024-12-17 to 2026),
 * on a fresh test database.
 */
export async function seedDecisionWorld(t: TestApp, members: readonly string[] = someMembers): Promise<Record<string, TestParty>> {
  await seedDocumentBasics(t);
  const parties: Record<string, TestParty> = {};
  for (const code of members) parties[code] = await ensureParty(t, code, 'member-state');
  parties.SEC = await ensureParty(t, 'SEC', 'secretariat');
  const az = parties.AZ ?? (await ensureParty(t, 'AZ', 'member-state'));
  const hasTerm = await t.db.selectFrom('chair_terms').select('id').where('party_id', '=', az.id).executeTakeFirst();
  if (!hasTerm) {
    await t.db.insertInto('chair_terms').values({ party_id: az.id, start_date: '2024-12-17', end_date: '2026', how_decided: 'decision tests' }).execute();
  }
  return parties;
}

/** A user who signed in with a TOTP code: the session is confirmed with a second factor (mfa). */
export async function asMfaRole(t: TestApp, partyCode: string, role: Role, opts: { timeZone?: string; language?: string } = {}): Promise<{ cookie: string; user: TestUser }> {
  const user = await createUser(t, { partyCode, role, ...opts });
  const secret = newTotpSecret();
  await t.db.updateTable('users').set({ totp_secret: secret, totp_enabled: true }).where('id', '=', user.id).execute();
  const cookie = await signIn(t, user.email, user.password, { totp: totpAt(secret, t.clock.now()) });
  return { cookie, user };
}

export function actorOf(u: TestUser, mfa = true): Actor {
  return { kind: 'user', userId: u.id, partyId: u.partyId, partyCode: u.partyCode, partyKind: u.partyKind, role: u.role, mfa, sessionId: `test-${u.id}`, tokenScopes: null };
}

export function ctxAs(t: TestApp, u: TestUser, mfa = true): Ctx {
  return { actor: actorOf(u, mfa), requestId: null, clock: t.clock, baseUrl: t.url };
}

/**
 * An `L.` draft of a body in English and Russian, both ready (the CICA working languages), made by a
 * Secretariat officer through the documents service. `russian: false` leaves the Russian version awaited.
 */
export async function createDraftText(t: TestApp, officer: TestUser, opts: { body?: string; title?: string; russian?: boolean; accessLevel?: 'members' | 'public' } = {}) {
  const ctx = ctxAs(t, officer);
  const doc = await createDocument(t.db, ctx, {
    type: 'decision',
    bodyCode: opts.body ?? 'SOC',
    title: opts.title ?? 'Recommendation on the next Chairmanship',
    originalLanguage: 'en',
    accessLevel: opts.accessLevel ?? 'members',
    addressedParties: [],
    series: 'limited',
    translations: ['ru'],
  });
  await saveText(t.db, ctx, doc.id, 'en', { paragraphs: ['<p>The Senior Officials Committee recommends to the Ministerial Council the Chairmanship of the next term.</p>'] });
  await saveText(t.db, ctx, doc.id, 'ru', { paragraphs: ['<p>Комитет старших должностных лиц рекомендует Совету министров председательство на следующий срок.</p>'] });
  if (opts.russian !== false) await updateLanguage(t.db, ctx, doc.id, 'ru', { status: 'ready' });
  return doc as { id: string; symbol: string };
}

interface Person {
  user: TestUser;
  secret: string | null;
  cookie: string | null;
  signedAt: number;
}

/**
 * Signed-in people for tests that move the clock by days: a cookie is renewed (a new sign-in, with
 * a TOTP code for the clock's time) when the session would have timed out on the test clock.
 */
export class People {
  private readonly people = new Map<string, Person>();
  constructor(private readonly t: TestApp) {}

  async add(name: string, partyCode: string, role: Role, opts: { mfa?: boolean; timeZone?: string; language?: string; kind?: TestParty['kind'] } = {}): Promise<TestUser> {
    const user = await createUser(this.t, { partyCode, role, timeZone: opts.timeZone, language: opts.language, kind: opts.kind });
    let secret: string | null = null;
    if (opts.mfa !== false) {
      secret = newTotpSecret();
      await this.t.db.updateTable('users').set({ totp_secret: secret, totp_enabled: true }).where('id', '=', user.id).execute();
    }
    this.people.set(name, { user, secret, cookie: null, signedAt: 0 });
    return user;
  }

  user(name: string): TestUser {
    const p = this.people.get(name);
    if (!p) throw new Error(`no person ${name}`);
    return p.user;
  }

  /**
   * A TOTP code for a position's two-factor step-up: valid at the clock's time (the current step or
   * one either side) and not yet spent on a step-up by this person. Null for a person without two-factor.
   */
  async totp(name: string): Promise<string | null> {
    const p = this.people.get(name);
    if (!p) throw new Error(`no person ${name}`);
    if (!p.secret) return null;
    const now = this.t.clock.now().getTime();
    const step = Math.floor(now / 1000 / 30);
    const spent = new Set((await this.t.db.selectFrom('decision_step_ups').select('step').where('user_id', '=', p.user.id).execute()).map((r) => Number(r.step)));
    for (const s of [step, step + 1, step - 1]) {
      if (!spent.has(s)) return totpAt(p.secret, new Date(s * 30_000 + 15_000));
    }
    throw new Error(`${name} has spent every code valid at ${new Date(now).toISOString()}: move the clock on`);
  }

  /** The headers of a request by `name`: a position gets the step-up code unless the test sets one (or `x-totp-code: ''` for none). */
  async headersFor(name: string | null, path: string, headers: Record<string, string> = {}): Promise<Record<string, string>> {
    if (!name || !/\/positions$/.test(path) || 'x-totp-code' in headers) {
      const { 'x-totp-code': code, ...rest } = headers;
      return code ? { ...rest, 'x-totp-code': code } : rest;
    }
    const code = await this.totp(name);
    return code ? { ...headers, 'x-totp-code': code } : headers;
  }

  async cookie(name: string): Promise<string> {
    const p = this.people.get(name);
    if (!p) throw new Error(`no person ${name}`);
    const now = this.t.clock.now().getTime();
    if (!p.cookie || now - p.signedAt > 20 * 60_000 || now < p.signedAt) {
      p.cookie = await signIn(this.t, p.user.email, p.user.password, p.secret ? { totp: totpAt(p.secret, this.t.clock.now()) } : {});
      p.signedAt = now;
    }
    return p.cookie;
  }
}
