import { createHash } from 'node:crypto';
import type { DB } from '../../db/database.ts';
import type { Ctx } from '../../shared/context.ts';
import { AppError } from '../../shared/errors.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { checkFileName, sniffFile } from '../documents/files.ts';
import { matchMailLocale } from '../notifications/messages.ts';
import { sendNotification } from '../notifications/notifications.service.ts';
import { isRegistrationOpen } from './meeting.ts';
import { allow, type LoadedMeeting, loadVisibleMeeting, rule, withRules } from './meetings.access.ts';
import * as repo from './meetings.repository.ts';
import { meetingName } from './ordinal.ts';

/**
 * Accreditation: each invited party's focal point registers its delegation (and, for high-level
 * meetings, uploads its credentials letter); the Secretariat accepts the registration or returns
 * it with a reason; the list of participants is made from the accepted ones, in the forum's order.
 */

export type DelegateFunction = 'head' | 'alternate' | 'adviser';

export interface DelegateInput {
  name: string;
  function: DelegateFunction;
  title?: string | null;
  email?: string | null;
}

export interface RegistrationView {
  party: { code: string; kind: string; names: Record<string, string> };
  status: 'submitted' | 'accepted' | 'returned';
  submittedAt: string;
  decidedAt: string | null;
  returnReason: string | null;
  delegates: Array<{ name: string; function: DelegateFunction; title: string | null; email: string | null }>;
  credentials: { fileName: string; mediaType: string; sizeBytes: number; sha256: string; uploadedAt: string } | null;
}

async function presentRegistrations(db: DB, rows: readonly repo.RegistrationRow[]): Promise<RegistrationView[]> {
  const delegates = await repo.delegatesOf(db, rows.map((r) => r.id));
  const parties = new Map((await repo.partiesByIds(db, rows.map((r) => r.party_id))).map((p) => [p.id, p]));
  return rows.map((r) => {
    const p = parties.get(r.party_id);
    return {
      party: { code: p?.code ?? '', kind: p?.kind ?? '', names: (p?.names as Record<string, string>) ?? {} },
      status: r.status,
      submittedAt: new Date(r.submitted_at).toISOString(),
      decidedAt: r.decided_at ? new Date(r.decided_at).toISOString() : null,
      returnReason: r.return_reason,
      delegates: delegates.filter((d) => d.registration_id === r.id).map((d) => ({ name: d.name, function: d.function, title: d.title, email: d.email })),
      credentials:
        r.credentials_file_name && r.credentials_sha256
          ? {
              fileName: r.credentials_file_name,
              mediaType: r.credentials_media_type ?? 'application/pdf',
              sizeBytes: r.credentials_size ?? 0,
              sha256: r.credentials_sha256,
              uploadedAt: new Date(r.credentials_uploaded_at ?? r.submitted_at).toISOString(),
            }
          : null,
    };
  });
}

async function partyOf(db: DB, m: LoadedMeeting, code: string) {
  const inv = m.invitations.find((i) => i.code === code.toUpperCase());
  if (inv) return inv;
  // Not invited: the same answer as for a party that does not exist.
  throw new AppError('not_found', 'not_found', `No party ${code.toUpperCase()} is invited to this meeting.`);
}

/** Registrations the caller may see: all for the Secretariat, its own for a focal point or head. */
export async function listRegistrations(db: DB, ctx: Ctx, id: string): Promise<RegistrationView[]> {
  const m = await loadVisibleMeeting(db, ctx, id);
  if (ctx.actor.partyKind === 'secretariat') {
    allow(ctx, 'meetings.viewRegistration', { meeting: m.facts, partyId: '' });
    return presentRegistrations(db, await repo.registrationsOf(db, id));
  }
  allow(ctx, 'meetings.viewRegistration', { meeting: m.facts, partyId: ctx.actor.partyId ?? '' });
  return presentRegistrations(db, await repo.registrationsOf(db, id, ctx.actor.partyId!));
}

export async function getRegistration(db: DB, ctx: Ctx, id: string, partyCode: string): Promise<RegistrationView> {
  const m = await loadVisibleMeeting(db, ctx, id);
  const party = await partyOf(db, m, partyCode);
  allow(ctx, 'meetings.viewRegistration', { meeting: m.facts, partyId: party.party_id });
  const row = await repo.findRegistration(db, id, party.party_id);
  if (!row) throw new AppError('not_found', 'not_found', 'This delegation has not registered yet.');
  return (await presentRegistrations(db, [row]))[0]!;
}

function checkDelegates(list: readonly DelegateInput[]): void {
  const heads = list.filter((d) => d.function === 'head').length;
  if (heads !== 1) throw rule('meetings.one_head', 'A delegation has exactly one head.', 'delegates');
}

export async function registerDelegation(db: DB, ctx: Ctx, id: string, partyCode: string, input: { delegates: DelegateInput[] }): Promise<RegistrationView> {
  await withRules(() =>
    db.transaction().execute(async (trx) => {
      const m = await loadVisibleMeeting(trx, ctx, id, { lock: true });
      const party = await partyOf(trx, m, partyCode);
      allow(ctx, 'meetings.register', { meeting: m.facts, partyId: party.party_id });
      if (!isRegistrationOpen(m.row.status as 'convened', m.row.registration_deadline, ctx.clock.now())) {
        throw rule('meetings.registration_closed', m.row.status === 'planned' ? 'Registration opens when the meeting is convened.' : 'Registration is closed.');
      }
      checkDelegates(input.delegates);
      const before = await repo.findRegistration(trx, id, party.party_id);
      const row = await repo.upsertRegistration(trx, { meetingId: id, partyId: party.party_id, userId: ctx.actor.userId, now: ctx.clock.now() });
      const delegates = input.delegates.map((d) => ({ name: d.name, function: d.function, title: d.title ?? null, email: d.email ?? null }));
      await repo.replaceDelegates(trx, row.id, delegates);
      await recordAudit(trx, ctx, {
        action: 'meetings.register',
        objectType: 'registration',
        objectId: row.id,
        before: before ? { status: before.status } : null,
        after: { meetingId: id, party: party.code, status: 'submitted', delegates: delegates.map((d) => ({ name: d.name, function: d.function })) },
      });
    }),
  );
  return getRegistration(db, ctx, id, partyCode);
}

export async function uploadCredentials(
  db: DB,
  ctx: Ctx,
  id: string,
  partyCode: string,
  upload: { fileName: string; bytes: Buffer; hint?: { mime: string } | null },
): Promise<RegistrationView> {
  await withRules(() =>
    db.transaction().execute(async (trx) => {
      const m = await loadVisibleMeeting(trx, ctx, id, { lock: true });
      const party = await partyOf(trx, m, partyCode);
      allow(ctx, 'meetings.register', { meeting: m.facts, partyId: party.party_id });
      const row = await repo.findRegistration(trx, id, party.party_id);
      if (!row) throw rule('meetings.register_first', 'Register the delegation before uploading its credentials.');
      if (row.status === 'accepted') throw rule('meetings.already_accepted', 'The registration has been accepted; its credentials can no longer change.');
      // The documents module judges the bytes; a credentials letter must be a PDF.
      const verdict = sniffFile(upload.bytes, upload.hint);
      if (!verdict.ok) throw new AppError('unprocessable', verdict.code, verdict.message, { fields: [{ field: 'file', message: verdict.message }] });
      if (verdict.kind !== 'pdf') throw new AppError('unprocessable', 'meetings.credentials_pdf_only', 'A credentials letter is uploaded as a PDF.', { fields: [{ field: 'file', message: 'must be a PDF' }] });
      const name = checkFileName(upload.fileName, 'pdf');
      if (!name.ok) throw new AppError('unprocessable', name.code, name.message, { fields: [{ field: 'file', message: name.message }] });
      const sha256 = createHash('sha256').update(upload.bytes).digest('hex');
      await repo.updateRegistration(trx, row.id, {
        credentials_file_name: name.name,
        credentials_media_type: 'application/pdf',
        credentials_size: upload.bytes.length,
        credentials_sha256: sha256,
        credentials_content: upload.bytes,
        credentials_uploaded_at: ctx.clock.now(),
        status: 'submitted',
        decided_at: null,
        decided_by: null,
      });
      await recordAudit(trx, ctx, {
        action: 'meetings.credentials',
        objectType: 'registration',
        objectId: row.id,
        before: row.credentials_sha256 ? { sha256: row.credentials_sha256 } : null,
        after: { fileName: name.name, sizeBytes: upload.bytes.length, sha256 },
      });
    }),
  );
  return getRegistration(db, ctx, id, partyCode);
}

export async function downloadCredentials(db: DB, ctx: Ctx, id: string, partyCode: string) {
  const m = await loadVisibleMeeting(db, ctx, id);
  const party = await partyOf(db, m, partyCode);
  allow(ctx, 'meetings.viewRegistration', { meeting: m.facts, partyId: party.party_id });
  const row = await repo.findRegistration(db, id, party.party_id);
  const file = row ? await repo.credentialsContent(db, row.id) : undefined;
  if (!file?.credentials_content || !file.credentials_file_name) throw new AppError('not_found', 'not_found', 'No credentials letter has been uploaded.');
  return { fileName: file.credentials_file_name, mediaType: file.credentials_media_type ?? 'application/pdf', sha256: file.credentials_sha256 ?? '', content: file.credentials_content };
}

export async function decideRegistration(
  db: DB,
  ctx: Ctx,
  id: string,
  partyCode: string,
  input: { accept: boolean; reason?: string | null },
  kickJobs?: () => void,
): Promise<RegistrationView> {
  await withRules(() =>
    db.transaction().execute(async (trx) => {
      const m = await loadVisibleMeeting(trx, ctx, id, { lock: true });
      allow(ctx, 'meetings.manage', m.facts);
      const party = await partyOf(trx, m, partyCode);
      const row = await repo.findRegistration(trx, id, party.party_id);
      if (!row) throw new AppError('not_found', 'not_found', 'This delegation has not registered yet.');
      if (row.status !== 'submitted') throw rule('meetings.already_decided', `The registration is already ${row.status}.`);
      if (input.accept && m.row.high_level && !row.credentials_sha256) {
        throw rule('meetings.credentials_required', 'This is a high-level meeting: the credentials letter is needed before the registration is accepted.');
      }
      if (!input.accept && !input.reason) throw new AppError('bad_input', 'meetings.reason_required', 'Say why the registration is returned.', { fields: [{ field: 'reason', message: 'is required to return' }] });
      const now = ctx.clock.now();
      const after = await repo.updateRegistration(trx, row.id, {
        status: input.accept ? 'accepted' : 'returned',
        decided_at: now,
        decided_by: ctx.actor.userId,
        return_reason: input.accept ? null : (input.reason ?? null),
      });
      const body = await repo.findBody(trx, m.row.body_code);
      const bodyNames = (body?.names as Record<string, string>) ?? { en: m.row.body_code };
      const recipients = await repo.noticeRecipients(trx, [party.party_id]);
      for (const r of recipients) {
        const locale = matchMailLocale(r.language);
        const common = {
          meetingName: meetingName(locale, m.row.ordinal, bodyNames[locale] ?? bodyNames.en ?? m.row.body_code),
          partyName: party.names[locale] ?? party.names.en ?? party.code,
        };
        await sendNotification(trx, ctx, {
          to: { userId: r.id },
          ...(input.accept
            ? { kind: 'meetings.registration_accepted' as const, params: common }
            : { kind: 'meetings.registration_returned' as const, params: { ...common, reason: input.reason ?? '' } }),
          link: `/meetings/${id}`,
          objectType: 'registration',
          objectId: row.id,
        });
      }
      await recordAudit(trx, ctx, {
        action: input.accept ? 'meetings.registration.accept' : 'meetings.registration.return',
        objectType: 'registration',
        objectId: row.id,
        before: { status: row.status },
        after: { status: after.status, reason: after.return_reason },
      });
    }),
  );
  kickJobs?.();
  return getRegistration(db, ctx, id, partyCode);
}

export interface ParticipantsView {
  meetingId: string;
  order: string;
  groups: Array<{
    role: 'member' | 'observer';
    parties: Array<{ code: string; kind: string; name: string; delegates: Array<{ name: string; function: DelegateFunction; title: string | null }> }>;
  }>;
}

/**
 * The list of participants: accepted delegations, members then observers, each in the forum's
 * order — alphabetical by party name in `order` (the profile's `participantsOrder`, else English),
 * with the head first, then alternates, then advisers.
 */
export async function listParticipants(db: DB, ctx: Ctx, id: string, order?: string): Promise<ParticipantsView> {
  const m = await loadVisibleMeeting(db, ctx, id);
  allow(ctx, 'meetings.participants', m.facts);
  const language = order ?? (await repo.participantsOrderLanguage(db)) ?? 'en';
  const accepted = (await repo.registrationsOf(db, id)).filter((r) => r.status === 'accepted');
  const views = await presentRegistrations(db, accepted);
  const collator = new Intl.Collator(language, { sensitivity: 'base' });
  const rank: Record<DelegateFunction, number> = { head: 0, alternate: 1, adviser: 2 };
  const roleOf = new Map(m.invitations.map((i) => [i.code, i.role]));
  const groups: ParticipantsView['groups'] = (['member', 'observer'] as const).map((role) => ({
    role,
    parties: views
      .filter((v) => (roleOf.get(v.party.code) ?? 'observer') === role)
      .map((v) => ({
        code: v.party.code,
        kind: v.party.kind,
        name: v.party.names[language] ?? v.party.names.en ?? v.party.code,
        delegates: [...v.delegates].sort((a, b) => rank[a.function] - rank[b.function]).map((d) => ({ name: d.name, function: d.function, title: d.title })),
      }))
      .sort((a, b) => collator.compare(a.name, b.name)),
  }));
  return { meetingId: id, order: language, groups };
}
