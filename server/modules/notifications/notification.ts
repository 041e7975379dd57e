import { type Channel, type KindDefinition, kindDefinition } from './kinds.ts';
import { directionOf, type MailLocale, type MessageValue, renderMessage } from './messages.ts';

/** Pure rules of notifications: channels, message composition, plain text to HTML. */

/** Where the web app lets a user change their notification settings. */
export const settingsPath = '/notifications/settings';
/** The inbox in the web app. */
export const inboxPath = '/notifications';
/** A digest lists at most this many notifications and points to the inbox for the rest. */
export const digestMaxItems = 100;

export type NotificationParams = Record<string, string | number | boolean | null>;

/** The e-mail channel in force for one kind: mandatory kinds always go at once. */
export function effectiveChannel(def: KindDefinition, preference: Channel | null | undefined): Channel {
  if (def.mandatory) return 'immediate';
  return preference ?? def.defaultChannel ?? 'immediate';
}

export function isValidTimeZone(tz: string | null | undefined): tz is string {
  if (!tz) return false;
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

/** Names of the parameters a kind needs that the call did not give. */
export function missingParams(def: KindDefinition, params: Record<string, unknown>): string[] {
  return def.params.filter((p) => params[p] === undefined || params[p] === null);
}

/** Parameter values ready for ICU: instants named in `dates` become Date objects. */
function valuesFor(def: KindDefinition | undefined, params: NotificationParams): Record<string, MessageValue> {
  const values: Record<string, MessageValue> = { ...params };
  for (const name of def?.dates ?? []) {
    const v = params[name];
    if (typeof v === 'string' || typeof v === 'number') {
      const d = new Date(v);
      if (!Number.isNaN(d.getTime())) values[name] = d;
    }
  }
  return values;
}

export interface RenderTarget {
  locale: MailLocale;
  timeZone?: string | null;
}

/** Subject and body of one notification, as the inbox shows it and the e-mail carries it. */
export function renderNotification(target: RenderTarget, kind: string, params: NotificationParams): { subject: string; body: string } {
  const def = kindDefinition(kind);
  const values = valuesFor(def, params);
  const tz = isValidTimeZone(target.timeZone) ? target.timeZone : 'UTC';
  return {
    subject: oneLine(renderMessage(target.locale, `${kind}.subject`, values, { timeZone: tz })),
    body: renderMessage(target.locale, `${kind}.body`, values, { timeZone: tz }),
  };
}

/** Subjects are one line: a name with a line break must not split the header. */
export function oneLine(s: string): string {
  return s.replace(/\s+/g, ' ').trim().slice(0, 300);
}

export function absoluteUrl(baseUrl: string, pathOrUrl: string): string {
  if (/^https?:\/\//i.test(pathOrUrl)) return pathOrUrl;
  return baseUrl.replace(/\/$/, '') + (pathOrUrl.startsWith('/') ? pathOrUrl : `/${pathOrUrl}`);
}

export interface ComposedMail {
  subject: string;
  text: string;
  html: string;
}

/** One notification as an e-mail: greeting, body, link to the object, and why it was sent. */
export function composeNotificationMail(input: {
  locale: MailLocale;
  timeZone?: string | null;
  kind: string;
  params: NotificationParams;
  name?: string | null;
  /** Absolute URL of the object the notification is about. */
  url?: string | null;
  /** Absolute URL of the notification settings page (kinds the user may configure). */
  settingsUrl: string;
}): ComposedMail {
  const def = kindDefinition(input.kind);
  const { subject, body } = renderNotification(input, input.kind, input.params);
  const parts = [greeting(input.locale, input.name), body];
  if (input.url) parts.push(renderMessage(input.locale, 'mail.openLink', { url: input.url }));
  parts.push(
    def?.mandatory ? renderMessage(input.locale, 'mail.footer.service') : renderMessage(input.locale, 'mail.footer.preferences', { url: input.settingsUrl }),
  );
  const text = `${parts.join('\n\n')}\n`;
  return { subject, text, html: textToHtml(text, input.locale, subject) };
}

export interface DigestItem {
  kind: string;
  params: NotificationParams;
  url: string | null;
}

/** Several notifications as one e-mail. */
export function composeDigestMail(input: {
  locale: MailLocale;
  timeZone?: string | null;
  name?: string | null;
  items: DigestItem[];
  settingsUrl: string;
  /** Absolute URL of the inbox, for what does not fit in one e-mail. */
  inboxUrl: string;
}): ComposedMail {
  const subject = oneLine(renderMessage(input.locale, 'digest.subject', { count: input.items.length }));
  const shown = input.items.slice(0, digestMaxItems);
  const lines = shown.map((item) => {
    const { subject: s } = renderNotification(input, item.kind, item.params);
    return item.url ? `• ${s}\n  ${item.url}` : `• ${s}`;
  });
  if (input.items.length > shown.length) {
    lines.push(renderMessage(input.locale, 'digest.more', { count: input.items.length - shown.length, url: input.inboxUrl }));
  }
  const parts = [
    greeting(input.locale, input.name),
    renderMessage(input.locale, 'digest.intro'),
    lines.join('\n'),
    renderMessage(input.locale, 'mail.footer.preferences', { url: input.settingsUrl }),
  ];
  const text = `${parts.join('\n\n')}\n`;
  return { subject, text, html: textToHtml(text, input.locale, subject) };
}

function greeting(locale: MailLocale, name: string | null | undefined): string {
  const n = name ? oneLine(name) : '';
  return n ? renderMessage(locale, 'mail.greeting', { name: n }) : renderMessage(locale, 'mail.greetingNoName');
}

const htmlEscapes: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => htmlEscapes[c]);
}

const urlPattern = /\bhttps?:\/\/[^\s<>"']+[^\s<>"'.,;:!?)\]]/g;

/**
 * The HTML part, made from the text so the two never say different things: everything escaped,
 * paragraphs at blank lines, line breaks kept, http(s) links made clickable. Language and writing
 * direction are set so Arabic and Persian read right to left.
 */
export function textToHtml(text: string, locale: MailLocale, title: string): string {
  const dir = directionOf(locale);
  const paragraphs = text
    .trim()
    .split(/\n{2,}/)
    .map((p) => {
      const escaped = p
        .split('\n')
        .map((line) => linkify(line))
        .join('<br>\n');
      return `<p>${escaped}</p>`;
    });
  return [
    '<!doctype html>',
    `<html lang="${locale}" dir="${dir}">`,
    '<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(title)}</title></head>`,
    `<body style="font-family: 'Noto Sans', Arial, sans-serif; font-size: 15px; line-height: 1.5; color: #1b1f24;">`,
    ...paragraphs,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

function linkify(line: string): string {
  let out = '';
  let last = 0;
  for (const m of line.matchAll(urlPattern)) {
    const i = m.index ?? 0;
    out += escapeHtml(line.slice(last, i));
    const url = escapeHtml(m[0]);
    out += `<a href="${url}">${url}</a>`;
    last = i + m[0].length;
  }
  return out + escapeHtml(line.slice(last));
}

/** The day a daily digest belongs to (UTC), and when its job is due. */
export const digestHourUtc = 6;
export function digestDay(now: Date): string {
  return now.toISOString().slice(0, 10);
}
export function digestRunAt(day: string): Date {
  return new Date(`${day}T${String(digestHourUtc).padStart(2, '0')}:00:00Z`);
}
export function nextDay(day: string): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}
