import { randomBytes } from 'node:crypto';
import countries from 'i18n-iso-countries';
import { createUserWithPassword } from '../../server/modules/identity/users.service.ts';
import { cicaParties } from '../../server/modules/registry/cica.data.ts';
import { type Ctx, type PartyKind, type Role, systemActor } from '../../server/shared/context.ts';
import type { TestApp } from './app.ts';

/**
 * People for API tests: parties made on demand, users with strong random passwords, and signing in
 * over real HTTP. Every helper works on the test app's own fresh database.
 */
export interface TestUser {
  id: string;
  email: string;
  password: string;
  name: string;
  role: Role;
  partyId: string;
  partyCode: string;
  partyKind: PartyKind;
}

export interface TestParty {
  id: string;
  code: string;
  kind: PartyKind;
}

let counter = 0;

export function systemCtx(t: TestApp): Ctx {
  return { actor: systemActor, requestId: null, clock: t.clock, baseUrl: t.url };
}

/** A strong password no rule refuses. */
export function strongPassword(): string {
  return `Tq7-${randomBytes(12).toString('base64url')}-x`;
}

/**
 * The party with this code, created when missing. Its kind is `kind`, else the CICA one (KZ a member
 * state, JP an observer state, OSCE an observer organisation, SEC the Secretariat), else member state.
 */
export async function ensureParty(t: TestApp, code: string, kind?: PartyKind): Promise<TestParty> {
  const upper = code.toUpperCase();
  const existing = await t.db.selectFrom('parties').select(['id', 'code', 'kind']).where('code', '=', upper).executeTakeFirst();
  if (existing) return existing;
  const facts = cicaParties.find((p) => p.code === upper);
  const k: PartyKind = kind ?? facts?.kind ?? 'member-state';
  const en = facts?.names?.en ?? countries.getName(upper, 'en') ?? upper;
  const row = await t.db
    .insertInto('parties')
    .values({ code: upper, kind: k, names: JSON.stringify({ en }), short_names: JSON.stringify({}), notes: JSON.stringify([]) })
    .onConflict((oc) => oc.column('code').doNothing())
    .returning(['id', 'code', 'kind'])
    .executeTakeFirst();
  return row ?? (await t.db.selectFrom('parties').select(['id', 'code', 'kind']).where('code', '=', upper).executeTakeFirstOrThrow());
}

export interface NewTestUser {
  partyCode: string;
  role: Role;
  email?: string;
  password?: string;
  name?: string;
  /** Kind of the party when it has to be created (default: the CICA kind of the code). */
  kind?: PartyKind;
  language?: string;
  timeZone?: string;
}

/** Creates an active user with a password (through the identity service, audited as the system). */
export async function createUser(t: TestApp, u: NewTestUser): Promise<TestUser> {
  const party = await ensureParty(t, u.partyCode, u.kind);
  const n = ++counter;
  const email = (u.email ?? `${u.role}.${party.code}.${n}.${randomBytes(3).toString('hex')}@test.example`).toLowerCase();
  const password = u.password ?? strongPassword();
  const name = u.name ?? `Person ${party.code} ${n}`;
  const view = await createUserWithPassword(t.db, systemCtx(t), {
    email,
    name,
    partyCode: party.code,
    role: u.role,
    password,
    language: u.language,
    timeZone: u.timeZone,
  });
  return { id: view.id, email, password, name, role: u.role, partyId: party.id, partyCode: party.code, partyKind: party.kind };
}

/** The `name=value` pair of the session cookie in a response, or null. */
export function sessionCookieFrom(headers: Headers): string | null {
  for (const c of headers.getSetCookie()) {
    const pair = c.split(';')[0];
    if (/^(__Host-)?concord_session=./.test(pair)) return pair;
  }
  return null;
}

/** Signs in over HTTP and returns the cookie to send (`concord_session=…`). Throws with the problem when refused. */
export async function signIn(t: TestApp, email: string, password: string, extra: { totp?: string; recoveryCode?: string } = {}): Promise<string> {
  const r = await t.post('/api/auth/login', { email, password, ...extra });
  const cookie = sessionCookieFrom(r.headers);
  if (r.status !== 200 || !cookie) throw new Error(`sign-in of ${email} failed: ${r.status} ${r.text}`);
  return cookie;
}

/** A new user with this role in this party, signed in. */
export async function asRole(t: TestApp, partyCode: string, role: Role, opts: Omit<NewTestUser, 'partyCode' | 'role'> = {}): Promise<{ cookie: string; user: TestUser }> {
  const user = await createUser(t, { ...opts, partyCode, role });
  return { cookie: await signIn(t, user.email, user.password), user };
}
