import { sendNotification } from '../../server/modules/notifications/notifications.service.ts';
import { systemCtx } from '../helpers/auth.ts';
import type { MatrixEntry, MatrixWorld } from './types.ts';

const allSignedIn = ['otherDelegate', 'observer', 'ownViewer', 'officer'] as const;

/** A notification (with its e-mail) for Kazakhstan's delegate: nobody else may touch it. */
async function ownDelegateNotification(w: MatrixWorld) {
  return w.t.db
    .transaction()
    .execute((trx) =>
      sendNotification(trx, systemCtx(w.t), { to: { userId: w.users.ownDelegate.id }, kind: 'system.test', link: '/notifications', force: 'email' }),
    );
}

/**
 * Notifications: everyone signed in reads and manages their own inbox and preferences (so every
 * signed-in probe is allowed, acting on its own); one notification is its recipient's alone (404 for
 * anyone else); the outbox is for Secretariat admins only.
 */
export const notificationsMatrix: MatrixEntry[] = [
  { method: 'GET', route: '/api/notifications', allow: allSignedIn, positive: 'ownDelegate', status: 200, request: () => ({ path: '/api/notifications' }) },
  {
    method: 'GET',
    route: '/api/notifications/unread-count',
    allow: allSignedIn,
    positive: 'ownDelegate',
    status: 200,
    request: () => ({ path: '/api/notifications/unread-count' }),
  },
  {
    method: 'POST',
    route: '/api/notifications/read-all',
    allow: allSignedIn,
    positive: 'ownDelegate',
    status: 200,
    request: () => ({ path: '/api/notifications/read-all' }),
  },
  {
    method: 'POST',
    route: '/api/notifications/:id/read',
    allow: [],
    positive: 'ownDelegate',
    status: 200,
    note: "Only the recipient: the own party's viewer, the Secretariat and everyone else get 404.",
    async request(w) {
      const { notificationId } = await ownDelegateNotification(w);
      return { path: `/api/notifications/${notificationId}/read` };
    },
  },
  {
    method: 'GET',
    route: '/api/notifications/preferences',
    allow: allSignedIn,
    positive: 'ownDelegate',
    status: 200,
    request: () => ({ path: '/api/notifications/preferences' }),
  },
  {
    method: 'PUT',
    route: '/api/notifications/preferences',
    allow: allSignedIn,
    positive: 'ownDelegate',
    status: 200,
    request: () => ({ path: '/api/notifications/preferences', body: { 'system.test': 'digest' } }),
  },
  { method: 'GET', route: '/api/outbox', allow: [], positive: 'admin', status: 200, request: () => ({ path: '/api/outbox' }) },
  {
    method: 'GET',
    route: '/api/outbox/:id',
    allow: [],
    positive: 'admin',
    status: 200,
    async request(w) {
      const { outboxId } = await ownDelegateNotification(w);
      return { path: `/api/outbox/${outboxId}` };
    },
  },
];
