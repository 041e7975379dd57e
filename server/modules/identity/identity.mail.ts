import type { DB } from '../../db/database.ts';
import type { Ctx } from '../../shared/context.ts';
import type { NotificationParams } from '../notifications/notification.ts';
import { sendNotification } from '../notifications/notifications.service.ts';

/**
 * Account e-mails (invitation, password reset, suspension) go through the notifications module:
 * rendered in the recipient's language, written to the outbox in this transaction, sent by a job
 * after commit (or kept in the outbox for admins when no SMTP server is configured).
 */
export async function sendAccountMail(
  trx: DB,
  ctx: Ctx,
  m: { userId: string; kind: 'identity.invitation' | 'identity.password_reset' | 'identity.suspended'; params: NotificationParams },
): Promise<void> {
  await sendNotification(trx, ctx, { to: { userId: m.userId }, kind: m.kind, params: m.params, objectType: 'user', objectId: m.userId });
}
