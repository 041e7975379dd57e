import type { AddressInfo } from 'node:net';
import { type ParsedMail, simpleParser } from 'mailparser';
import { SMTPServer, type SMTPServerAddress } from 'smtp-server';

export interface TestSmtp {
  port: number;
  /** Every message accepted, parsed, in arrival order. */
  messages: ParsedMail[];
  /** Envelope recipients of each accepted message (same order as `messages`). */
  recipients: string[][];
  /** Resolves with the first message (already received or arriving) that matches; rejects after `timeoutMs`. */
  waitFor(predicate: (m: ParsedMail) => boolean, timeoutMs?: number): Promise<ParsedMail>;
  /** From now on, refuse recipients for which this returns true (550), or stop refusing with null. */
  refuse(rule: ((address: string) => boolean) | null): void;
  /** Env for testApp: `testApp({ env: smtp.env })`. */
  env: Record<string, string>;
  close(): Promise<void>;
}

export interface StartSmtpOptions {
  /** Require these credentials (AUTH PLAIN/LOGIN); without, authentication is optional. */
  auth?: { user: string; pass: string };
  /** Refuse recipients for which this returns true (550), from the start. */
  refuse?: (address: string) => boolean;
}

/**
 * A real SMTP server on a random loopback port for tests. Plain text (no STARTTLS offered),
 * so Concord's transport talks to it as `SMTP_HOST=127.0.0.1 SMTP_PORT=<port>`, and every
 * message is parsed with mailparser.
 */
export async function startSmtp(opts: StartSmtpOptions = {}): Promise<TestSmtp> {
  const messages: ParsedMail[] = [];
  const recipients: string[][] = [];
  const waiters = new Set<{ predicate: (m: ParsedMail) => boolean; resolve: (m: ParsedMail) => void }>();
  let refuseRule = opts.refuse ?? null;

  const server = new SMTPServer({
    secure: false,
    disabledCommands: opts.auth ? ['STARTTLS'] : ['STARTTLS', 'AUTH'],
    authOptional: !opts.auth,
    allowInsecureAuth: true,
    logger: false,
    onAuth(auth, _session, callback) {
      if (opts.auth && auth.username === opts.auth.user && auth.password === opts.auth.pass) return callback(null, { user: auth.username });
      return callback(new Error('Invalid username or password'));
    },
    onRcptTo(address: SMTPServerAddress, _session, callback) {
      if (refuseRule?.(address.address)) {
        const err = new Error(`Mailbox ${address.address} unavailable`) as Error & { responseCode: number };
        err.responseCode = 550;
        return callback(err);
      }
      callback();
    },
    onData(stream, session, callback) {
      simpleParser(stream)
        .then((mail) => {
          messages.push(mail);
          recipients.push(session.envelope.rcptTo.map((r) => r.address));
          for (const w of waiters) {
            if (w.predicate(mail)) {
              waiters.delete(w);
              w.resolve(mail);
            }
          }
          callback();
        })
        .catch((err) => callback(err));
    },
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.server.address() as AddressInfo).port;

  return {
    port,
    messages,
    recipients,
    env: { SMTP_HOST: '127.0.0.1', SMTP_PORT: String(port) },
    waitFor(predicate, timeoutMs = 20_000) {
      const found = messages.find(predicate);
      if (found) return Promise.resolve(found);
      return new Promise((resolve, reject) => {
        const waiter = {
          predicate,
          resolve: (m: ParsedMail) => {
            clearTimeout(timer);
            resolve(m);
          },
        };
        const timer = setTimeout(() => {
          waiters.delete(waiter);
          reject(new Error(`No matching e-mail within ${timeoutMs} ms (received ${messages.length}: ${messages.map((m) => m.subject).join(' | ')})`));
        }, timeoutMs);
        waiters.add(waiter);
      });
    },
    refuse(rule) {
      refuseRule = rule;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
