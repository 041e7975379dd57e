import type { DB } from '../../db/database.ts';
import type { Ctx } from '../../shared/context.ts';
import { AppError } from '../../shared/errors.ts';
import { authorize } from '../../shared/policy.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { readProfile, writeProfile } from './profile.repository.ts';
import './profile.policy.ts';
import { type ForumProfile, forumProfile } from './profile.schemas.ts';

export async function getProfile(db: DB): Promise<ForumProfile | null> {
  const data = await readProfile(db);
  return data ? forumProfile.parse(data) : null;
}

export async function requireProfile(db: DB): Promise<ForumProfile> {
  const p = await getProfile(db);
  if (!p) throw new AppError('not_found', 'profile.not_loaded', 'No forum profile is loaded yet. Run `concord demo` or set one up.');
  return p;
}

/** Saves the forum profile, audited with before and after. Caller checks the permission. */
export async function saveProfile(trx: DB, ctx: Ctx, next: ForumProfile): Promise<ForumProfile> {
  const parsed = forumProfile.parse(next);
  const before = await readProfile(trx);
  await writeProfile(trx, parsed, ctx.clock.now());
  await recordAudit(trx, ctx, { action: before ? 'profile.update' : 'profile.create', objectType: 'forum_profile', objectId: parsed.code, before, after: parsed });
  return parsed;
}

/** Replaces the forum profile (Secretariat admins), audited with before and after in one transaction. */
export async function updateProfile(db: DB, ctx: Ctx, next: ForumProfile): Promise<ForumProfile> {
  authorize(ctx.actor, 'profile.update');
  return db.transaction().execute((trx) => saveProfile(trx, ctx, next));
}
