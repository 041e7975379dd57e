import type { DB } from '../../db/database.ts';
import type { Ctx, Role } from '../../shared/context.ts';
import { notFound } from '../../shared/errors.ts';
import { authorize, isChair, isFocalPointOrHead, isSecretariat, isSecretariatAdmin } from '../../shared/policy.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { requireSession } from './actor.ts';
import { currentChairPartyId } from '../registry/registry.service.ts';
import { emitSessionsEnded } from './identity.events.ts';
import { identityErrors } from './identity.errors.ts';
import './identity.policy.ts';
import {
  countedAttempts,
  deleteSession,
  deleteSessionsOfUser,
  findApiTokenOfUser,
  findSessionOfUser,
  findUserById,
  insertApiToken,
  insertAttempt,
  listApiTokensOfUser,
  listSessionsOfUser,
  lockUser,
  readIdentitySettings,
  replaceRecoveryCodes,
  revokeApiToken,
  setSessionMfa,
  type UserRecord,
  updateUserRow,
  spendRecoveryCode,
  writeIdentitySettings,
} from './identity.repository.ts';
import { LOGIN_PER_ACCOUNT, retryAfterSeconds, type TokenScope } from './identity.ts';
import { hashPassword, passwordProblem, verifyPassword } from './passwords.ts';
import { newApiToken, newRecoveryCode, recoveryCodeHash, sha256Hex } from './secrets.ts';
import { newTotpSecret, qrCodeDataUrl, totpStepOf, totpUri } from './totp.ts';
import { presentUser, type UserView } from './users.service.ts';

async function requireMe(db: DB, ctx: Ctx): Promise<UserRecord> {
  authorize(ctx.actor, 'identity.manageOwnAccount');
  const user = await findUserById(db, ctx.actor.userId!);
  if (!user) throw notFound('account');
  return user;
}

export interface MeView {
  user: UserView;
  party: UserView['party'];
  session: { via: 'session' | 'token'; mfa: boolean; mfaRequired: boolean; tokenScopes: string[] | null };
  powers: { isSecretariat: boolean; isAdmin: boolean; isChair: boolean; canInvite: boolean; canManagePeople: boolean; mustEnrolMfa: boolean };
}

/** Who am I: the person, their party, how they are signed in, and what follows from role and chairmanship. */
export async function getMe(db: DB, ctx: Ctx): Promise<MeView> {
  const user = await requireMe(db, ctx);
  const a = ctx.actor;
  const settings = await readIdentitySettings(db);
  const viaToken = a.tokenScopes !== null;
  const mfaRequired = settings.requireMfaRoles.includes(user.role);
  const chairPartyId = await currentChairPartyId(db, ctx.clock.now());
  const view = presentUser(user);
  const managesDelegation = isFocalPointOrHead(a) && a.partyKind !== 'secretariat';
  return {
    user: view,
    party: view.party,
    session: { via: viaToken ? 'token' : 'session', mfa: a.mfa, mfaRequired, tokenScopes: a.tokenScopes },
    powers: {
      isSecretariat: isSecretariat(a),
      isAdmin: isSecretariatAdmin(a),
      isChair: isChair(a, { now: ctx.clock.now(), chairPartyId }),
      canInvite: isSecretariatAdmin(a) || managesDelegation,
      canManagePeople: isSecretariatAdmin(a) || managesDelegation,
      mustEnrolMfa: !viaToken && mfaRequired && !a.mfa,
    },
  };
}

export async function updateMe(db: DB, ctx: Ctx, change: { name?: string; language?: string; timeZone?: string }): Promise<MeView> {
  await db.transaction().execute(async (trx) => {
    const before = await requireMe(trx, ctx);
    const patch: Record<string, string> = {};
    if (change.name !== undefined && change.name !== before.name) patch.name = change.name;
    if (change.language !== undefined && change.language !== before.language) patch.language = change.language;
    if (change.timeZone !== undefined && change.timeZone !== before.timeZone) patch.timeZone = change.timeZone;
    if (Object.keys(patch).length === 0) return;
    await updateUserRow(trx, before.id, patch, ctx.clock.now());
    const was = before as unknown as Record<string, unknown>;
    await recordAudit(trx, ctx, {
      action: 'identity.user_update',
      objectType: 'user',
      objectId: before.id,
      before: Object.fromEntries(Object.keys(patch).map((k) => [k, was[k]])),
      after: patch,
    });
  });
  return getMe(db, ctx);
}

/** Changes one's password. Other sessions end; this one stays. Wrong guesses count as failed sign-ins. */
export async function changePassword(db: DB, ctx: Ctx, input: { current: string; next: string }, ip: string | null): Promise<void> {
  requireSession(ctx);
  const user = await requireMe(db, ctx);
  const now = ctx.clock.now();
  const failures = await countedAttempts(db, 'login', { email: user.email }, new Date(now.getTime() - LOGIN_PER_ACCOUNT.windowMs));
  const wait = retryAfterSeconds(failures, LOGIN_PER_ACCOUNT, now);
  if (wait > 0) throw identityErrors.throttled(wait);
  if (!(await verifyPassword(user.passwordHash, input.current))) {
    await db.transaction().execute(async (trx) => {
      await insertAttempt(trx, { kind: 'login', at: now, email: user.email, ip, success: false });
      await recordAudit(trx, ctx, { action: 'identity.password_change_failed', objectType: 'user', objectId: user.id });
    });
    throw identityErrors.wrongPassword('current');
  }
  const problem = passwordProblem(input.next, user);
  if (problem) throw identityErrors.weakPassword(problem, 'next');
  const passwordHash = await hashPassword(input.next);
  const ended = await db.transaction().execute(async (trx) => {
    await updateUserRow(trx, user.id, { passwordHash }, now);
    const ids = await deleteSessionsOfUser(trx, user.id, ctx.actor.sessionId);
    await recordAudit(trx, ctx, { action: 'identity.password_change', objectType: 'user', objectId: user.id, after: { otherSessionsEnded: ids.length } });
    return ids;
  });
  if (ended.length) emitSessionsEnded({ userId: user.id, sessionIds: ended });
}

// ---------------------------------------------------------------------------------------------
// Sessions

export async function listMySessions(db: DB, ctx: Ctx) {
  const user = await requireMe(db, ctx);
  const rows = await listSessionsOfUser(db, user.id);
  return {
    items: rows.map((s) => ({
      id: s.id,
      current: s.id === ctx.actor.sessionId,
      createdAt: s.created_at.toISOString(),
      lastSeenAt: s.last_seen_at.toISOString(),
      expiresAt: s.expires_at.toISOString(),
      idleExpiresAt: new Date(Math.min(s.last_seen_at.getTime() + s.idle_timeout_seconds * 1000, s.expires_at.getTime())).toISOString(),
      mfa: s.mfa,
      userAgent: s.user_agent,
      ip: s.ip,
    })),
  };
}

/** Ends one of one's own sessions (another device, or this one). Returns whether it was the current one. */
export async function revokeMySession(db: DB, ctx: Ctx, sessionId: string): Promise<{ current: boolean }> {
  const user = await requireMe(db, ctx);
  await db.transaction().execute(async (trx) => {
    if (!(await findSessionOfUser(trx, user.id, sessionId))) throw notFound('session');
    await deleteSession(trx, sessionId);
    await recordAudit(trx, ctx, { action: 'identity.session_revoke', objectType: 'session', objectId: sessionId.slice(0, 16), after: { userId: user.id } });
  });
  emitSessionsEnded({ userId: user.id, sessionIds: [sessionId] });
  return { current: sessionId === ctx.actor.sessionId };
}

// ---------------------------------------------------------------------------------------------
// Personal API tokens

type TokenRow = Awaited<ReturnType<typeof listApiTokensOfUser>>[number];
const presentToken = (t: TokenRow) => ({
  id: t.id,
  name: t.name,
  scopes: t.scopes as TokenScope[],
  createdAt: t.created_at.toISOString(),
  lastUsedAt: t.last_used_at ? t.last_used_at.toISOString() : null,
  expiresAt: t.expires_at ? t.expires_at.toISOString() : null,
  revokedAt: t.revoked_at ? t.revoked_at.toISOString() : null,
});

export async function listMyTokens(db: DB, ctx: Ctx) {
  const user = await requireMe(db, ctx);
  return { items: (await listApiTokensOfUser(db, user.id)).map(presentToken) };
}

/** Creates a personal API token; the secret is returned this once and only its hash is kept. */
export async function createMyToken(db: DB, ctx: Ctx, input: { name: string; scopes: TokenScope[]; expiresInDays?: number }) {
  requireSession(ctx);
  const user = await requireMe(db, ctx);
  const now = ctx.clock.now();
  const secret = newApiToken();
  const scopes = [...new Set(input.scopes)].sort();
  const expiresAt = input.expiresInDays ? new Date(now.getTime() + input.expiresInDays * 86_400_000) : null;
  const token = await db.transaction().execute(async (trx) => {
    const id = await insertApiToken(trx, { tokenHash: sha256Hex(secret), name: input.name, scopes, userId: user.id, now, expiresAt });
    await recordAudit(trx, ctx, { action: 'identity.token_create', objectType: 'api_token', objectId: id, after: { name: input.name, scopes, expiresAt } });
    return (await findApiTokenOfUser(trx, user.id, id))!;
  });
  return { token: presentToken(token), secret };
}

export async function revokeMyToken(db: DB, ctx: Ctx, id: string): Promise<void> {
  requireSession(ctx);
  const user = await requireMe(db, ctx);
  await db.transaction().execute(async (trx) => {
    const token = await findApiTokenOfUser(trx, user.id, id);
    if (!token) throw notFound('token');
    if (token.revoked_at) return;
    await revokeApiToken(trx, id, ctx.clock.now());
    await recordAudit(trx, ctx, { action: 'identity.token_revoke', objectType: 'api_token', objectId: id, after: { name: token.name } });
  });
}

// ---------------------------------------------------------------------------------------------
// Two-factor (TOTP)

const ISSUER = 'Concord';

/** Starts enrolment: a new secret, not in force until confirmed with a code. */
export async function startTotpSetup(db: DB, ctx: Ctx) {
  requireSession(ctx);
  const user = await requireMe(db, ctx);
  if (user.totpEnabled) throw identityErrors.totpAlreadyEnabled();
  const secret = newTotpSecret();
  await db.transaction().execute(async (trx) => {
    await updateUserRow(trx, user.id, { totpSecret: secret, totpEnabled: false, totpLastStep: null }, ctx.clock.now());
  });
  const otpauthUri = totpUri(secret, user.email, ISSUER);
  return { secret, otpauthUri, qrCode: await qrCodeDataUrl(otpauthUri) };
}

function newRecoveryCodes(userId: string) {
  const codes = Array.from({ length: 10 }, () => newRecoveryCode());
  return { codes, hashes: codes.map((c) => recoveryCodeHash(userId, c)) };
}

/** Confirms enrolment with a code: two-factor is on, this session counts as confirmed, ten recovery codes are returned once. */
export async function enableTotp(db: DB, ctx: Ctx, code: string) {
  requireSession(ctx);
  const now = ctx.clock.now();
  return db.transaction().execute(async (trx) => {
    await lockUser(trx, ctx.actor.userId!);
    const user = await requireMe(trx, ctx);
    if (user.totpEnabled) throw identityErrors.totpAlreadyEnabled();
    if (!user.totpSecret) throw identityErrors.totpNotStarted();
    const step = totpStepOf(user.totpSecret, code, now);
    if (step === null) throw identityErrors.codeInvalid('code');
    const { codes, hashes } = newRecoveryCodes(user.id);
    await updateUserRow(trx, user.id, { totpEnabled: true, totpLastStep: step }, now);
    await replaceRecoveryCodes(trx, user.id, hashes, now);
    await setSessionMfa(trx, ctx.actor.sessionId!);
    await recordAudit(trx, ctx, { action: 'identity.totp_enable', objectType: 'user', objectId: user.id });
    return { recoveryCodes: codes };
  });
}

/** Checks a TOTP or recovery code of an enrolled user inside a transaction (using it up). */
async function spendSecondFactor(trx: DB, user: UserRecord, code: string, now: Date): Promise<boolean> {
  const step = /^\s*\d{3}\s?\d{3}\s*$/.test(code) ? totpStepOf(user.totpSecret!, code, now) : null;
  if (step !== null) {
    if (user.totpLastStep !== null && step <= user.totpLastStep) return false;
    await updateUserRow(trx, user.id, { totpLastStep: step }, now);
    return true;
  }
  return spendRecoveryCode(trx, user.id, recoveryCodeHash(user.id, code), now);
}

/** Turns two-factor off; needs the password and a current code (or a recovery code). */
export async function disableTotp(db: DB, ctx: Ctx, input: { password: string; code: string }) {
  requireSession(ctx);
  const user = await requireMe(db, ctx);
  if (!user.totpEnabled) throw identityErrors.totpNotEnabled();
  const settings = await readIdentitySettings(db);
  if (settings.requireMfaRoles.includes(user.role)) throw identityErrors.totpRequiredByForum();
  if (!(await verifyPassword(user.passwordHash, input.password))) throw identityErrors.wrongPassword('password');
  const now = ctx.clock.now();
  await db.transaction().execute(async (trx) => {
    await lockUser(trx, user.id);
    const fresh = (await findUserById(trx, user.id))!;
    if (!(await spendSecondFactor(trx, fresh, input.code, now))) throw identityErrors.codeInvalid('code');
    await updateUserRow(trx, user.id, { totpEnabled: false, totpSecret: null, totpLastStep: null }, now);
    await replaceRecoveryCodes(trx, user.id, [], now);
    await recordAudit(trx, ctx, { action: 'identity.totp_disable', objectType: 'user', objectId: user.id });
  });
}

/** New recovery codes (the old ones stop working); needs a current code. */
export async function regenerateRecoveryCodes(db: DB, ctx: Ctx, code: string) {
  requireSession(ctx);
  const now = ctx.clock.now();
  return db.transaction().execute(async (trx) => {
    await lockUser(trx, ctx.actor.userId!);
    const user = await requireMe(trx, ctx);
    if (!user.totpEnabled) throw identityErrors.totpNotEnabled();
    if (!(await spendSecondFactor(trx, user, code, now))) throw identityErrors.codeInvalid('code');
    const { codes, hashes } = newRecoveryCodes(user.id);
    await replaceRecoveryCodes(trx, user.id, hashes, now);
    await recordAudit(trx, ctx, { action: 'identity.recovery_codes_regenerate', objectType: 'user', objectId: user.id });
    return { recoveryCodes: codes };
  });
}

// ---------------------------------------------------------------------------------------------
// Forum security settings

export async function getSecuritySettings(db: DB, ctx: Ctx) {
  authorize(ctx.actor, 'identity.readSettings');
  const s = await readIdentitySettings(db);
  return { requireMfaForRoles: s.requireMfaRoles };
}

export async function updateSecuritySettings(db: DB, ctx: Ctx, input: { requireMfaForRoles: Role[] }) {
  authorize(ctx.actor, 'identity.updateSettings');
  const roles = [...new Set(input.requireMfaForRoles)].sort() as Role[];
  await db.transaction().execute(async (trx) => {
    const before = await readIdentitySettings(trx);
    await writeIdentitySettings(trx, { requireMfaRoles: roles }, ctx.clock.now());
    await recordAudit(trx, ctx, {
      action: 'identity.settings_update',
      objectType: 'identity_settings',
      objectId: '1',
      before: { requireMfaForRoles: before.requireMfaRoles },
      after: { requireMfaForRoles: roles },
    });
  });
  return { requireMfaForRoles: roles };
}

