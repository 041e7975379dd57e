import { type AppDeps, ctxOf } from '../../http/deps.ts';
import { problemSchema } from '../../http/problem.ts';
import type { App } from '../../http/routes.ts';
import {
  idParams,
  inboxPage,
  inboxQuery,
  notificationView,
  outboxMail,
  outboxPage,
  outboxQuery,
  preferences,
  preferencesUpdate,
  readAllResult,
  unreadCount,
} from './notifications.schemas.ts';
import {
  getOutboxMail,
  getPreferences,
  listInbox,
  listOutbox,
  markAllRead,
  markRead,
  setPreferences,
  unreadCount as countUnreadFor,
} from './notifications.service.ts';

const errors = { 400: problemSchema, 401: problemSchema, 403: problemSchema, 404: problemSchema };

export async function notificationsRoutes(app: App, deps: AppDeps) {
  app.get(
    '/api/notifications',
    {
      config: { access: 'signed-in' },
      schema: {
        tags: ['notifications'],
        summary: 'Your inbox, newest first, in your language.',
        querystring: inboxQuery,
        response: { 200: inboxPage, ...errors },
      },
    },
    async (req) => listInbox(deps.db, ctxOf(req, deps), req.query),
  );

  app.get(
    '/api/notifications/unread-count',
    {
      config: { access: 'signed-in' },
      schema: { tags: ['notifications'], summary: 'How many of your notifications are unread (the badge).', response: { 200: unreadCount, ...errors } },
    },
    async (req) => countUnreadFor(deps.db, ctxOf(req, deps)),
  );

  app.post(
    '/api/notifications/read-all',
    {
      config: { access: 'signed-in' },
      schema: { tags: ['notifications'], summary: 'Marks all your notifications read.', response: { 200: readAllResult, ...errors } },
    },
    async (req) => markAllRead(deps.db, ctxOf(req, deps)),
  );

  app.post(
    '/api/notifications/:id/read',
    {
      config: { access: 'signed-in' },
      schema: {
        tags: ['notifications'],
        summary: 'Marks one of your notifications read. Another person’s answers 404.',
        params: idParams,
        response: { 200: notificationView, ...errors },
      },
    },
    async (req) => markRead(deps.db, ctxOf(req, deps), req.params.id),
  );

  app.get(
    '/api/notifications/preferences',
    {
      config: { access: 'signed-in' },
      schema: { tags: ['notifications'], summary: 'How each kind of notification reaches you by e-mail.', response: { 200: preferences, ...errors } },
    },
    async (req) => getPreferences(deps.db, ctxOf(req, deps)),
  );

  app.put(
    '/api/notifications/preferences',
    {
      config: { access: 'signed-in' },
      schema: {
        tags: ['notifications'],
        summary: 'Sets the e-mail channel per kind: immediate, digest (daily) or none. Account messages cannot be changed (422).',
        body: preferencesUpdate,
        response: { 200: preferences, ...errors, 422: problemSchema },
      },
    },
    async (req) => setPreferences(deps.db, ctxOf(req, deps), req.body),
  );

  app.get(
    '/api/outbox',
    {
      config: { access: 'signed-in' },
      schema: {
        tags: ['notifications'],
        summary: 'Every e-mail Concord queued, sent or holds for want of SMTP, newest first (Secretariat admins).',
        querystring: outboxQuery,
        response: { 200: outboxPage, ...errors },
      },
    },
    async (req) => listOutbox(deps.db, ctxOf(req, deps), req.query),
  );

  app.get(
    '/api/outbox/:id',
    {
      config: { access: 'signed-in' },
      schema: {
        tags: ['notifications'],
        summary: 'One e-mail of the outbox, with its HTML part (Secretariat admins).',
        params: idParams,
        response: { 200: outboxMail, ...errors },
      },
    },
    async (req) => getOutboxMail(deps.db, ctxOf(req, deps), req.params.id),
  );
}
