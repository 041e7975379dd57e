import { z } from 'zod';
import { channels, isKnownKind } from './kinds.ts';

export const channel = z.enum(channels).meta({
  id: 'NotificationChannel',
  description: 'How a kind of notification is e-mailed: at once, in the daily digest, or not at all (it still shows in the inbox).',
});

const paramValue = z.union([z.string(), z.number(), z.boolean(), z.null()]);

export const notificationView = z
  .object({
    id: z.uuid(),
    kind: z.string().meta({ description: 'What happened, e.g. `decisions.silence_broken`.' }),
    subject: z.string().meta({ description: "One line, in the reader's language." }),
    body: z.string().meta({ description: "Plain text, in the reader's language." }),
    params: z.record(z.string(), paramValue),
    link: z.string().nullable().meta({ description: 'Path in the web app of what the notification is about.' }),
    objectType: z.string().nullable(),
    objectId: z.string().nullable(),
    createdAt: z.iso.datetime(),
    readAt: z.iso.datetime().nullable(),
  })
  .meta({ id: 'Notification' });

export const pageQuery = {
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
};

const boolQuery = z
  .enum(['true', 'false', '1', '0'])
  .transform((v) => v === 'true' || v === '1')
  .optional();

export const inboxQuery = z.object({
  ...pageQuery,
  unread: boolQuery.meta({ description: 'Only unread notifications.' }),
});

export const inboxPage = z
  .object({
    items: z.array(notificationView),
    total: z.number().int(),
    unread: z.number().int().meta({ description: 'Unread notifications in the whole inbox.' }),
    page: z.number().int(),
    pageSize: z.number().int(),
  })
  .meta({ id: 'NotificationPage' });

export const unreadCount = z.object({ unread: z.number().int() }).meta({ id: 'UnreadCount' });

export const readAllResult = z.object({ updated: z.number().int(), unread: z.number().int() }).meta({ id: 'ReadAllResult' });

export const idParams = z.object({ id: z.uuid({ error: 'must be a UUID' }) });

export const preferences = z
  .object({
    items: z.array(
      z.object({
        kind: z.string(),
        channel,
        defaultChannel: channel,
        configurable: z.boolean().meta({ description: 'False for account and security messages, which are always e-mailed.' }),
      }),
    ),
    lastDigestAt: z.iso.datetime().nullable().meta({ description: 'When the last daily digest was sent to you.' }),
  })
  .meta({ id: 'NotificationPreferences' });

export const preferencesUpdate = z
  .record(z.string(), channel)
  .superRefine((value, ctx) => {
    const keys = Object.keys(value);
    if (keys.length === 0) ctx.addIssue({ code: 'custom', message: 'needs at least one kind' });
    for (const key of keys) if (!isKnownKind(key)) ctx.addIssue({ code: 'custom', path: [key], message: 'is not a kind of notification' });
  })
  .meta({
    id: 'NotificationPreferencesUpdate',
    // The kinds are not listed here, so adding a kind does not change the API description.
    description: 'Channel per kind, e.g. `{ "system.test": "digest" }`; GET /api/notifications/preferences lists the kinds.',
  });

export const outboxStatus = z.enum(['queued', 'sent', 'held', 'failed']).meta({
  id: 'OutboxStatus',
  description: 'queued: waiting for (another) attempt; sent: accepted by the SMTP server; held: no SMTP server is configured; failed: gave up.',
});

const outboxBase = z.object({
  id: z.uuid(),
  to: z.string(),
  toName: z.string().nullable(),
  subject: z.string(),
  text: z.string(),
  language: z.string(),
  kind: z.string(),
  status: outboxStatus,
  redacted: z.boolean().meta({ description: 'The body carried a one-time link and was removed once sent.' }),
  createdAt: z.iso.datetime(),
  sentAt: z.iso.datetime().nullable(),
  error: z.string().nullable(),
  attempts: z.number().int(),
});

export const outboxItem = outboxBase.meta({ id: 'OutboxMail' });
export const outboxMail = outboxBase.extend({ html: z.string() }).meta({ id: 'OutboxMailFull' });

export const outboxQuery = z.object({ ...pageQuery, status: outboxStatus.optional() });

export const outboxPage = z
  .object({ items: z.array(outboxItem), total: z.number().int(), page: z.number().int(), pageSize: z.number().int() })
  .meta({ id: 'OutboxPage' });
