/**
 * Every kind of notification Concord sends, as data. To add one:
 *   1. add `<kind>.subject` and `<kind>.body` to every catalogue in ./messages (English first;
 *      a unit test fails when a locale lacks a key English has or uses other arguments);
 *   2. add one line here naming its parameters and, if not `immediate`, its default channel.
 * Then call `sendNotification(trx, ctx, { to, kind: '<kind>', params })`.
 */
export type Channel = 'immediate' | 'digest' | 'none';
export const channels = ['immediate', 'digest', 'none'] as const satisfies readonly Channel[];

export interface KindDefinition {
  /** ICU arguments the messages use; sendNotification refuses a call that lacks one. */
  params: readonly string[];
  /** Arguments holding an instant (ISO string or Date), formatted in the recipient's time zone. */
  dates?: readonly string[];
  /** E-mail channel for users who have not chosen one (default `immediate`). */
  defaultChannel?: Channel;
  /** Always e-mailed at once; the user cannot change it (account and security messages). */
  mandatory?: boolean;
  /** Also shown in the in-app inbox (default true). */
  inApp?: boolean;
  /** The body carries a one-time secret: removed from the outbox once the mail is sent. */
  secret?: boolean;
}

export const notificationKinds = {
  'identity.invitation': { params: ['inviterName', 'partyName', 'link'], mandatory: true, inApp: false, secret: true },
  'identity.password_reset': { params: ['link'], mandatory: true, inApp: false, secret: true },
  'identity.suspended': { params: [], mandatory: true, inApp: false },
  'system.test': { params: [] },
  // Decisions: `deadline` is formatted for the recipient (language, time zone), `deadlineLocal` in the deadline's own zone.
  'decisions.circulated': { params: ['title', 'body', 'deadline', 'deadlineLocal'] },
  'decisions.extended': { params: ['title', 'deadline', 'deadlineLocal'] },
  'decisions.reminder': { params: ['title', 'deadline', 'deadlineLocal'] },
  'decisions.silence_broken': { params: ['title', 'party'] },
  'decisions.adopted': { params: ['title', 'symbol'] },
  'decisions.not_adopted': { params: ['title'] },
  'decisions.withdrawn': { params: ['title'] },
  // Information exchange: `title` names the submission (an exercise's name, or the exchange year);
  // `count` of a deadline reminder is the number of days left; `sentAt` comes formatted for the recipient.
  'exchange.received': { params: ['senderName', 'formTitle', 'title'] },
  'exchange.correction_received': { params: ['senderName', 'formTitle', 'title', 'version'] },
  'exchange.acknowledged': { params: ['partyName', 'formTitle', 'title'], defaultChannel: 'digest' },
  'exchange.ack_reminder': { params: ['senderName', 'formTitle', 'title', 'sentAt'] },
  'exchange.deadline_reminder': { params: ['formTitle', 'year', 'dueDay', 'timeZone', 'count'] },
  'exchange.deadline_overdue': { params: ['formTitle', 'year', 'dueDay', 'timeZone'] },
  // Meetings: names and instants come formatted for the recipient (language, time zone).
  'meetings.convened': { params: ['meetingName', 'venue', 'start', 'registrationDeadline', 'documentsDeadline'] },
  'meetings.record_circulated': { params: ['meetingName', 'deadline'] },
  'meetings.registration_accepted': { params: ['meetingName', 'partyName'] },
  'meetings.registration_returned': { params: ['meetingName', 'partyName', 'reason'] },
} as const satisfies Record<string, KindDefinition>;

export type NotificationKind = keyof typeof notificationKinds;
export const kindNames = Object.keys(notificationKinds) as NotificationKind[];

export function kindDefinition(kind: string): KindDefinition | undefined {
  return Object.hasOwn(notificationKinds, kind) ? (notificationKinds as Record<string, KindDefinition>)[kind] : undefined;
}

export function isKnownKind(kind: string): kind is NotificationKind {
  return kindDefinition(kind) !== undefined;
}

/** Kinds a user may set a channel for (every kind that is not mandatory). */
export const configurableKinds = kindNames.filter((k) => !kindDefinition(k)!.mandatory);
