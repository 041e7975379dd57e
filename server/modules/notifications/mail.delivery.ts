import nodemailer from 'nodemailer';
import type { Config } from '../../config.ts';
import type { DB } from '../../db/database.ts';
import type { Clock } from '../../shared/clock.ts';
import { kindDefinition } from './kinds.ts';
import { findOutboxMail, recordDeliveryAttempt } from './notifications.repository.ts';

/** Attempts per e-mail before it is marked failed (the job backs off 30 s, 1 min, 2 min … 1 h). */
export const mailMaxAttempts = 12;

export const heldNoSmtp = 'held: no SMTP configured';
export const redactedNote =
  'The content of this message was removed after it was sent, because it carried a one-time link that only the recipient may use.';

export interface OutgoingMail {
  from: string;
  to: { address: string; name: string | null };
  subject: string;
  text: string;
  html: string;
  language: string;
}

export interface MailSender {
  send(mail: OutgoingMail): Promise<{ messageId: string | null }>;
  close(): void;
}

/**
 * One SMTP transport for the process, from config.smtp: implicit TLS when SMTP_SECURE=1 (port 465),
 * otherwise STARTTLS when the server offers it; authentication when SMTP_USER is set.
 */
export function smtpSender(smtp: NonNullable<Config['smtp']>): MailSender {
  const transport = nodemailer.createTransport({
    host: smtp.host,
    port: smtp.port,
    secure: smtp.secure,
    auth: smtp.user ? { user: smtp.user, pass: smtp.password ?? '' } : undefined,
    connectionTimeout: 30_000,
    greetingTimeout: 30_000,
    socketTimeout: 60_000,
  });
  return {
    async send(mail) {
      const info = await transport.sendMail({
        from: mail.from,
        to: mail.to.name ? { name: mail.to.name, address: mail.to.address } : mail.to.address,
        subject: mail.subject,
        text: mail.text,
        html: mail.html,
        headers: {
          'Content-Language': mail.language,
          // RFC 3834: no out-of-office replies to machine mail.
          'Auto-Submitted': 'auto-generated',
        },
      });
      return { messageId: info.messageId ?? null };
    },
    close() {
      transport.close();
    },
  };
}

/**
 * The `mail.send` job: delivers one outbox message. Without SMTP the message stays in the outbox,
 * held, for admins to read; it is never dropped. A failed send is recorded and rethrown, so the
 * job retries with backoff; after the last attempt the message is marked failed (still readable).
 */
export async function deliverOutboxMail(
  db: DB,
  clock: Clock,
  outboxId: string,
  opts: { sender: MailSender | null; from: string; attempt: number },
): Promise<void> {
  const mail = await findOutboxMail(db, outboxId);
  // Already delivered (a job re-run after a crash between sending and marking done) or held: nothing to do.
  if (!mail || mail.status === 'sent' || mail.status === 'held') return;
  if (!opts.sender) {
    await recordDeliveryAttempt(db, outboxId, { status: 'held', error: heldNoSmtp });
    return;
  }
  let messageId: string | null;
  try {
    ({ messageId } = await opts.sender.send({
      from: opts.from,
      to: { address: mail.to_address, name: mail.to_name },
      subject: mail.subject,
      text: mail.text,
      html: mail.html,
      language: mail.language,
    }));
  } catch (err) {
    const message = (err as Error)?.message ?? String(err);
    await recordDeliveryAttempt(db, outboxId, { status: opts.attempt >= mailMaxAttempts ? 'failed' : 'queued', error: message.slice(0, 2000) });
    throw err;
  }
  const secret = kindDefinition(mail.kind)?.secret === true;
  await recordDeliveryAttempt(db, outboxId, {
    status: 'sent',
    sent_at: clock.now(),
    message_id: messageId,
    error: null,
    ...(secret ? { text: redactedNote, html: `<p>${redactedNote}</p>`, redacted: true } : {}),
  });
}
