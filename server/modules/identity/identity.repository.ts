import { sql } from 'kysely';
import type { DB } from '../../db/database.ts';
import type { PartyKind, Role } from '../../shared/context.ts';
import type { UserStatus } from './identity.ts';

/** The only SQL of the identity module. */

export interface UserRecord {
  id: string;
  email: string;
  name: string;
  language: string;
  timeZone: string;
  role: Role;
  status: UserStatus;
  partyId: string;
  partyCode: string;
  partyKind: PartyKind;
  partyNames: Record<string, string>;
  passwordHash: string | null;
  passwordChangedAt: Date | null;
  totpSecret: string | null;
  totpEnabled: boolean;
  totpLastStep: number | null;
  createdAt: Date;
  updatedAt: Date;
}

function userQuery(db: DB) {
  return db
    .selectFrom('users as u')
    .innerJoin('parties as p', 'p.id', 'u.party_id')
    .select([
      'u.id',
      'u.email',
      'u.name',
      'u.language',
      'u.time_zone',
      'u.role',
      'u.status',
      'u.party_id',
      'p.code as party_code',
      'p.kind as party_kind',
      'p.names as party_names',
      'u.password_hash',
      'u.password_changed_at',
      'u.totp_secret',
      'u.totp_enabled',
      'u.totp_last_step',
      'u.created_at',
      'u.updated_at',
    ]);
}

type UserRow = Awaited<ReturnType<ReturnType<typeof userQuery>['executeTakeFirstOrThrow']>>;

function toUser(r: UserRow): UserRecord {
  return {
    id: r.id,
    email: r.email,
    name: r.name,
    language: r.language,
    timeZone: r.time_zone,
    role: r.role,
    status: r.status,
    partyId: r.party_id,
    partyCode: r.party_code,
    partyKind: r.party_kind,
    partyNames: r.party_names as Record<string, string>,
    passwordHash: r.password_hash,
    passwordChangedAt: r.password_changed_at,
    totpSecret: r.totp_secret,
    totpEnabled: r.totp_enabled,
    totpLastStep: r.totp_last_step === null ? null : Number(r.totp_last_step),
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

export async function findUserById(db: DB, id: string): Promise<UserRecord | null> {
  const r = await userQuery(db).where('u.id', '=', id).executeTakeFirst();
  return r ? toUser(r) : null;
}

export async function findUserByEmail(db: DB, email: string): Promise<UserRecord | null> {
  const r = await userQuery(db)
    .where(sql<string>`lower(u.email)`, '=', email.toLowerCase())
    .executeTakeFirst();
  return r ? toUser(r) : null;
}

/** Locks the user's row for the rest of the transaction (serialises concurrent changes to one account). */
export async function lockUser(trx: DB, id: string): Promise<void> {
  await trx.selectFrom('users').select('id').where('id', '=', id).forUpdate().execute();
}

export interface UserFilter {
  partyId?: string;
  status?: UserStatus;
  role?: Role;
  q?: string;
  limit: number;
  offset: number;
}

export async function listUsers(db: DB, f: UserFilter): Promise<{ items: UserRecord[]; total: number }> {
  let q = userQuery(db);
  if (f.partyId) q = q.where('u.party_id', '=', f.partyId);
  if (f.status) q = q.where('u.status', '=', f.status);
  if (f.role) q = q.where('u.role', '=', f.role);
  if (f.q) {
    const like = `%${f.q.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    q = q.where((eb) => eb.or([eb(sql`lower(u.name)`, 'like', like), eb('u.email', 'like', like)]));
  }
  const rows = await q.orderBy('p.code').orderBy('u.name').orderBy('u.id').limit(f.limit).offset(f.offset).execute();
  let cq = db.selectFrom('users as u').select(sql<string>`count(*)`.as('n'));
  if (f.partyId) cq = cq.where('u.party_id', '=', f.partyId);
  if (f.status) cq = cq.where('u.status', '=', f.status);
  if (f.role) cq = cq.where('u.role', '=', f.role);
  if (f.q) {
    const like = `%${f.q.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    cq = cq.where((eb) => eb.or([eb(sql`lower(u.name)`, 'like', like), eb('u.email', 'like', like)]));
  }
  const { n } = await cq.executeTakeFirstOrThrow();
  return { items: rows.map(toUser), total: Number(n) };
}

export async function insertUser(
  trx: DB,
  v: { email: string; name: string; language: string; timeZone: string; partyId: string; role: Role; passwordHash: string | null; now: Date },
): Promise<string> {
  const r = await trx
    .insertInto('users')
    .values({
      email: v.email,
      name: v.name,
      language: v.language,
      time_zone: v.timeZone,
      party_id: v.partyId,
      role: v.role,
      password_hash: v.passwordHash,
      password_changed_at: v.passwordHash ? v.now : null,
      created_at: v.now,
      updated_at: v.now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return r.id;
}

export interface UserPatch {
  name?: string;
  language?: string;
  timeZone?: string;
  role?: Role;
  status?: UserStatus;
  passwordHash?: string;
  totpSecret?: string | null;
  totpEnabled?: boolean;
  totpLastStep?: number | null;
}

export async function updateUserRow(trx: DB, id: string, p: UserPatch, now: Date): Promise<void> {
  await trx
    .updateTable('users')
    .set({
      ...(p.name !== undefined && { name: p.name }),
      ...(p.language !== undefined && { language: p.language }),
      ...(p.timeZone !== undefined && { time_zone: p.timeZone }),
      ...(p.role !== undefined && { role: p.role }),
      ...(p.status !== undefined && { status: p.status }),
      ...(p.passwordHash !== undefined && { password_hash: p.passwordHash, password_changed_at: now }),
      ...(p.totpSecret !== undefined && { totp_secret: p.totpSecret }),
      ...(p.totpEnabled !== undefined && { totp_enabled: p.totpEnabled }),
      ...(p.totpLastStep !== undefined && { totp_last_step: p.totpLastStep }),
      updated_at: now,
    })
    .where('id', '=', id)
    .execute();
}

export async function countActiveAdmins(db: DB, exceptUserId: string): Promise<number> {
  const r = await db
    .selectFrom('users')
    .select(sql<string>`count(*)`.as('n'))
    .where('role', '=', 'admin')
    .where('status', '=', 'active')
    .where('id', '<>', exceptUserId)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

// ---------------------------------------------------------------------------------------------
// Parties (read-only here: the registry owns them)

export interface PartyRef {
  id: string;
  code: string;
  kind: PartyKind;
  names: Record<string, string>;
}

export async function findPartyByCode(db: DB, code: string): Promise<PartyRef | null> {
  const r = await db.selectFrom('parties').select(['id', 'code', 'kind', 'names']).where('code', '=', code.toUpperCase()).executeTakeFirst();
  return r ? { id: r.id, code: r.code, kind: r.kind, names: r.names as Record<string, string> } : null;
}

export async function findPartyById(db: DB, id: string): Promise<PartyRef | null> {
  const r = await db.selectFrom('parties').select(['id', 'code', 'kind', 'names']).where('id', '=', id).executeTakeFirst();
  return r ? { id: r.id, code: r.code, kind: r.kind, names: r.names as Record<string, string> } : null;
}

// ---------------------------------------------------------------------------------------------
// Sessions

export async function insertSession(
  trx: DB,
  s: { id: string; userId: string; now: Date; expiresAt: Date; idleTimeoutSeconds: number; mfa: boolean; userAgent: string | null; ip: string | null },
): Promise<void> {
  await trx
    .insertInto('sessions')
    .values({
      id: s.id,
      user_id: s.userId,
      created_at: s.now,
      last_seen_at: s.now,
      expires_at: s.expiresAt,
      idle_timeout_seconds: s.idleTimeoutSeconds,
      mfa: s.mfa,
      user_agent: s.userAgent,
      ip: s.ip,
    })
    .execute();
}

export interface SessionActorRow {
  sessionId: string;
  userId: string;
  createdAt: Date;
  lastSeenAt: Date;
  expiresAt: Date;
  idleTimeoutSeconds: number;
  mfa: boolean;
  status: UserStatus;
  role: Role;
  partyId: string;
  partyCode: string;
  partyKind: PartyKind;
  mfaRequired: boolean;
}

/** One query per request: the session, its user's status and role, the party, and whether the role must use 2FA. */
export async function findSessionActor(db: DB, sessionId: string): Promise<SessionActorRow | null> {
  const r = await db
    .selectFrom('sessions as s')
    .innerJoin('users as u', 'u.id', 's.user_id')
    .innerJoin('parties as p', 'p.id', 'u.party_id')
    .innerJoin('identity_settings as st', (j) => j.on('st.id', '=', 1))
    .select([
      's.id',
      's.user_id',
      's.created_at',
      's.last_seen_at',
      's.expires_at',
      's.idle_timeout_seconds',
      's.mfa',
      'u.status',
      'u.role',
      'u.party_id',
      'p.code',
      'p.kind',
      sql<boolean>`u.role = ANY(st.require_mfa_roles)`.as('mfa_required'),
    ])
    .where('s.id', '=', sessionId)
    .executeTakeFirst();
  if (!r) return null;
  return {
    sessionId: r.id,
    userId: r.user_id,
    createdAt: r.created_at,
    lastSeenAt: r.last_seen_at,
    expiresAt: r.expires_at,
    idleTimeoutSeconds: r.idle_timeout_seconds,
    mfa: r.mfa,
    status: r.status,
    role: r.role,
    partyId: r.party_id,
    partyCode: r.code,
    partyKind: r.kind,
    mfaRequired: r.mfa_required,
  };
}

export async function touchSession(db: DB, sessionId: string, now: Date): Promise<void> {
  await db.updateTable('sessions').set({ last_seen_at: now }).where('id', '=', sessionId).where('last_seen_at', '<', now).execute();
}

export async function setSessionMfa(trx: DB, sessionId: string): Promise<void> {
  await trx.updateTable('sessions').set({ mfa: true }).where('id', '=', sessionId).execute();
}

export async function deleteSession(db: DB, sessionId: string): Promise<boolean> {
  const r = await db.deleteFrom('sessions').where('id', '=', sessionId).executeTakeFirst();
  return Number(r.numDeletedRows) > 0;
}

/** Ends every session of a user, but `keep` when given. Returns the ids ended. */
export async function deleteSessionsOfUser(trx: DB, userId: string, keep?: string | null): Promise<string[]> {
  let q = trx.deleteFrom('sessions').where('user_id', '=', userId);
  if (keep) q = q.where('id', '<>', keep);
  const rows = await q.returning('id').execute();
  return rows.map((r) => r.id);
}

export async function deleteExpiredSessionsOfUser(trx: DB, userId: string, now: Date): Promise<void> {
  await trx
    .deleteFrom('sessions')
    .where('user_id', '=', userId)
    .where((eb) => eb.or([eb('expires_at', '<=', now), eb(sql`last_seen_at + make_interval(secs => idle_timeout_seconds)`, '<=', now)]))
    .execute();
}

export async function listSessionsOfUser(db: DB, userId: string) {
  return db
    .selectFrom('sessions')
    .select(['id', 'created_at', 'last_seen_at', 'expires_at', 'idle_timeout_seconds', 'mfa', 'user_agent', 'ip'])
    .where('user_id', '=', userId)
    .orderBy('last_seen_at', 'desc')
    .execute();
}

export async function findSessionOfUser(db: DB, userId: string, sessionId: string) {
  return db.selectFrom('sessions').select(['id']).where('user_id', '=', userId).where('id', '=', sessionId).executeTakeFirst();
}

// ---------------------------------------------------------------------------------------------
// Sign-in attempts (throttling)

export type AttemptKind = 'login' | 'password-reset';

export async function insertAttempt(trx: DB, a: { kind: AttemptKind; at: Date; email: string | null; ip: string | null; success: boolean }): Promise<void> {
  await trx.insertInto('login_attempts').values(a).execute();
}

/**
 * Times (oldest first) of the attempts that count against an account or an address since
 * `since`: failures for sign-in (after the account's last success), every request for resets.
 */
export async function countedAttempts(db: DB, kind: AttemptKind, by: { email: string } | { ip: string }, since: Date): Promise<Date[]> {
  let q = db.selectFrom('login_attempts').select('at').where('kind', '=', kind).where('at', '>', since);
  if ('email' in by) q = q.where('email', '=', by.email);
  else q = q.where('ip', '=', by.ip);
  if (kind === 'login') {
    q = q.where('success', '=', false);
    if ('email' in by) {
      q = q.where(({ eb, selectFrom }) =>
        eb(
          'at',
          '>',
          selectFrom('login_attempts as s')
            .select(sql<Date>`coalesce(max(s.at), '-infinity'::timestamptz)`.as('last'))
            .where('s.kind', '=', 'login')
            .where('s.email', '=', by.email)
            .where('s.success', '=', true),
        ),
      );
    }
  }
  const rows = await q.orderBy('at').execute();
  return rows.map((r) => r.at);
}

export async function deleteAttemptsBefore(trx: DB, before: Date): Promise<void> {
  await trx.deleteFrom('login_attempts').where('at', '<', before).execute();
}

// ---------------------------------------------------------------------------------------------
// One-time tokens (invitation, password reset)

export type OneTimeKind = 'invitation' | 'password-reset';

export async function insertOneTimeToken(
  trx: DB,
  t: { id: string; kind: OneTimeKind; userId: string; createdBy: string | null; now: Date; expiresAt: Date },
): Promise<void> {
  await trx
    .insertInto('one_time_tokens')
    .values({ id: t.id, kind: t.kind, user_id: t.userId, created_by: t.createdBy, created_at: t.now, expires_at: t.expiresAt })
    .execute();
}

/** Locks the token row so two concurrent uses cannot both succeed. */
export async function findOneTimeTokenForUpdate(trx: DB, id: string, kind: OneTimeKind) {
  return trx
    .selectFrom('one_time_tokens')
    .select(['id', 'user_id', 'expires_at', 'used_at'])
    .where('id', '=', id)
    .where('kind', '=', kind)
    .forUpdate()
    .executeTakeFirst();
}

/** Marks every unused token of this kind (or all kinds) of the user used: one link per purpose stays valid. */
export async function spendOneTimeTokens(trx: DB, userId: string, kinds: OneTimeKind[], now: Date): Promise<void> {
  await trx.updateTable('one_time_tokens').set({ used_at: now }).where('user_id', '=', userId).where('kind', 'in', kinds).where('used_at', 'is', null).execute();
}

// ---------------------------------------------------------------------------------------------
// Personal API tokens

export async function insertApiToken(
  trx: DB,
  t: { tokenHash: string; name: string; scopes: string[]; userId: string; now: Date; expiresAt: Date | null },
): Promise<string> {
  const r = await trx
    .insertInto('api_tokens')
    .values({ token_hash: t.tokenHash, name: t.name, scopes: t.scopes, user_id: t.userId, created_at: t.now, expires_at: t.expiresAt })
    .returning('id')
    .executeTakeFirstOrThrow();
  return r.id;
}

export async function listApiTokensOfUser(db: DB, userId: string) {
  return db
    .selectFrom('api_tokens')
    .select(['id', 'name', 'scopes', 'created_at', 'last_used_at', 'expires_at', 'revoked_at'])
    .where('user_id', '=', userId)
    .orderBy('created_at', 'desc')
    .orderBy('id')
    .execute();
}

export async function findApiTokenOfUser(db: DB, userId: string, id: string) {
  return db
    .selectFrom('api_tokens')
    .select(['id', 'name', 'scopes', 'created_at', 'last_used_at', 'expires_at', 'revoked_at'])
    .where('user_id', '=', userId)
    .where('id', '=', id)
    .executeTakeFirst();
}

export interface TokenActorRow {
  tokenId: string;
  scopes: string[];
  lastUsedAt: Date | null;
  userId: string;
  status: UserStatus;
  role: Role;
  partyId: string;
  partyCode: string;
  partyKind: PartyKind;
}

export async function findTokenActor(db: DB, tokenHash: string, now: Date): Promise<TokenActorRow | null> {
  const r = await db
    .selectFrom('api_tokens as t')
    .innerJoin('users as u', 'u.id', 't.user_id')
    .innerJoin('parties as p', 'p.id', 'u.party_id')
    .select(['t.id', 't.scopes', 't.last_used_at', 'u.id as user_id', 'u.status', 'u.role', 'u.party_id', 'p.code', 'p.kind'])
    .where('t.token_hash', '=', tokenHash)
    .where('t.revoked_at', 'is', null)
    .where((eb) => eb.or([eb('t.expires_at', 'is', null), eb('t.expires_at', '>', now)]))
    .executeTakeFirst();
  if (!r) return null;
  return {
    tokenId: r.id,
    scopes: r.scopes,
    lastUsedAt: r.last_used_at,
    userId: r.user_id,
    status: r.status,
    role: r.role,
    partyId: r.party_id,
    partyCode: r.code,
    partyKind: r.kind,
  };
}

export async function touchApiToken(db: DB, id: string, now: Date): Promise<void> {
  await db.updateTable('api_tokens').set({ last_used_at: now }).where('id', '=', id).execute();
}

export async function revokeApiToken(trx: DB, id: string, now: Date): Promise<void> {
  await trx.updateTable('api_tokens').set({ revoked_at: now }).where('id', '=', id).where('revoked_at', 'is', null).execute();
}

export async function revokeApiTokensOfUser(trx: DB, userId: string, now: Date): Promise<number> {
  const r = await trx.updateTable('api_tokens').set({ revoked_at: now }).where('user_id', '=', userId).where('revoked_at', 'is', null).executeTakeFirst();
  return Number(r.numUpdatedRows);
}

// ---------------------------------------------------------------------------------------------
// Recovery codes

export async function replaceRecoveryCodes(trx: DB, userId: string, hashes: string[], now: Date): Promise<void> {
  await trx.deleteFrom('user_recovery_codes').where('user_id', '=', userId).execute();
  if (hashes.length > 0) {
    await trx
      .insertInto('user_recovery_codes')
      .values(hashes.map((h) => ({ user_id: userId, code_hash: h, created_at: now })))
      .execute();
  }
}

/** Uses one recovery code: true when it existed unused (and is now used). */
export async function spendRecoveryCode(trx: DB, userId: string, hash: string, now: Date): Promise<boolean> {
  const r = await trx
    .updateTable('user_recovery_codes')
    .set({ used_at: now })
    .where('user_id', '=', userId)
    .where('code_hash', '=', hash)
    .where('used_at', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

export async function countUnusedRecoveryCodes(db: DB, userId: string): Promise<number> {
  const r = await db
    .selectFrom('user_recovery_codes')
    .select(sql<string>`count(*)`.as('n'))
    .where('user_id', '=', userId)
    .where('used_at', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

// ---------------------------------------------------------------------------------------------
// Settings

export async function readIdentitySettings(db: DB): Promise<{ requireMfaRoles: Role[]; updatedAt: Date }> {
  const r = await db.selectFrom('identity_settings').select(['require_mfa_roles', 'updated_at']).where('id', '=', 1).executeTakeFirst();
  return { requireMfaRoles: (r?.require_mfa_roles ?? []) as Role[], updatedAt: r?.updated_at ?? new Date(0) };
}

export async function writeIdentitySettings(trx: DB, s: { requireMfaRoles: Role[] }, now: Date): Promise<void> {
  await trx
    .insertInto('identity_settings')
    .values({ id: 1, require_mfa_roles: s.requireMfaRoles, updated_at: now })
    .onConflict((oc) => oc.column('id').doUpdateSet({ require_mfa_roles: s.requireMfaRoles, updated_at: now }))
    .execute();
}
