import type { DB } from '../../db/database.ts';
import type { Actor, Ctx } from '../../shared/context.ts';
import { AppError } from '../../shared/errors.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { actorOfUser } from './actor.ts';
import { emitSessionsEnded } from './identity.events.ts';
import { identityErrors } from './identity.errors.ts';
import { sendAccountMail } from './identity.mail.ts';
import {
  type AttemptKind,
  countedAttempts,
  deleteAttemptsBefore,
  deleteExpiredSessionsOfUser,
  deleteSession,
  deleteSessionsOfUser,
  findOneTimeTokenForUpdate,
  findSessionActor,
  findTokenActor,
  findUserByEmail,
  findUserById,
  insertAttempt,
  insertOneTimeToken,
  insertSession,
  lockUser,
  touchApiToken,
  touchSession,
  type UserRecord,
  updateUserRow,
  spendOneTimeTokens,
  spendRecoveryCode,
} from './identity.repository.ts';
import {
  isSessionAlive,
  LOGIN_PER_ACCOUNT,
  LOGIN_PER_ADDRESS,
  needsTouch,
  normalizeEmail,
  PASSWORD_RESET_TTL_MS,
  RESET_PER_ACCOUNT,
  RESET_PER_ADDRESS,
  retryAfterSeconds,
  SESSION_ABSOLUTE_TIMEOUT_MS,
  SESSION_IDLE_TIMEOUT_MS,
  type ThrottleRule,
} from './identity.ts';
import { hashPassword, passwordProblem, verifyPassword } from './passwords.ts';
import { randomToken, recoveryCodeHash, sha256Hex } from './secrets.ts';
import { totpStepOf } from './totp.ts';

export interface ClientInfo {
  ip: string | null;
  userAgent: string | null;
}

export interface SignInInput {
  email: string;
  password: string;
  totp?: string;
  recoveryCode?: string;
}

export interface SignedIn {
  /** The secret for the cookie; only its hash is stored. */
  token: string;
  sessionId: string;
  user: UserRecord;
  mfa: boolean;
}

/** Sign-in attempts are kept a day: long enough for every throttling window and for inquiry. */
const ATTEMPT_RETENTION_MS = 24 * 60 * 60_000;

async function assertNotThrottled(db: DB, kind: AttemptKind, email: string, ip: string | null, now: Date, perAccount: ThrottleRule, perAddress: ThrottleRule) {
  const byAccount = await countedAttempts(db, kind, { email }, new Date(now.getTime() - perAccount.windowMs));
  let wait = retryAfterSeconds(byAccount, perAccount, now);
  if (ip) {
    const byAddress = await countedAttempts(db, kind, { ip }, new Date(now.getTime() - perAddress.windowMs));
    wait = Math.max(wait, retryAfterSeconds(byAddress, perAddress, now));
  }
  if (wait > 0) throw identityErrors.throttled(wait);
}

/** A failed sign-in: counted for throttling and audited (no actor, never the password). */
async function recordLoginFailure(db: DB, ctx: Ctx, email: string, client: ClientInfo, user: UserRecord | null, reason: string) {
  const now = ctx.clock.now();
  await db.transaction().execute(async (trx) => {
    await insertAttempt(trx, { kind: 'login', at: now, email, ip: client.ip, success: false });
    await deleteAttemptsBefore(trx, new Date(now.getTime() - ATTEMPT_RETENTION_MS));
    await recordAudit(trx, ctx, { action: 'identity.login_failed', objectType: 'user', objectId: user?.id ?? null, after: { reason, ip: client.ip } });
  });
}

async function openSession(trx: DB, now: Date, userId: string, mfa: boolean, client: ClientInfo): Promise<{ token: string; sessionId: string }> {
  const token = randomToken(32);
  const sessionId = sha256Hex(token);
  await deleteExpiredSessionsOfUser(trx, userId, now);
  await insertSession(trx, {
    id: sessionId,
    userId,
    now,
    expiresAt: new Date(now.getTime() + SESSION_ABSOLUTE_TIMEOUT_MS),
    idleTimeoutSeconds: Math.round(SESSION_IDLE_TIMEOUT_MS / 1000),
    mfa,
    userAgent: client.userAgent?.slice(0, 500) ?? null,
    ip: client.ip,
  });
  return { token, sessionId };
}

/**
 * Signs in with e-mail and password (and a second factor when the account has one). An unknown
 * e-mail and a wrong password get the same answer after the same work. A new session is made at
 * every sign-in; the one the browser came with, if any, is ended (no fixation).
 */
export async function signIn(db: DB, ctx: Ctx, input: SignInInput, client: ClientInfo, previousSessionId: string | null): Promise<SignedIn> {
  const now = ctx.clock.now();
  const email = normalizeEmail(input.email);
  await assertNotThrottled(db, 'login', email, client.ip, now, LOGIN_PER_ACCOUNT, LOGIN_PER_ADDRESS);

  const found = await findUserByEmail(db, email);
  const passwordOk = await verifyPassword(found?.passwordHash, input.password);
  if (!found || !passwordOk) {
    await recordLoginFailure(db, ctx, email, client, found, 'credentials');
    throw identityErrors.invalidCredentials();
  }
  const user = found;
  if (user.status !== 'active') {
    await recordLoginFailure(db, ctx, email, client, user, 'suspended');
    throw identityErrors.suspended();
  }

  let totpStep: number | null = null;
  let recoveryHash: string | null = null;
  const secondFactor = user.totpEnabled && !!user.totpSecret;
  if (secondFactor) {
    if (!input.totp && !input.recoveryCode) throw identityErrors.totpRequired();
    if (input.totp) {
      totpStep = totpStepOf(user.totpSecret!, input.totp, now);
      if (totpStep === null || (user.totpLastStep !== null && totpStep <= user.totpLastStep)) {
        await recordLoginFailure(db, ctx, email, client, user, 'totp');
        throw identityErrors.totpInvalid();
      }
    } else {
      recoveryHash = recoveryCodeHash(user.id, input.recoveryCode!);
    }
  }

  const result = await db.transaction().execute(async (trx) => {
    await lockUser(trx, user.id);
    if (totpStep !== null) {
      const fresh = await findUserById(trx, user.id);
      if (fresh?.totpLastStep != null && totpStep <= fresh.totpLastStep) return null;
      await updateUserRow(trx, user.id, { totpLastStep: totpStep }, now);
    }
    if (recoveryHash && !(await spendRecoveryCode(trx, user.id, recoveryHash, now))) return null;
    if (previousSessionId) await deleteSession(trx, previousSessionId);
    const opened = await openSession(trx, now, user.id, secondFactor, client);
    await insertAttempt(trx, { kind: 'login', at: now, email, ip: client.ip, success: true });
    const userCtx: Ctx = { ...ctx, actor: actorOfUser(user, { id: opened.sessionId, mfa: secondFactor }) };
    await recordAudit(trx, userCtx, {
      action: 'identity.login',
      objectType: 'user',
      objectId: user.id,
      after: { method: recoveryHash ? 'password+recovery-code' : totpStep !== null ? 'password+totp' : 'password', ip: client.ip },
    });
    return opened;
  });
  if (!result) {
    await recordLoginFailure(db, ctx, email, client, user, recoveryHash ? 'recovery-code' : 'totp');
    throw identityErrors.totpInvalid();
  }
  return { ...result, user, mfa: secondFactor };
}

/** Ends the caller's session on the server. Signing out twice is not an error. */
export async function signOut(db: DB, ctx: Ctx): Promise<void> {
  const { sessionId, userId } = ctx.actor;
  if (!sessionId || !userId) return;
  await db.transaction().execute(async (trx) => {
    if (await deleteSession(trx, sessionId)) {
      await recordAudit(trx, ctx, { action: 'identity.logout', objectType: 'user', objectId: userId });
    }
  });
  emitSessionsEnded({ userId, sessionIds: [sessionId] });
}

// ---------------------------------------------------------------------------------------------
// Who is calling: sessions and API tokens, resolved once per request by the auth hook.

export type Resolved = { actor: Actor; mfaRequired: boolean } | null;

/**
 * The actor of a session cookie, or null when the session is unknown, expired, idle too long, or
 * its user suspended. The user's status is read on every request, so a suspension bites at once.
 */
export async function actorFromSession(db: DB, now: Date, cookieToken: string): Promise<Resolved> {
  const row = await findSessionActor(db, sha256Hex(cookieToken));
  if (!row) return null;
  if (!isSessionAlive(row, now)) {
    await deleteSession(db, row.sessionId);
    return null;
  }
  if (row.status !== 'active') return null;
  if (needsTouch(row.lastSeenAt, now)) await touchSession(db, row.sessionId, now);
  return {
    actor: actorOfUser({ id: row.userId, partyId: row.partyId, partyCode: row.partyCode, partyKind: row.partyKind, role: row.role }, { id: row.sessionId, mfa: row.mfa }),
    mfaRequired: row.mfaRequired,
  };
}

export async function actorFromApiToken(db: DB, now: Date, token: string): Promise<Resolved> {
  const row = await findTokenActor(db, sha256Hex(token), now);
  if (row?.status !== 'active') return null;
  if (!row.lastUsedAt || needsTouch(row.lastUsedAt, now)) await touchApiToken(db, row.tokenId, now);
  return {
    actor: actorOfUser({ id: row.userId, partyId: row.partyId, partyCode: row.partyCode, partyKind: row.partyKind, role: row.role }, { id: null, mfa: false }, row.scopes),
    mfaRequired: false,
  };
}

// ---------------------------------------------------------------------------------------------
// Password reset and invitations (the link carries a single-use token; only its hash is stored)

export function accountLink(baseUrl: string, page: 'accept-invitation' | 'reset-password', token: string): string {
  // The token rides in the fragment: browsers never send it, so it never reaches a server log (ASVS 14.2.1).
  return `${baseUrl.replace(/\/$/, '')}/${page}#token=${token}`;
}

/**
 * Starts a password reset. The caller always gets the same answer; only an active account gets a
 * link. Returns the link (for the CLI, which prints it when no mail server is set), else null.
 */
export async function requestPasswordReset(db: DB, ctx: Ctx, rawEmail: string, client: ClientInfo, baseUrl: string): Promise<string | null> {
  const now = ctx.clock.now();
  const email = normalizeEmail(rawEmail);
  await assertNotThrottled(db, 'password-reset', email, client.ip, now, RESET_PER_ACCOUNT, RESET_PER_ADDRESS);
  const user = await findUserByEmail(db, email);
  return db.transaction().execute(async (trx) => {
    await insertAttempt(trx, { kind: 'password-reset', at: now, email, ip: client.ip, success: true });
    if (user?.status !== 'active') return null;
    const token = randomToken(32);
    await spendOneTimeTokens(trx, user.id, ['password-reset'], now);
    await insertOneTimeToken(trx, {
      id: sha256Hex(token),
      kind: 'password-reset',
      userId: user.id,
      createdBy: ctx.actor.userId,
      now,
      expiresAt: new Date(now.getTime() + PASSWORD_RESET_TTL_MS),
    });
    const link = accountLink(baseUrl, 'reset-password', token);
    await recordAudit(trx, ctx, { action: 'identity.password_reset_request', objectType: 'user', objectId: user.id, after: { ip: client.ip } });
    await sendAccountMail(trx, ctx, { userId: user.id, kind: 'identity.password_reset', params: { link } });
    return link;
  });
}

/** Reads a one-time token and its user without locking, to check the new password before the transaction. */
async function peekToken(db: DB, token: string, kind: 'invitation' | 'password-reset', now: Date): Promise<UserRecord> {
  const row = await db
    .selectFrom('one_time_tokens')
    .select(['user_id', 'expires_at', 'used_at'])
    .where('id', '=', sha256Hex(token))
    .where('kind', '=', kind)
    .executeTakeFirst();
  if (!row || row.used_at || row.expires_at.getTime() <= now.getTime()) throw identityErrors.tokenInvalid();
  const user = await findUserById(db, row.user_id);
  if (user?.status !== 'active') throw identityErrors.tokenInvalid();
  if (kind === 'invitation' && user.passwordHash) throw identityErrors.tokenInvalid();
  return user;
}

async function consumeToken(trx: DB, token: string, kind: 'invitation' | 'password-reset', now: Date): Promise<void> {
  const row = await findOneTimeTokenForUpdate(trx, sha256Hex(token), kind);
  if (!row || row.used_at || row.expires_at.getTime() <= now.getTime()) throw identityErrors.tokenInvalid();
}

/** Sets a new password with a reset link; every session of the account ends. The person then signs in. */
export async function completePasswordReset(db: DB, ctx: Ctx, token: string, password: string): Promise<void> {
  const now = ctx.clock.now();
  const user = await peekToken(db, token, 'password-reset', now);
  const problem = passwordProblem(password, user);
  if (problem) throw identityErrors.weakPassword(problem);
  const passwordHash = await hashPassword(password);
  await db.transaction().execute(async (trx) => {
    await consumeToken(trx, token, 'password-reset', now);
    await updateUserRow(trx, user.id, { passwordHash }, now);
    await spendOneTimeTokens(trx, user.id, ['password-reset', 'invitation'], now);
    const ended = await deleteSessionsOfUser(trx, user.id);
    await recordAudit(trx, ctx, { action: 'identity.password_reset', objectType: 'user', objectId: user.id, after: { sessionsEnded: ended.length } });
  });
  emitSessionsEnded({ userId: user.id, sessionIds: 'all' });
}

/** Accepts an invitation: sets the first password and signs the person in. */
export async function acceptInvitation(db: DB, ctx: Ctx, token: string, password: string, client: ClientInfo): Promise<SignedIn> {
  const now = ctx.clock.now();
  const user = await peekToken(db, token, 'invitation', now);
  const problem = passwordProblem(password, user);
  if (problem) throw identityErrors.weakPassword(problem);
  const passwordHash = await hashPassword(password);
  const opened = await db.transaction().execute(async (trx) => {
    await consumeToken(trx, token, 'invitation', now);
    await lockUser(trx, user.id);
    const fresh = await findUserById(trx, user.id);
    if (!fresh || fresh.passwordHash) throw identityErrors.tokenInvalid();
    await updateUserRow(trx, user.id, { passwordHash }, now);
    await spendOneTimeTokens(trx, user.id, ['invitation', 'password-reset'], now);
    const s = await openSession(trx, now, user.id, false, client);
    const userCtx: Ctx = { ...ctx, actor: actorOfUser(user, { id: s.sessionId, mfa: false }) };
    await recordAudit(trx, userCtx, { action: 'identity.invitation_accept', objectType: 'user', objectId: user.id });
    return s;
  });
  return { ...opened, user, mfa: false };
}

/**
 * An administrator's password reset (CLI): no throttling, and an unknown or suspended account is
 * an error rather than a silent no-op. Returns the link, which the CLI prints when no mail server is set.
 */
export async function issuePasswordReset(db: DB, ctx: Ctx, rawEmail: string, baseUrl: string): Promise<{ link: string; user: UserRecord }> {
  const now = ctx.clock.now();
  const user = await findUserByEmail(db, normalizeEmail(rawEmail));
  if (!user) throw new AppError('not_found', 'identity.user_not_found', `There is no account with the e-mail address ${normalizeEmail(rawEmail)}.`);
  if (user.status !== 'active') throw identityErrors.suspended();
  const link = await db.transaction().execute(async (trx) => {
    const token = randomToken(32);
    await spendOneTimeTokens(trx, user.id, ['password-reset'], now);
    await insertOneTimeToken(trx, {
      id: sha256Hex(token),
      kind: 'password-reset',
      userId: user.id,
      createdBy: ctx.actor.userId,
      now,
      expiresAt: new Date(now.getTime() + PASSWORD_RESET_TTL_MS),
    });
    const l = accountLink(baseUrl, 'reset-password', token);
    await recordAudit(trx, ctx, { action: 'identity.password_reset_request', objectType: 'user', objectId: user.id, after: { via: 'cli' } });
    await sendAccountMail(trx, ctx, { userId: user.id, kind: 'identity.password_reset', params: { link: l } });
    return l;
  });
  return { link, user };
}
