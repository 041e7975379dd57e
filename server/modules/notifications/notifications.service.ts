import type { DB } from '../../db/database.ts';
import type { NotificationChannel } from '../../db/tables.ts';
import type { Ctx } from '../../shared/context.ts';
import { AppError } from '../../shared/errors.ts';
import { authorize } from '../../shared/policy.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { enqueueJob } from '../jobs/jobs.service.ts';
import { type Channel, configurableKinds, kindDefinition, kindNames, type NotificationKind } from './kinds.ts';
import { mailMaxAttempts } from './mail.delivery.ts';
import { type MailLocale, matchMailLocale } from './messages.ts';
import {
  absoluteUrl,
  type ComposedMail,
  composeNotificationMail,
  effectiveChannel,
  missingParams,
  type NotificationParams,
  renderNotification,
  settingsPath,
} from './notification.ts';
import './notifications.policy.ts';
import {
  countUnread,
  findLastDigestAt,
  findNotification,
  findOutboxMail,
  findPreference,
  findRecipient,
  insertNotification,
  insertOutboxMail,
  listNotifications,
  listOutboxMail,
  listPreferences,
  markAllNotificationsRead,
  markNotificationRead,
  type NotificationRow,
  upsertPreference,
} from './notifications.repository.ts';

export type NotificationRecipient =
  | { userId: string }
  /** Someone who cannot sign in yet (or at all): e-mail only, no inbox. */
  | { email: string; language?: string | null; name?: string | null; timeZone?: string | null };

export interface SendNotificationInput {
  to: NotificationRecipient;
  kind: NotificationKind;
  params?: NotificationParams;
  /** Path in the web app the notification is about (`/decisions/…`); made absolute in e-mails. */
  link?: string | null;
  objectType?: string | null;
  objectId?: string | null;
  /** E-mail it now whatever the recipient's preference says. */
  force?: 'email';
}

export interface SendNotificationResult {
  /** The in-app notification, when the recipient is a user and the kind shows in the inbox. */
  notificationId: string | null;
  /** The queued e-mail, when one was queued now. */
  outboxId: string | null;
  channel: Channel;
}

/**
 * Tells someone something. Call it inside the transaction of the change it reports: the inbox
 * entry, the rendered e-mail (in the recipient's language) and its `mail.send` job are written
 * with that transaction, so nothing goes out if it rolls back and nothing is lost if it commits.
 * After commit, `deps.kickJobs()` sends at once instead of at the worker's next pass.
 */
export async function sendNotification(trx: DB, ctx: Ctx, input: SendNotificationInput): Promise<SendNotificationResult> {
  const def = kindDefinition(input.kind);
  if (!def) throw new Error(`Unknown notification kind "${input.kind}": add it to server/modules/notifications/kinds.ts`);
  const params = input.params ?? {};
  const missing = missingParams(def, params);
  if (missing.length) throw new Error(`Notification ${input.kind} needs the parameter(s) ${missing.join(', ')}`);
  const link = input.link ?? null;
  if (link !== null && !/^\/(?!\/)/.test(link)) throw new Error(`Notification link must be a path in Concord starting with "/", got ${JSON.stringify(link)}`);
  const now = ctx.clock.now();

  if ('userId' in input.to) {
    const user = await findRecipient(trx, input.to.userId);
    if (!user) throw new AppError('not_found', 'notifications.recipient_not_found', 'The recipient of the notification does not exist.');
    const preference = def.mandatory ? null : await findPreference(trx, user.id, input.kind);
    let channel = effectiveChannel(def, preference);
    const inApp = def.inApp !== false;
    // A digest is made from the inbox; a kind that is not in the inbox goes at once instead.
    if (!inApp && channel === 'digest') channel = 'immediate';
    const notificationId = inApp
      ? await insertNotification(trx, {
          userId: user.id,
          kind: input.kind,
          params,
          objectType: input.objectType ?? null,
          objectId: input.objectId ?? null,
          link,
          channel,
          createdAt: now,
        })
      : null;
    // A suspended account hears only about its account.
    const mayMail = user.status === 'active' || def.mandatory === true;
    const mailNow = mayMail && (input.force === 'email' || channel === 'immediate');
    let outboxId: string | null = null;
    if (mailNow) {
      const locale = matchMailLocale(user.language);
      const mail = composeNotificationMail({
        locale,
        timeZone: user.time_zone,
        kind: input.kind,
        params,
        name: user.name,
        url: link ? absoluteUrl(requireBaseUrl(ctx), link) : null,
        settingsUrl: def.mandatory ? '' : absoluteUrl(requireBaseUrl(ctx), settingsPath),
      });
      outboxId = await queueMail(trx, ctx, { to: user.email, toName: user.name, userId: user.id, kind: input.kind, locale, mail });
    }
    return { notificationId, outboxId, channel };
  }

  const to = input.to;
  const address = to.email.trim();
  if (!/^[^\s@<>,;"]+@[^\s@<>,;"]+$/.test(address)) throw new AppError('bad_input', 'notifications.bad_address', 'The e-mail address is not valid.');
  const locale = matchMailLocale(to.language);
  const mail = composeNotificationMail({
    locale,
    timeZone: to.timeZone,
    kind: input.kind,
    params,
    name: to.name,
    url: link ? absoluteUrl(requireBaseUrl(ctx), link) : null,
    settingsUrl: def.mandatory ? '' : absoluteUrl(requireBaseUrl(ctx), settingsPath),
  });
  const outboxId = await queueMail(trx, ctx, { to: address, toName: to.name ?? null, userId: null, kind: input.kind, locale, mail });
  return { notificationId: null, outboxId, channel: 'immediate' };
}

function requireBaseUrl(ctx: Ctx): string {
  if (!ctx.baseUrl) throw new Error('ctx.baseUrl is needed to put links in e-mails (ctxOf sets it from config.baseUrl)');
  return ctx.baseUrl;
}

/** Puts a rendered e-mail in the outbox and enqueues its delivery, in the caller's transaction. */
export async function queueMail(
  trx: DB,
  ctx: Ctx,
  m: { to: string; toName: string | null; userId: string | null; kind: string; locale: MailLocale; mail: ComposedMail },
): Promise<string> {
  const outboxId = await insertOutboxMail(trx, {
    toAddress: m.to,
    toName: m.toName,
    userId: m.userId,
    subject: m.mail.subject,
    text: m.mail.text,
    html: m.mail.html,
    language: m.locale,
    kind: m.kind,
    createdAt: ctx.clock.now(),
  });
  await enqueueJob(trx, ctx.clock, 'mail.send', { outboxId }, { maxAttempts: mailMaxAttempts });
  return outboxId;
}

// ---------------------------------------------------------------------------------------------
// The inbox

export interface NotificationView {
  id: string;
  kind: string;
  subject: string;
  body: string;
  params: NotificationParams;
  link: string | null;
  objectType: string | null;
  objectId: string | null;
  createdAt: string;
  readAt: string | null;
}

interface Reader {
  userId: string;
  locale: MailLocale;
  timeZone: string | null;
}

async function reader(db: DB, ctx: Ctx): Promise<Reader> {
  authorize(ctx.actor, 'notifications.inbox');
  const user = await findRecipient(db, ctx.actor.userId!);
  return { userId: ctx.actor.userId!, locale: matchMailLocale(user?.language), timeZone: user?.time_zone ?? null };
}

function present(row: NotificationRow, r: Reader): NotificationView {
  const { subject, body } = renderNotification(r, row.kind, row.params ?? {});
  return {
    id: row.id,
    kind: row.kind,
    subject,
    body,
    params: row.params ?? {},
    link: row.link,
    objectType: row.object_type,
    objectId: row.object_id,
    createdAt: new Date(row.created_at).toISOString(),
    readAt: row.read_at ? new Date(row.read_at).toISOString() : null,
  };
}

export interface Page {
  page: number;
  pageSize: number;
}

export async function listInbox(db: DB, ctx: Ctx, q: Page & { unread?: boolean }) {
  const r = await reader(db, ctx);
  const { rows, total } = await listNotifications(db, r.userId, { unreadOnly: q.unread === true, limit: q.pageSize, offset: (q.page - 1) * q.pageSize });
  const unread = await countUnread(db, r.userId);
  return { items: rows.map((row) => present(row, r)), total, unread, page: q.page, pageSize: q.pageSize };
}

export async function unreadCount(db: DB, ctx: Ctx): Promise<{ unread: number }> {
  authorize(ctx.actor, 'notifications.inbox');
  return { unread: await countUnread(db, ctx.actor.userId!) };
}

/**
 * Marks one of the caller's notifications read. Reading is the reader's own business, not an act
 * in the forum, so it is not written to the audit trail.
 */
export async function markRead(db: DB, ctx: Ctx, id: string): Promise<NotificationView> {
  const r = await reader(db, ctx);
  const found = await findNotification(db, id);
  if (!found) throw new AppError('not_found', 'not_found', 'The notification was not found.');
  authorize(ctx.actor, 'notifications.read', found, {}, { hide: true, what: 'notification' });
  const row = await markNotificationRead(db, id, ctx.clock.now());
  return present(row, r);
}

export async function markAllRead(db: DB, ctx: Ctx): Promise<{ updated: number; unread: number }> {
  authorize(ctx.actor, 'notifications.inbox');
  const updated = await markAllNotificationsRead(db, ctx.actor.userId!, ctx.clock.now());
  return { updated, unread: await countUnread(db, ctx.actor.userId!) };
}

// ---------------------------------------------------------------------------------------------
// Preferences

export interface PreferenceView {
  kind: string;
  channel: Channel;
  defaultChannel: Channel;
  configurable: boolean;
}

async function preferencesOf(db: DB, userId: string) {
  const chosen = await listPreferences(db, userId);
  const items: PreferenceView[] = kindNames.map((kind) => {
    const def = kindDefinition(kind)!;
    return {
      kind,
      channel: effectiveChannel(def, chosen.get(kind)),
      defaultChannel: effectiveChannel(def, null),
      configurable: !def.mandatory,
    };
  });
  const last = await findLastDigestAt(db, userId);
  return { items, lastDigestAt: last ? last.toISOString() : null };
}

export async function getPreferences(db: DB, ctx: Ctx) {
  authorize(ctx.actor, 'notifications.inbox');
  return preferencesOf(db, ctx.actor.userId!);
}

/** Sets the e-mail channel per kind: `{ "decisions.silence_broken": "digest" }`. Audited. */
export async function setPreferences(db: DB, ctx: Ctx, requested: Partial<Record<string, NotificationChannel>>) {
  authorize(ctx.actor, 'notifications.inbox');
  const changes = Object.fromEntries(Object.entries(requested).filter((e): e is [string, NotificationChannel] => e[1] !== undefined));
  const userId = ctx.actor.userId!;
  const unknown = Object.keys(changes).filter((k) => !kindDefinition(k));
  if (unknown.length) {
    throw new AppError('bad_input', 'validation_failed', `Unknown notification kind(s): ${unknown.join(', ')}.`, {
      fields: unknown.map((k) => ({ field: `body.${k}`, message: 'is not a kind of notification' })),
    });
  }
  const locked = Object.keys(changes).filter((k) => !configurableKinds.includes(k as NotificationKind));
  if (locked.length) {
    throw new AppError('unprocessable', 'notifications.kind_not_configurable', `These messages are always e-mailed and cannot be changed: ${locked.join(', ')}.`, {
      fields: locked.map((k) => ({ field: `body.${k}`, message: 'is always e-mailed at once' })),
    });
  }
  await db.transaction().execute(async (trx) => {
    const before = Object.fromEntries(await listPreferences(trx, userId));
    const now = ctx.clock.now();
    for (const [kind, channel] of Object.entries(changes)) await upsertPreference(trx, userId, kind, channel, now);
    const after = Object.fromEntries(await listPreferences(trx, userId));
    await recordAudit(trx, ctx, { action: 'notifications.set_preferences', objectType: 'user', objectId: userId, before, after });
  });
  return preferencesOf(db, userId);
}

// ---------------------------------------------------------------------------------------------
// The outbox (Secretariat admins)

export interface OutboxView {
  id: string;
  to: string;
  toName: string | null;
  subject: string;
  text: string;
  language: string;
  kind: string;
  status: 'queued' | 'sent' | 'held' | 'failed';
  redacted: boolean;
  createdAt: string;
  sentAt: string | null;
  error: string | null;
  attempts: number;
}

type OutboxRecord = NonNullable<Awaited<ReturnType<typeof findOutboxMail>>>;

function presentOutbox(row: OutboxRecord): OutboxView {
  return {
    id: row.id,
    to: row.to_address,
    toName: row.to_name,
    subject: row.subject,
    text: row.text,
    language: row.language,
    kind: row.kind,
    status: row.status,
    redacted: row.redacted,
    createdAt: new Date(row.created_at).toISOString(),
    sentAt: row.sent_at ? new Date(row.sent_at).toISOString() : null,
    error: row.error,
    attempts: row.attempts,
  };
}

export async function listOutbox(db: DB, ctx: Ctx, q: Page & { status?: OutboxView['status'] }) {
  authorize(ctx.actor, 'notifications.readOutbox');
  const { rows, total } = await listOutboxMail(db, { status: q.status, limit: q.pageSize, offset: (q.page - 1) * q.pageSize });
  return { items: rows.map(presentOutbox), total, page: q.page, pageSize: q.pageSize };
}

export async function getOutboxMail(db: DB, ctx: Ctx, id: string): Promise<OutboxView & { html: string }> {
  authorize(ctx.actor, 'notifications.readOutbox', null, {}, { hide: true, what: 'e-mail' });
  const row = await findOutboxMail(db, id);
  if (!row) throw new AppError('not_found', 'not_found', 'The e-mail was not found.');
  return { ...presentOutbox(row), html: row.html };
}
