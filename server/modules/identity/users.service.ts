import type { DB } from '../../db/database.ts';
import type { Ctx, Role } from '../../shared/context.ts';
import { notFound } from '../../shared/errors.ts';
import { authorize, can, isSecretariat } from '../../shared/policy.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { accountLink } from './auth.service.ts';
import { emitUserSuspended } from './identity.events.ts';
import { identityErrors } from './identity.errors.ts';
import { sendAccountMail } from './identity.mail.ts';
import './identity.policy.ts';
import {
  countActiveAdmins,
  deleteSessionsOfUser,
  findPartyByCode,
  findUserByEmail,
  findUserById,
  insertOneTimeToken,
  insertUser,
  listUsers as listUserRows,
  lockUser,
  type PartyRef,
  revokeApiTokensOfUser,
  type UserPatch,
  type UserRecord,
  updateUserRow,
  spendOneTimeTokens,
} from './identity.repository.ts';
import { INVITATION_TTL_MS, normalizeEmail, roleFitsParty, type UserStatus } from './identity.ts';
import { hashPassword, passwordProblem } from './passwords.ts';
import { randomToken, sha256Hex } from './secrets.ts';

export interface UserView {
  id: string;
  email: string;
  name: string;
  language: string;
  timeZone: string;
  role: Role;
  status: UserStatus;
  party: { id: string; code: string; kind: PartyRef['kind']; names: Record<string, string> };
  invitationPending: boolean;
  totpEnabled: boolean;
  createdAt: string;
  updatedAt: string;
}

export function presentUser(u: UserRecord): UserView {
  return {
    id: u.id,
    email: u.email,
    name: u.name,
    language: u.language,
    timeZone: u.timeZone,
    role: u.role,
    status: u.status,
    party: { id: u.partyId, code: u.partyCode, kind: u.partyKind, names: u.partyNames },
    invitationPending: u.passwordHash === null,
    totpEnabled: u.totpEnabled,
    createdAt: new Date(u.createdAt).toISOString(),
    updatedAt: new Date(u.updatedAt).toISOString(),
  };
}

/** What the audit trail keeps of a person: never a secret. */
const auditView = (u: Pick<UserRecord, 'email' | 'name' | 'language' | 'timeZone' | 'role' | 'status' | 'partyCode'>) => ({
  email: u.email,
  name: u.name,
  language: u.language,
  timeZone: u.timeZone,
  role: u.role,
  status: u.status,
  party: u.partyCode,
});

export interface NewUserInput {
  email: string;
  name: string;
  partyCode: string;
  role: Role;
  language?: string;
  timeZone?: string;
}

/** Checks a new account against the rules: known party, role fitting the party, e-mail free. */
async function checkNewUser(db: DB, input: NewUserInput): Promise<{ party: PartyRef; email: string }> {
  const party = await findPartyByCode(db, input.partyCode);
  if (!party) throw identityErrors.unknownParty(input.partyCode.toUpperCase());
  if (!roleFitsParty(input.role, party.kind)) throw identityErrors.roleMismatch(input.role, party.kind);
  const email = normalizeEmail(input.email);
  if (await findUserByEmail(db, email)) throw identityErrors.emailTaken();
  return { party, email };
}

async function insertNewUser(trx: DB, ctx: Ctx, input: NewUserInput, passwordHash: string | null, action: string): Promise<UserRecord> {
  const { party, email } = await checkNewUser(trx, input);
  const id = await insertUser(trx, {
    email,
    name: input.name.trim(),
    language: input.language ?? 'en',
    timeZone: input.timeZone ?? 'UTC',
    partyId: party.id,
    role: input.role,
    passwordHash,
    now: ctx.clock.now(),
  });
  const user = (await findUserById(trx, id))!;
  await recordAudit(trx, ctx, { action, objectType: 'user', objectId: id, after: auditView(user) });
  return user;
}

/**
 * Creates an active account with a password (CLI, demo, tests), checking the password rules.
 * Runs its own transaction; pass `trx` only from code already inside one (the demo).
 */
export async function createUserWithPassword(db: DB, ctx: Ctx, input: NewUserInput & { password: string }, inTransaction = false): Promise<UserView> {
  const problem = passwordProblem(input.password, input);
  if (problem) throw identityErrors.weakPassword(problem);
  await checkNewUser(db, input);
  const passwordHash = await hashPassword(input.password);
  const run = (trx: DB) => createUserWithPasswordHash(trx, ctx, input, passwordHash);
  return inTransaction ? run(db) : db.transaction().execute(run);
}

/** Creates an active account from an Argon2id hash already made (the demo hashes its one password once). */
export async function createUserWithPasswordHash(trx: DB, ctx: Ctx, input: NewUserInput, passwordHash: string): Promise<UserView> {
  return presentUser(await insertNewUser(trx, ctx, input, passwordHash, 'identity.user_create'));
}

async function issueInvitation(trx: DB, ctx: Ctx, user: UserRecord, baseUrl: string): Promise<{ link: string; expiresAt: Date }> {
  const now = ctx.clock.now();
  const token = randomToken(32);
  const expiresAt = new Date(now.getTime() + INVITATION_TTL_MS);
  await spendOneTimeTokens(trx, user.id, ['invitation'], now);
  await insertOneTimeToken(trx, { id: sha256Hex(token), kind: 'invitation', userId: user.id, createdBy: ctx.actor.userId, now, expiresAt });
  const link = accountLink(baseUrl, 'accept-invitation', token);
  const inviter = ctx.actor.userId ? await findUserById(trx, ctx.actor.userId) : null;
  await sendAccountMail(trx, ctx, {
    userId: user.id,
    kind: 'identity.invitation',
    params: {
      inviterName: inviter?.name ?? 'Concord',
      partyName: user.partyNames[user.language] ?? user.partyNames.en ?? user.partyCode,
      link,
    },
  });
  return { link, expiresAt };
}

export interface InvitationOutcome {
  user: UserView;
  expiresAt: string;
  /** For the CLI only; the API never returns it (it is e-mailed). */
  link: string;
}

/**
 * Invites a person: creates the account without a password and e-mails a single-use link valid
 * for 7 days. Secretariat admins invite anyone; focal points and heads their own delegation only.
 */
export async function inviteUser(db: DB, ctx: Ctx, input: NewUserInput, baseUrl: string): Promise<InvitationOutcome> {
  const party = await findPartyByCode(db, input.partyCode);
  // Parties are public, but who may invite is checked before saying whether the code exists.
  authorize(ctx.actor, 'identity.invite', { partyId: party?.id ?? '', role: input.role });
  if (!party) throw identityErrors.unknownParty(input.partyCode.toUpperCase());
  return db.transaction().execute(async (trx) => {
    const user = await insertNewUser(trx, ctx, input, null, 'identity.invite');
    const { link, expiresAt } = await issueInvitation(trx, ctx, user, baseUrl);
    return { user: presentUser(user), expiresAt: expiresAt.toISOString(), link };
  });
}

/** Sends a fresh invitation link to someone who has not set a password yet; earlier links stop working. */
export async function reinviteUser(db: DB, ctx: Ctx, id: string, baseUrl: string): Promise<InvitationOutcome> {
  return db.transaction().execute(async (trx) => {
    const user = await findUserById(trx, id);
    if (!user || !can(ctx.actor, 'identity.readUser', user)) throw notFound('person');
    authorize(ctx.actor, 'identity.reinvite', user);
    if (user.passwordHash) throw identityErrors.alreadyAccepted();
    if (user.status !== 'active') throw identityErrors.suspended();
    const { link, expiresAt } = await issueInvitation(trx, ctx, user, baseUrl);
    await recordAudit(trx, ctx, { action: 'identity.reinvite', objectType: 'user', objectId: user.id, after: { expiresAt: expiresAt.toISOString() } });
    return { user: presentUser(user), expiresAt: expiresAt.toISOString(), link };
  });
}

export interface UserListQuery {
  party?: string;
  status?: UserStatus;
  role?: Role;
  q?: string;
  page: number;
  pageSize: number;
}

/** People: the Secretariat sees every party, a focal point or head its own delegation. */
export async function listUsers(db: DB, ctx: Ctx, query: UserListQuery) {
  let partyId: string | null = null;
  if (query.party) {
    const party = await findPartyByCode(db, query.party);
    partyId = party?.id ?? '00000000-0000-0000-0000-000000000000';
  } else if (!isSecretariat(ctx.actor)) {
    partyId = ctx.actor.partyId;
  }
  authorize(ctx.actor, 'identity.listUsers', { partyId });
  const { items, total } = await listUserRows(db, {
    partyId: partyId ?? undefined,
    status: query.status,
    role: query.role,
    q: query.q,
    limit: query.pageSize,
    offset: (query.page - 1) * query.pageSize,
  });
  return { items: items.map(presentUser), total, page: query.page, pageSize: query.pageSize };
}

export async function getUser(db: DB, ctx: Ctx, id: string): Promise<UserView> {
  const user = await findUserById(db, id);
  if (!user || !can(ctx.actor, 'identity.readUser', user)) throw notFound('person');
  return presentUser(user);
}

export interface UserChange {
  name?: string;
  language?: string;
  timeZone?: string;
  role?: Role;
  status?: UserStatus;
}

/**
 * Changes a person. Suspending ends all their sessions and API tokens in the same transaction,
 * and live channels hear of it right after commit (`onUserSuspended`).
 */
export async function updateUser(db: DB, ctx: Ctx, id: string, change: UserChange): Promise<UserView> {
  const now = ctx.clock.now();
  const outcome = await db.transaction().execute(async (trx) => {
    await lockUser(trx, id);
    const before = await findUserById(trx, id);
    if (!before || !can(ctx.actor, 'identity.readUser', before)) throw notFound('person');
    const nextRole = change.role ?? before.role;
    authorize(ctx.actor, 'identity.updateUser', { target: before, role: nextRole });
    const roleChanges = change.role !== undefined && change.role !== before.role;
    const statusChanges = change.status !== undefined && change.status !== before.status;
    if (roleChanges && !roleFitsParty(nextRole, before.partyKind)) throw identityErrors.roleMismatch(nextRole, before.partyKind);
    if ((roleChanges || statusChanges) && before.id === ctx.actor.userId) throw identityErrors.cannotChangeSelf();
    const losesAdmin = before.role === 'admin' && before.status === 'active' && ((roleChanges && nextRole !== 'admin') || change.status === 'suspended');
    if (losesAdmin && (await countActiveAdmins(trx, before.id)) === 0) throw identityErrors.lastAdmin();

    const patch: UserPatch = {};
    if (change.name !== undefined && change.name !== before.name) patch.name = change.name;
    if (change.language !== undefined && change.language !== before.language) patch.language = change.language;
    if (change.timeZone !== undefined && change.timeZone !== before.timeZone) patch.timeZone = change.timeZone;
    if (roleChanges) patch.role = nextRole;
    if (statusChanges) patch.status = change.status;
    if (Object.keys(patch).length === 0) return { user: before, suspended: false };
    await updateUserRow(trx, id, patch, now);
    const after = (await findUserById(trx, id))!;

    const details = { ...patch };
    delete details.role;
    delete details.status;
    if (Object.keys(details).length > 0) {
      const pick = (u: UserRecord) => Object.fromEntries(Object.keys(details).map((k) => [k, (u as unknown as Record<string, unknown>)[k]]));
      await recordAudit(trx, ctx, { action: 'identity.user_update', objectType: 'user', objectId: id, before: pick(before), after: pick(after) });
    }
    if (roleChanges) {
      await recordAudit(trx, ctx, { action: 'identity.role_change', objectType: 'user', objectId: id, before: { role: before.role }, after: { role: after.role } });
    }
    let suspended = false;
    if (statusChanges && change.status === 'suspended') {
      const sessions = await deleteSessionsOfUser(trx, id);
      const tokens = await revokeApiTokensOfUser(trx, id, now);
      await recordAudit(trx, ctx, {
        action: 'identity.suspend',
        objectType: 'user',
        objectId: id,
        before: { status: before.status },
        after: { status: 'suspended', sessionsEnded: sessions.length, tokensRevoked: tokens },
      });
      await sendAccountMail(trx, ctx, { userId: id, kind: 'identity.suspended', params: {} });
      suspended = true;
    } else if (statusChanges) {
      await recordAudit(trx, ctx, { action: 'identity.reactivate', objectType: 'user', objectId: id, before: { status: before.status }, after: { status: after.status } });
    }
    return { user: after, suspended };
  });
  if (outcome.suspended) emitUserSuspended({ userId: id, at: now });
  return presentUser(outcome.user);
}
