import type { AppDeps } from '../../http/deps.ts';
import { problemSchema } from '../../http/problem.ts';
import { routeMaker } from '../../http/route.ts';
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
  const route = routeMaker(app, deps, 'notifications');
  const { db } = deps;

  route(
    'GET',
    '/api/notifications',
    { access: 'signed-in', summary: 'Your inbox, newest first, in your language.', querystring: inboxQuery, reply: inboxPage, errors },
    ({ ctx, query }) => listInbox(db, ctx, query),
  );

  route(
    'GET',
    '/api/notifications/unread-count',
    { access: 'signed-in', summary: 'How many of your notifications are unread (the badge).', reply: unreadCount, errors },
    ({ ctx }) => countUnreadFor(db, ctx),
  );

  route('POST', '/api/notifications/read-all', { access: 'signed-in', summary: 'Marks all your notifications read.', reply: readAllResult, errors }, ({ ctx }) =>
    markAllRead(db, ctx),
  );

  route(
    'POST',
    '/api/notifications/:id/read',
    { access: 'signed-in', summary: 'Marks one of your notifications read. Another person’s answers 404.', params: idParams, reply: notificationView, errors },
    ({ ctx, params }) => markRead(db, ctx, params.id),
  );

  route(
    'GET',
    '/api/notifications/preferences',
    { access: 'signed-in', summary: 'How each kind of notification reaches you by e-mail.', reply: preferences, errors },
    ({ ctx }) => getPreferences(db, ctx),
  );

  route(
    'PUT',
    '/api/notifications/preferences',
    {
      access: 'signed-in',
      summary: 'Sets the e-mail channel per kind: immediate, digest (daily) or none. Account messages cannot be changed (422).',
      body: preferencesUpdate,
      reply: preferences,
      errors: { ...errors, 422: problemSchema },
    },
    ({ ctx, body }) => setPreferences(db, ctx, body),
  );

  route(
    'GET',
    '/api/outbox',
    {
      access: 'signed-in',
      summary: 'Every e-mail Concord queued, sent or holds for want of SMTP, newest first (Secretariat admins).',
      querystring: outboxQuery,
      reply: outboxPage,
      errors,
    },
    ({ ctx, query }) => listOutbox(db, ctx, query),
  );

  route(
    'GET',
    '/api/outbox/:id',
    { access: 'signed-in', summary: 'One e-mail of the outbox, with its HTML part (Secretariat admins).', params: idParams, reply: outboxMail, errors },
    ({ ctx, params }) => getOutboxMail(db, ctx, params.id),
  );
}
