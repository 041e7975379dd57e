/**
 * Notices about decisions, through the notifications module (in-app and e-mail, in each
 * recipient's language). Always called inside the transaction of the change they report.
 */
import type { DB } from '../../db/database.ts';
import type { Ctx } from '../../shared/context.ts';
import { sendNotification } from '../notifications/notifications.service.ts';
import type { LocalDeadline } from './decision.ts';
import { type DecisionRow, noticeRecipients, type Recipient } from './decisions.repository.ts';

type Kind = 'decisions.circulated' | 'decisions.extended' | 'decisions.reminder' | 'decisions.silence_broken' | 'decisions.adopted' | 'decisions.not_adopted' | 'decisions.withdrawn';

/** Text in the reader's language, else English, else any. */
export function inLanguage(text: Record<string, string> | null | undefined, language: string): string {
  if (!text) return '';
  const primary = language.split('-')[0];
  return text[language] ?? text[primary] ?? text.en ?? Object.values(text)[0] ?? '';
}

function safeFormat(locale: string, timeZone: string, instant: Date, withZone: boolean): string {
  const opts: Intl.DateTimeFormatOptions = { dateStyle: 'long', timeStyle: 'short', timeZone };
  let s: string;
  try {
    s = new Intl.DateTimeFormat(locale, opts).format(instant);
  } catch {
    s = new Intl.DateTimeFormat('en', { ...opts, timeZone: 'UTC' }).format(instant);
  }
  return withZone ? `${s} (${timeZone})` : s;
}

/** A deadline for one reader: in their language and zone, and as set (its own zone). */
export function deadlineParams(instant: Date, local: LocalDeadline, reader: { language: string; timeZone: string }) {
  return { deadline: safeFormat(reader.language, reader.timeZone, instant, false), deadlineLocal: safeFormat(reader.language, local.zone, instant, true) };
}

/** Sends one kind of notice to each recipient, with parameters made for them. */
async function send(trx: DB, ctx: Ctx, kind: Kind, row: DecisionRow, recipients: Recipient[], params: (r: Recipient & { timeZone: string }) => Record<string, string>) {
  for (const r of recipients) {
    const reader = { ...r, timeZone: r.time_zone || 'UTC' };
    await sendNotification(trx, ctx, {
      to: { userId: r.id },
      kind,
      params: { title: inLanguage(row.title, r.language), ...params(reader) },
      link: `/decisions/${row.id}`,
      objectType: 'decision',
      objectId: row.id,
    });
  }
}

const localOf = (row: DecisionRow): LocalDeadline => ({ date: row.expiry_local_date!, time: row.expiry_local_time!, zone: row.expiry_zone! });

export async function noticeCirculated(trx: DB, ctx: Ctx, row: DecisionRow, bodyNames: Record<string, string>) {
  const recipients = await noticeRecipients(trx, row.member_party_ids, { secretariat: true });
  await send(trx, ctx, 'decisions.circulated', row, recipients, (r) => ({
    body: inLanguage(bodyNames, r.language) || row.body_code,
    ...deadlineParams(new Date(row.expires_at!), localOf(row), r),
  }));
}

export async function noticeExtended(trx: DB, ctx: Ctx, row: DecisionRow) {
  const recipients = await noticeRecipients(trx, row.member_party_ids, { secretariat: true });
  await send(trx, ctx, 'decisions.extended', row, recipients, (r) => deadlineParams(new Date(row.expires_at!), localOf(row), r));
}

/** Reminds the states that have not acted. */
export async function noticeReminder(trx: DB, ctx: Ctx, row: DecisionRow, awaitingPartyIds: string[]) {
  const recipients = await noticeRecipients(trx, awaitingPartyIds, { secretariat: false });
  await send(trx, ctx, 'decisions.reminder', row, recipients, (r) => deadlineParams(new Date(row.expires_at!), localOf(row), r));
}

/** The Chair is told and every member state is notified; `partyNames` is the breaking state's names. */
export async function noticeSilenceBroken(trx: DB, ctx: Ctx, row: DecisionRow, partyNames: Record<string, string>) {
  const recipients = await noticeRecipients(trx, row.member_party_ids, { secretariat: true });
  await send(trx, ctx, 'decisions.silence_broken', row, recipients, (r) => ({ party: inLanguage(partyNames, r.language) }));
}

export async function noticeOutcome(trx: DB, ctx: Ctx, row: DecisionRow, outcome: { state: 'adopted'; symbol: string } | { state: 'not-adopted' } | { state: 'withdrawn' }) {
  const recipients = await noticeRecipients(trx, row.member_party_ids, { secretariat: true });
  if (outcome.state === 'adopted') await send(trx, ctx, 'decisions.adopted', row, recipients, () => ({ symbol: outcome.symbol }));
  else if (outcome.state === 'not-adopted') await send(trx, ctx, 'decisions.not_adopted', row, recipients, () => ({}));
  else await send(trx, ctx, 'decisions.withdrawn', row, recipients, () => ({}));
}
