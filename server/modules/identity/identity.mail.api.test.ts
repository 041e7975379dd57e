import type { ParsedMail } from 'mailparser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, testApp } from '../../../test/helpers/app.ts';
import { asRole, sessionCookieFrom, signIn, strongPassword } from '../../../test/helpers/auth.ts';
import { startSmtp, type TestSmtp } from '../../../test/helpers/smtp.ts';

/**
 * The "done when", over real HTTP and a real SMTP server (smtp-server, parsed with
 * mailparser): Kazakhstan's focal point invites a colleague, who receives the e-mail, follows the
 * link, sets a password, signs in and sees only what Kazakhstan may see; a reset link works the same way.
 */
let smtp: TestSmtp;
let t: TestApp;
beforeAll(async () => {
  smtp = await startSmtp();
  t = await testApp({ env: smtp.env });
});
afterAll(async () => {
  await t?.close();
  await smtp?.close();
});

const to = (address: string) => (m: ParsedMail) => JSON.stringify(m.to ?? '').includes(address);
/** The token from the link in the mail; the link keeps it in the fragment, never in the path or query. */
function tokenIn(mail: ParsedMail, page: 'accept-invitation' | 'reset-password'): string {
  const m = new RegExp(`(https?://[^\\s]+)/${page}#token=([A-Za-z0-9_-]{43})`).exec(mail.text ?? '');
  expect(m, mail.text).not.toBeNull();
  return m![2];
}

describe('invitation by e-mail', () => {
  it("a focal point of Kazakhstan invites a colleague, who signs up from the e-mail and sees only Kazakhstan's people", async () => {
    const focal = await asRole(t, 'KZ', 'focal-point', { name: 'Nursultan Focal' });
    await asRole(t, 'CN', 'delegate');
    const address = 'aigerim.colleague@mfa.kz.example';
    const r = await t.post('/api/invitations', { email: address, name: 'Aigerim Colleague', partyCode: 'KZ', role: 'delegate', language: 'ru' }, { cookie: focal.cookie });
    expect(r.status).toBe(201);

    const mail = await smtp.waitFor(to(address));
    // In the invitee's language, naming who invited and for which party.
    expect(mail.headers.get('content-language')).toBe('ru');
    expect(mail.text).toContain('Nursultan Focal');
    const token = tokenIn(mail, 'accept-invitation');

    const password = strongPassword();
    const accepted = await t.post('/api/auth/accept-invitation', { token, password });
    expect(accepted.status).toBe(200);
    expect(accepted.body.user).toMatchObject({ email: address, role: 'delegate', party: { code: 'KZ' }, language: 'ru' });
    expect(sessionCookieFrom(accepted.headers)).not.toBeNull();

    const cookie = await signIn(t, address, password);
    const me = await t.get('/api/me', { cookie });
    expect(me.body.party.code).toBe('KZ');
    // A delegate sees themselves, not the people lists; and nothing of another party.
    expect((await t.get(`/api/users/${me.body.user.id}`, { cookie })).status).toBe(200);
    expect((await t.get('/api/users', { cookie })).status).toBe(403);
    expect((await t.get('/api/users?party=CN', { cookie })).status).toBe(403);
    // The focal point now sees the colleague among Kazakhstan's people, and only Kazakhstan's.
    const list = await t.get('/api/users', { cookie: focal.cookie });
    expect(list.body.items.map((u: { email: string }) => u.email)).toContain(address);
    expect(new Set(list.body.items.map((u: { party: { code: string } }) => u.party.code))).toEqual(new Set(['KZ']));
    // The invitation mail's secret body does not stay in the outbox once sent.
    const kept = await t.db.selectFrom('outbox_mail').select(['text', 'status']).where('to_address', '=', address).executeTakeFirstOrThrow();
    expect(kept.text).not.toContain(token);
  });
});

describe('password reset by e-mail', () => {
  it('mails a single-use link that sets a new password', async () => {
    const { user, cookie } = await asRole(t, 'KZ', 'viewer');
    expect((await t.post('/api/auth/password-reset', { email: user.email.toUpperCase() })).status).toBe(202);
    const mail = await smtp.waitFor(to(user.email));
    const token = tokenIn(mail, 'reset-password');
    const next = strongPassword();
    expect((await t.post('/api/auth/password-reset/complete', { token, password: next })).status).toBe(204);
    expect((await t.get('/api/me', { cookie })).status).toBe(401);
    await signIn(t, user.email, next);
    expect((await t.post('/api/auth/password-reset/complete', { token, password: strongPassword() })).status).toBe(400);
  });

  it('sends nothing for an unknown address', async () => {
    const before = smtp.messages.length;
    expect((await t.post('/api/auth/password-reset', { email: 'stranger@nowhere.example' })).status).toBe(202);
    await new Promise((r) => setTimeout(r, 300));
    expect(smtp.messages.length).toBe(before);
  });
});
