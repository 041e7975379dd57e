import { definePolicy, isSecretariatAdmin, isUser } from '../../shared/policy.ts';

/**
 * Who may do what with notifications and the outbox. A notification is its recipient's alone:
 * nobody else reads it, not even an admin (the answer is 404). The outbox holds every e-mail
 * Concord sent or could not send; only Secretariat admins read it.
 */
export const notificationsPolicy = definePolicy('notifications', {
  /** Own inbox, unread count, mark all read, own preferences. */
  inbox: (actor) => isUser(actor) && !!actor.userId,
  /** One notification: its recipient only. */
  read: (actor, n: { user_id: string }) => isUser(actor) && !!actor.userId && actor.userId === n.user_id,
  readOutbox: (actor) => isSecretariatAdmin(actor),
});
