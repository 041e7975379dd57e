import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import AxeBuilder from '@axe-core/playwright';
import { authenticator } from 'otplib';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, demoEmail } from '../../server/modules/identity/identity.demo.ts';
import { sendNotification } from '../../server/modules/notifications/notifications.service.ts';
import { systemActor } from '../../server/shared/context.ts';
import { systemClock } from '../../server/shared/clock.ts';
import { startTestServer } from '../helpers/server.ts';
import { startSmtp, type TestSmtp } from '../helpers/smtp.ts';

/**
 * Sign-in, two-factor enrolment, the account page, the inbox, "my delegation", people and the outbox in
 * Chromium against the real server (CICA demo people, a real SMTP server receiving the mail). Axe on
 * each page; the sign-in page in Arabic, right to left. Screenshots go to test-results/screenshots/.
 */
const shots = fileURLToPath(new URL('../../test-results/screenshots/', import.meta.url));
const desktop = { width: 1280, height: 900 };

let server: Awaited<ReturnType<typeof startTestServer>>;
let smtp: TestSmtp;
let browser: Browser;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  mkdirSync(shots, { recursive: true });
  smtp = await startSmtp();
  [server, browser] = await Promise.all([
    startTestServer({ demo: true, env: smtp.env }),
    chromium.launch({
      executablePath: '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    }),
  ]);
});

// Each test's browsers close when it ends: pages left open keep polling and slow the next test down.
afterEach(async () => {
  await Promise.all(contexts.splice(0).map((c) => c.close()));
});

afterAll(async () => {
  await Promise.all(contexts.map((c) => c.close()));
  await browser?.close();
  await server?.close();
  await smtp?.close();
});

interface Opened {
  page: Page;
  context: BrowserContext;
  /** Console errors and uncaught exceptions, CSP violations included. */
  problems: string[];
}

async function open(locale: string, path: string): Promise<Opened> {
  const context = await browser.newContext({ locale, viewport: desktop });
  contexts.push(context);
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('console', (m) => {
    // The browser logs every refused API call (the 4xx a test provokes on purpose); those are expected. Anything else (an exception, a CSP violation) is a problem.
    if (m.type() === 'error' && !/status of 4\d\d/.test(m.text())) problems.push(m.text());
  });
  page.on('pageerror', (e) => problems.push(e.message));
  await page.goto(server.url + path);
  try {
    await page.getByRole('heading', { level: 1 }).waitFor();
  } catch (err) {
    await page.screenshot({ path: `${shots}account-failed-open.png`, fullPage: true });
    throw new Error(`${(err as Error).message}\nat ${page.url()}\n${problems.join('\n')}`);
  }
  return { page, context, problems };
}

async function seriousAxeViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

async function noLoading(page: Page) {
  await expect.poll(() => page.locator('main .loading').count(), { timeout: 15_000 }).toBe(0);
}

/** Fills the sign-in form and submits it (the second-factor step, if any, is the caller's). */
async function enterPassword(page: Page, email: string, password: string) {
  await page.getByLabel('E-mail address').fill(email);
  await page.getByLabel('Password', { exact: false }).fill(password);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
}

async function signIn(page: Page, email: string, password = DEMO_PASSWORD) {
  if (!page.url().includes('/sign-in')) await page.goto(`${server.url}/sign-in`);
  await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
  await enterPassword(page, email, password);
  await page.getByRole('button', { name: /Account menu/ }).waitFor();
}

async function openMenuItem(page: Page, name: string) {
  await page.getByRole('button', { name: /Account menu/ }).click();
  await page.getByRole('link', { name, exact: true }).click();
}

async function signOut(page: Page) {
  await page.getByRole('button', { name: /Account menu/ }).click();
  await page.getByRole('button', { name: 'Sign out', exact: true }).click();
  await page.waitForURL(/\/sign-in\?signedOut=true/);
  await page.getByText('You have signed out.').waitFor();
}

/** A code for the next 30-second step: the server accepts one step of drift and never the same step twice. */
const nextCode = (secret: string) => authenticator.clone({ epoch: Date.now() + 30_000, step: 30 }).generate(secret);

/** The one-time link of a mail, on this test server's origin (the server's base URL names port 0). */
function linkIn(text: string): string {
  const m = /https?:\/\/\S+?\/(accept-invitation|reset-password)#token=[A-Za-z0-9_-]+/.exec(text);
  if (!m) throw new Error(`no account link in: ${text}`);
  const url = new URL(m[0]);
  return `${server.url}${url.pathname}${url.hash}`;
}

async function userId(email: string): Promise<string> {
  const row = await server.concord.handle.db.selectFrom('users').select('id').where('email', '=', email).executeTakeFirstOrThrow();
  return row.id;
}

describe('sign-in page', { timeout: 120_000 }, () => {
  it('labels every field, says what is wrong in a focused summary, and is axe clean', async () => {
    const { page, problems } = await open('en-US', '/sign-in');
    const email = page.getByLabel('E-mail address');
    const password = page.getByLabel('Password', { exact: false });
    expect(await email.getAttribute('autocomplete')).toBe('email');
    expect(await email.getAttribute('type')).toBe('email');
    expect(await password.getAttribute('autocomplete')).toBe('current-password');
    // A visitor sees "Sign in" in the header, not an account menu.
    expect(await page.getByRole('banner').getByRole('link', { name: 'Sign in' }).count()).toBe(1);
    await page.screenshot({ path: `${shots}account-sign-in-en.png`, fullPage: true });
    expect(await seriousAxeViolations(page)).toEqual([]);

    // Nothing typed: the summary takes focus and links each field; the fields point at their errors.
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    const summary = page.getByRole('alert').filter({ hasText: 'There is a problem' });
    await summary.waitFor();
    expect(await page.evaluate(() => document.activeElement?.classList.contains('error-summary'))).toBe(true);
    expect(await summary.getByRole('link').allTextContents()).toEqual(['E-mail address: Enter your e-mail address.', 'Password: Enter your password.']);
    expect(await email.getAttribute('aria-invalid')).toBe('true');
    const describedBy = (await email.getAttribute('aria-describedby'))!;
    expect(await page.locator(`[id="${describedBy}"]`).textContent()).toContain('Enter your e-mail address.');
    await summary.getByRole('link', { name: /E-mail address/ }).click();
    expect(await page.evaluate(() => document.activeElement?.getAttribute('autocomplete'))).toBe('email');

    // A wrong password: the server's answer, translated, with a way to reset.
    await enterPassword(page, demoEmail('kz.viewer'), 'Not-The-Password-At-All');
    await expect.poll(() => summary.textContent()).toContain('The e-mail address or the password is not right.');
    expect(await summary.getByRole('link', { name: 'Forgot your password?' }).count()).toBe(1);
    await page.screenshot({ path: `${shots}account-sign-in-error-en.png`, fullPage: true });
    expect(await seriousAxeViolations(page)).toEqual([]);
    expect(problems).toEqual([]);
  });

  it('is the same page in Arabic: right to left and mirrored', async () => {
    const { page, problems } = await open('ar', '/sign-in');
    expect(await page.evaluate(() => ({ lang: document.documentElement.lang, dir: document.documentElement.dir }))).toEqual({ lang: 'ar', dir: 'rtl' });
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('تسجيل الدخول');
    const email = page.getByLabel('عنوان البريد الإلكتروني');
    expect(await email.getAttribute('autocomplete')).toBe('email');
    // E-mail addresses and passwords stay left to right inside the right-to-left page.
    expect(await email.getAttribute('dir')).toBe('ltr');
    // Labels start at the right edge of their field; the brand sits at the right edge, "Sign in" after it.
    const label = await page.locator('label', { hasText: 'عنوان البريد الإلكتروني' }).boundingBox();
    const input = await email.boundingBox();
    expect(Math.abs(label!.x + label!.width - (input!.x + input!.width))).toBeLessThan(2);
    expect(label!.x).toBeGreaterThan(input!.x + 20);
    await page.screenshot({ path: `${shots}account-sign-in-ar.png`, fullPage: true });
    const brand = await page.getByRole('banner').getByRole('link').first().boundingBox();
    const language = await page.getByRole('banner').getByRole('combobox').boundingBox();
    const signInLink = await page.getByRole('banner').getByRole('link', { name: 'تسجيل الدخول' }).boundingBox();
    expect(brand!.x + brand!.width).toBeGreaterThan(desktop.width * 0.9);
    // The header's tools run right to left too: "Sign in" comes after (left of) the language selector.
    expect(signInLink!.x + signInLink!.width).toBeLessThanOrEqual(language!.x);

    await page.getByRole('button', { name: 'تسجيل الدخول', exact: true }).click();
    const summary = page.getByRole('alert');
    await expect.poll(() => summary.textContent()).toContain('أدخل عنوان بريدك الإلكتروني.');
    expect(await seriousAxeViolations(page)).toEqual([]);

    // The server's refusal comes back translated too.
    await email.fill(demoEmail('kz.viewer'));
    await page.getByLabel('كلمة المرور', { exact: false }).fill('Not-The-Password-At-All');
    await page.getByRole('button', { name: 'تسجيل الدخول', exact: true }).click();
    await expect.poll(() => summary.textContent()).toContain('عنوان البريد الإلكتروني أو كلمة المرور غير صحيحين.');
    await page.screenshot({ path: `${shots}account-sign-in-error-ar.png`, fullPage: true });
    expect(problems).toEqual([]);
  });

  it('says how long to wait when sign-in is throttled (429 with Retry-After)', async () => {
    const { page } = await open('en-US', '/sign-in');
    const summary = page.getByRole('alert').filter({ hasText: 'There is a problem' });
    for (let i = 0; i < 5; i++) {
      await enterPassword(page, demoEmail('cn.delegate'), `Wrong-Password-${i}-attempt`);
      await expect.poll(() => summary.textContent()).toMatch(/not right|Too many/);
    }
    await enterPassword(page, demoEmail('cn.delegate'), DEMO_PASSWORD);
    await expect.poll(() => summary.textContent()).toMatch(/Too many attempts\. Try again in 1[45] minutes\./);
    await page.screenshot({ path: `${shots}account-sign-in-throttled-en.png`, fullPage: true });
  });
});

describe('two-factor authentication and the account page', { timeout: 120_000 }, () => {
  it('signs in, enrols two-factor with the QR code, signs out, and signs in again with a code and with a recovery code', async () => {
    const email = demoEmail('kz.delegate');
    const { page, problems } = await open('en-US', '/sign-in?next=%2Faccount');
    await signIn(page, email);
    await page.waitForURL(`${server.url}/account`);
    const menu = page.getByRole('button', { name: /Account menu/ });
    expect(await menu.textContent()).toContain('Kazakhstan Delegate');
    expect(await menu.textContent()).toContain('Kazakhstan');
    expect(await page.getByRole('link', { name: /^Inbox, (no unread|\d+ unread)$/ }).count()).toBe(1);
    await noLoading(page);
    await page.screenshot({ path: `${shots}account-page-en.png`, fullPage: true });
    expect(await seriousAxeViolations(page)).toEqual([]);

    // Enrol: the QR code as an image with a text alternative, the key for typing, then a code.
    await page.getByRole('button', { name: 'Set up two-factor authentication' }).click();
    const qr = page.getByRole('img', { name: /QR code for adding Concord/ });
    await qr.waitFor();
    expect(await qr.getAttribute('src')).toMatch(/^data:image\/svg\+xml;base64,/);
    expect(await qr.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);
    const secret = ((await page.getByTestId('totp-secret').textContent()) ?? '').replace(/\s+/g, '');
    expect(secret).toMatch(/^[A-Z2-7]{16,}$/);
    const code = page.getByLabel('Code from the app');
    expect(await code.getAttribute('autocomplete')).toBe('one-time-code');
    expect(await code.getAttribute('inputmode')).toBe('numeric');
    await page.screenshot({ path: `${shots}account-totp-setup-en.png`, fullPage: true });
    expect(await seriousAxeViolations(page)).toEqual([]);

    // A wrong code is refused and said so at the field.
    await code.fill('000000');
    await page.getByRole('button', { name: 'Turn on' }).click();
    await expect.poll(() => page.getByRole('alert').filter({ hasText: 'There is a problem' }).textContent()).toContain('The code is not right or has already been used.');
    await code.fill(authenticator.generate(secret));
    await page.getByRole('button', { name: 'Turn on' }).click();

    // Ten recovery codes, shown once.
    const codes = page.getByRole('list', { name: 'Your recovery codes' }).getByRole('listitem');
    await expect.poll(() => codes.count()).toBe(10);
    const recoveryCodes = (await codes.allTextContents()).map((c) => c.trim());
    await page.getByRole('button', { name: 'Copy codes' }).click();
    await page.getByText('Copied.').waitFor();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(recoveryCodes.join('\n'));
    await page.screenshot({ path: `${shots}account-totp-codes-en.png`, fullPage: true });
    expect(await seriousAxeViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'I have saved my codes' }).click();
    await page.getByText('On: signing in needs your password and a code').waitFor();

    // This session is the current one and is marked so (text, not colour alone).
    const current = page.getByRole('row', { name: /This device/ });
    expect(await current.count()).toBe(1);
    expect(await current.textContent()).toContain('Confirmed');

    // Sign out: the server ends the session; the header offers "Sign in" again.
    await signOut(page);
    expect(await page.getByRole('banner').getByRole('link', { name: 'Sign in' }).count()).toBe(1);

    // Sign in again: the password, then the second step.
    await enterPassword(page, email, DEMO_PASSWORD);
    const totp = page.getByLabel('Authentication code');
    await totp.waitFor();
    await page.getByText('Your password is right. Now enter the code from your authenticator app.').waitFor();
    expect(await page.evaluate(() => document.activeElement?.getAttribute('autocomplete'))).toBe('one-time-code');
    await page.screenshot({ path: `${shots}account-sign-in-totp-en.png`, fullPage: true });
    expect(await seriousAxeViolations(page)).toEqual([]);
    await totp.fill('123 456');
    await page.getByRole('button', { name: 'Verify and sign in' }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('The code is not right or has already been used.');
    await totp.fill(nextCode(secret));
    await page.getByRole('button', { name: 'Verify and sign in' }).click();
    await page.getByRole('button', { name: /Account menu/ }).waitFor();
    await page.waitForURL(`${server.url}/`);

    // And with a recovery code instead of the app.
    await signOut(page);
    await enterPassword(page, email, DEMO_PASSWORD);
    await page.getByLabel('Authentication code').waitFor();
    await page.getByRole('button', { name: 'Use a recovery code instead' }).click();
    await page.getByLabel('Recovery code').fill(recoveryCodes[3]);
    await page.getByRole('button', { name: 'Verify and sign in' }).click();
    await page.getByRole('button', { name: /Account menu/ }).waitFor();

    // Personal API token: created, shown once, works as a Bearer token, then revoked.
    await openMenuItem(page, 'Account');
    await page.waitForURL(`${server.url}/account`);
    await page.getByLabel('Name', { exact: false }).first().waitFor();
    const tokens = page.getByRole('region', { name: 'API tokens' });
    await page.locator('form', { has: page.getByRole('heading', { name: 'Create a token' }) }).getByLabel('Name', { exact: false }).fill('Reporting script');
    await page.getByRole('button', { name: 'Create token' }).click();
    const tokenSecret = (await page.getByTestId('token-secret').textContent())!.trim();
    const viaToken = await fetch(`${server.url}/api/me`, { headers: { authorization: `Bearer ${tokenSecret}` } });
    expect(viaToken.status).toBe(200);
    await page.getByRole('button', { name: 'Done' }).click();
    await tokens.getByRole('button', { name: 'Revoke token “Reporting script”' }).click();
    await tokens.getByRole('button', { name: 'Yes, revoke' }).click();
    await expect.poll(() => tokens.getByRole('row', { name: /Reporting script/ }).textContent()).toContain('Revoked');
    expect((await fetch(`${server.url}/api/me`, { headers: { authorization: `Bearer ${tokenSecret}` } })).status).toBe(401);
    expect(problems).toEqual([]);
  });

  it('changes name, language (the interface follows) and time zone', async () => {
    const { page, problems } = await open('en-US', '/sign-in?next=%2Faccount');
    await signIn(page, demoEmail('tr.focal'));
    await page.waitForURL(`${server.url}/account`);
    const form = page.locator('form', { has: page.getByLabel('Time zone') });
    const zone = form.getByLabel('Time zone');
    expect(await zone.inputValue()).toBe('Europe/Istanbul');
    expect(await zone.locator('option').count()).toBeGreaterThan(300);
    await zone.selectOption('Asia/Almaty');
    await form.getByLabel('Language').selectOption('tr');
    await form.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe('tr');
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Hesabınız');
    await page.getByText('Kaydedildi.').waitFor();
    const me = (await page.evaluate(() => fetch('/api/me').then((r) => r.json()))) as { user: { language: string; timeZone: string } };
    expect(me.user).toMatchObject({ language: 'tr', timeZone: 'Asia/Almaty' });
    await page.screenshot({ path: `${shots}account-page-tr.png`, fullPage: true });
    expect(await seriousAxeViolations(page)).toEqual([]);
    expect(problems).toEqual([]);
  });
});

describe('inbox', { timeout: 120_000 }, () => {
  it('shows notifications with an unread badge, marks them read, and keeps e-mail preferences', async () => {
    const email = demoEmail('az.focal');
    const id = await userId(email);
    const ctx = { actor: systemActor, requestId: 'e2e', clock: systemClock, baseUrl: server.url };
    await server.concord.handle.db.transaction().execute(async (trx) => {
      await sendNotification(trx, ctx, { to: { userId: id }, kind: 'system.test', link: '/about' });
      await sendNotification(trx, ctx, { to: { userId: id }, kind: 'decisions.adopted', params: { title: 'Action Plan on energy security', symbol: 'CICA/SOC/2026/1' } });
      await sendNotification(trx, ctx, { to: { userId: id }, kind: 'decisions.withdrawn', params: { title: 'Draft statement on water' } });
    });

    const { page, problems } = await open('en-US', '/sign-in');
    await signIn(page, email);
    const badge = page.getByRole('link', { name: 'Inbox, 3 unread' });
    await badge.waitFor();
    await badge.click();
    await page.waitForURL(`${server.url}/inbox`);
    await noLoading(page);
    const items = page.locator('.inbox-item');
    await expect.poll(() => items.count()).toBe(3);
    expect(await page.locator('.inbox-item--unread').count()).toBe(3);
    expect(await page.getByText('Action Plan on energy security').count()).toBeGreaterThan(0);
    await page.screenshot({ path: `${shots}account-inbox-en.png`, fullPage: true });
    expect(await seriousAxeViolations(page)).toEqual([]);

    // Mark one read: the badge follows.
    const withdrawn = items.filter({ hasText: 'Draft statement on water' });
    await withdrawn.getByRole('button', { name: 'Mark as read' }).click();
    await page.getByRole('link', { name: 'Inbox, 2 unread' }).waitFor();
    expect(await withdrawn.textContent()).toContain('Read');

    // Only the unread ones.
    await page.getByRole('link', { name: 'Unread (2)' }).click();
    await expect.poll(() => items.count()).toBe(2);
    expect(await page.getByRole('link', { name: 'Unread (2)' }).getAttribute('aria-current')).toBe('page');

    // Opening one marks it read and goes to what it is about.
    await page.getByRole('link', { name: 'All', exact: true }).click();
    await expect.poll(() => items.count()).toBe(3);
    await items.filter({ has: page.getByRole('link', { name: 'Open' }) }).getByRole('link', { name: 'Open' }).click();
    await page.waitForURL(`${server.url}/about`);
    await page.getByRole('link', { name: 'Inbox, 1 unread' }).waitFor();
    await page.goBack();
    await page.waitForURL(`${server.url}/inbox`);
    await page.getByRole('button', { name: 'Mark all as read' }).click();
    await page.getByRole('link', { name: 'Inbox, no unread' }).waitFor();
    await page.getByText('All notifications are marked as read.').waitFor();

    // Preferences: account messages always on; a decision kind to the daily digest, kept after a reload.
    const prefs = page.getByRole('region', { name: 'E-mail preferences' });
    expect(await prefs.getByRole('row', { name: /Invitations/ }).textContent()).toContain('Always, at once');
    expect(await prefs.getByRole('row', { name: /Invitations/ }).getByRole('combobox').count()).toBe(0);
    await prefs.getByRole('combobox', { name: 'Decision adopted' }).selectOption('digest');
    await prefs.getByRole('combobox', { name: 'Silence broken' }).selectOption('none');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByText('Saved.').waitFor();
    await page.reload();
    await page.getByRole('combobox', { name: 'Decision adopted' }).waitFor();
    expect(await page.getByRole('combobox', { name: 'Decision adopted' }).inputValue()).toBe('digest');
    expect(await page.getByRole('combobox', { name: 'Silence broken' }).inputValue()).toBe('none');
    await page.screenshot({ path: `${shots}account-inbox-read-en.png`, fullPage: true });
    expect(await seriousAxeViolations(page)).toEqual([]);
    expect(problems).toEqual([]);
  });
});

describe('in Arabic', { timeout: 120_000 }, () => {
  it('the account page, the inbox and my delegation run right to left and are axe clean', async () => {
    const { page, problems } = await open('ar', '/sign-in?next=%2Faccount');
    await page.getByLabel('عنوان البريد الإلكتروني').fill(demoEmail('kz.head'));
    await page.getByLabel('كلمة المرور', { exact: false }).fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'تسجيل الدخول', exact: true }).click();
    await page.waitForURL(`${server.url}/account`);
    await page.getByRole('heading', { level: 1, name: 'حسابك' }).waitFor();
    await noLoading(page);
    expect(await page.evaluate(() => document.documentElement.dir)).toBe('rtl');
    // Fields start at the right: the name field's right edge lines up with the heading's.
    const heading = await page.getByRole('heading', { level: 1 }).boundingBox();
    const name = await page.getByLabel('الاسم', { exact: false }).first().boundingBox();
    expect(Math.abs(heading!.x + heading!.width - (name!.x + name!.width))).toBeLessThan(2);
    await page.screenshot({ path: `${shots}account-page-ar.png`, fullPage: true });
    expect(await seriousAxeViolations(page)).toEqual([]);

    await page.getByRole('link', { name: /^صندوق الوارد، / }).click();
    await page.waitForURL(`${server.url}/inbox`);
    await noLoading(page);
    await page.getByRole('heading', { name: 'تفضيلات البريد الإلكتروني' }).waitFor();
    await page.screenshot({ path: `${shots}account-inbox-ar.png`, fullPage: true });
    expect(await seriousAxeViolations(page)).toEqual([]);

    await page.getByRole('button', { name: /قائمة الحساب/ }).click();
    await page.getByRole('link', { name: 'وفدي', exact: true }).click();
    await page.waitForURL(`${server.url}/delegation`);
    await noLoading(page);
    await page.screenshot({ path: `${shots}account-delegation-ar.png`, fullPage: true });
    expect(await seriousAxeViolations(page)).toEqual([]);
    expect(problems).toEqual([]);
  });
});

describe('on a phone', { timeout: 120_000 }, () => {
  it('fits 360 px without sideways scrolling: the menu, the account page and my delegation (tables scroll in their own region)', async () => {
    const context = await browser.newContext({ locale: 'en-US', viewport: { width: 360, height: 740 } });
    contexts.push(context);
    const page = await context.newPage();
    await page.goto(`${server.url}/sign-in?next=%2Fdelegation`);
    await signIn(page, demoEmail('kz.focal'));
    await page.waitForURL(`${server.url}/delegation`);
    await noLoading(page);
    const overflow = () => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(await overflow()).toBeLessThanOrEqual(0);
    await page.getByRole('button', { name: /Account menu/ }).click();
    const panel = await page.locator('.account-menu__panel').boundingBox();
    expect(panel!.x).toBeGreaterThanOrEqual(0);
    expect(panel!.x + panel!.width).toBeLessThanOrEqual(360);
    await page.screenshot({ path: `${shots}account-delegation-en-360.png`, fullPage: true });
    await page.keyboard.press('Escape');
    await openMenuItem(page, 'Account');
    await page.getByRole('heading', { name: 'Profile' }).waitFor();
    await noLoading(page);
    expect(await overflow()).toBeLessThanOrEqual(0);
    expect(await seriousAxeViolations(page)).toEqual([]);
  });
});

describe('a focal point of Kazakhstan invites a colleague', { timeout: 120_000 }, () => {
  it('invites in the web app; the colleague gets the e-mail, sets a password, signs in and sees their delegation only', async () => {
    const colleague = 'aigerim.seitkali@mfa.kz.example';
    const focal = await open('en-US', '/sign-in');
    await signIn(focal.page, demoEmail('kz.focal'));
    await openMenuItem(focal.page, 'My delegation');
    await focal.page.waitForURL(`${server.url}/delegation`);
    await noLoading(focal.page);
    const table = focal.page.getByRole('region', { name: 'People of the delegation' });
    await expect.poll(() => table.getByRole('row').count()).toBe(5); // header + the four demo people of KZ
    await focal.page.screenshot({ path: `${shots}account-delegation-en.png`, fullPage: true });
    expect(await seriousAxeViolations(focal.page)).toEqual([]);

    // The invitation form checks before sending, and names what is wrong.
    const invite = focal.page.locator('form', { has: focal.page.getByRole('heading', { name: 'Invite a person' }) });
    await invite.getByRole('button', { name: 'Send invitation' }).click();
    await expect.poll(() => invite.getByRole('alert').textContent()).toContain("Enter the person's e-mail address.");
    await invite.getByLabel('E-mail address').fill(demoEmail('kz.viewer'));
    await invite.getByLabel('Full name').fill('Aigerim Seitkali');
    await invite.getByLabel('Role').selectOption('focal-point');
    await invite.getByLabel('Language').selectOption('ru');
    await invite.getByRole('button', { name: 'Send invitation' }).click();
    // The server's field error, translated, at the field.
    await expect.poll(() => invite.getByRole('alert').textContent()).toContain('Someone with this e-mail address already has an account.');
    expect(await invite.getByLabel('E-mail address').getAttribute('aria-invalid')).toBe('true');
    await invite.getByLabel('E-mail address').fill(colleague);
    await invite.getByRole('button', { name: 'Send invitation' }).click();
    await focal.page.getByText(`Invitation sent to ${colleague}.`).waitFor();
    const row = table.getByRole('row', { name: /Aigerim Seitkali/ });
    await expect.poll(() => row.textContent()).toContain('Invited, no password yet');

    // The e-mail, received by a real SMTP server, in the colleague's language.
    const mail = await smtp.waitFor((m) => m.to !== undefined && JSON.stringify(m.to).includes(colleague));
    expect(mail.subject).toMatch(/\p{Script=Cyrillic}/u);
    const link = linkIn(mail.text ?? '');
    expect(link).toContain('/accept-invitation#token=');

    // The colleague opens the link in their own browser.
    const them = await open('ru-RU', '/');
    await them.page.goto(link);
    await them.page.getByRole('heading', { level: 1, name: 'Принять приглашение' }).waitFor();
    const password = them.page.getByLabel('Новый пароль', { exact: false }).first();
    const repeat = them.page.getByLabel('Новый пароль ещё раз', { exact: false });
    expect(await password.getAttribute('autocomplete')).toBe('new-password');
    expect(await repeat.getAttribute('autocomplete')).toBe('new-password');
    // The rules are said before anyone types, and tied to the field.
    const rules = await password.getAttribute('aria-describedby');
    expect(await them.page.locator(`[id="${rules}"]`).textContent()).toContain('Не менее 12 символов');
    await them.page.screenshot({ path: `${shots}account-accept-invitation-ru.png`, fullPage: true });
    expect(await seriousAxeViolations(them.page)).toEqual([]);

    // Not the same twice: said before sending. A common password: the server says why, in Russian.
    await password.fill('Steppe-Horizon-Lake-Balkhash');
    await repeat.fill('Steppe-Horizon-Lake-Balkash');
    await them.page.getByRole('button', { name: 'Задать пароль и войти' }).click();
    await expect.poll(() => them.page.getByRole('alert').textContent()).toContain('Пароли не совпадают.');
    await password.fill('password1234!');
    await repeat.fill('password1234!');
    await them.page.getByRole('button', { name: 'Задать пароль и войти' }).click();
    await expect.poll(() => them.page.getByRole('alert').textContent()).toContain('Этот пароль слишком распространён');
    expect(await password.getAttribute('aria-invalid')).toBe('true');
    await them.page.screenshot({ path: `${shots}account-accept-invitation-error-ru.png`, fullPage: true });

    const chosen = 'Steppe-Horizon-Lake-Balkhash';
    await password.fill(chosen);
    await repeat.fill(chosen);
    await them.page.getByRole('button', { name: 'Задать пароль и войти' }).click();

    // Signed in, on their delegation: Kazakhstan's people and nobody else's.
    await them.page.waitForURL(/\/delegation\?welcome=true/);
    await them.page.getByRole('heading', { level: 1, name: 'Моя делегация' }).waitFor();
    await noLoading(them.page);
    const theirTable = them.page.getByRole('region', { name: 'Члены делегации' });
    await expect.poll(() => theirTable.getByRole('row').count()).toBe(6);
    const emails = await theirTable.locator('.people-email').allTextContents();
    expect(emails.every((e) => e.startsWith('kz.') || e === colleague)).toBe(true);
    expect(await them.page.getByRole('button', { name: /Меню учётной записи/ }).textContent()).toContain('Aigerim Seitkali');
    await them.page.screenshot({ path: `${shots}account-delegation-colleague-ru.png`, fullPage: true });
    expect(await seriousAxeViolations(them.page)).toEqual([]);
    // Another party's people stay out of reach, asked for directly.
    const other = await them.page.evaluate(() => fetch('/api/users?party=AZ').then((r) => r.status));
    expect([403, 404]).toContain(other);

    // Signing in again with the new password works.
    await them.page.getByRole('button', { name: /Меню учётной записи/ }).click();
    await them.page.getByRole('button', { name: 'Выйти' }).click();
    await them.page.waitForURL(/\/sign-in/);
    await them.page.getByLabel('Адрес электронной почты').fill(colleague);
    await them.page.getByLabel('Пароль', { exact: false }).fill(chosen);
    await them.page.getByRole('button', { name: 'Войти', exact: true }).click();
    await them.page.getByRole('button', { name: /Меню учётной записи/ }).waitFor();

    // The focal point changes the colleague's role, then suspends them: their session ends at once.
    await focal.page.reload();
    await noLoading(focal.page);
    const manage = focal.page.getByRole('button', { name: 'Manage Aigerim Seitkali' });
    await manage.click();
    expect(await manage.getAttribute('aria-expanded')).toBe('true');
    const panel = focal.page.locator('.people-manage');
    await panel.getByLabel('Role').selectOption('delegate');
    await panel.getByRole('button', { name: 'Change role' }).click();
    await focal.page.getByText('Aigerim Seitkali is now Delegate.').waitFor();
    await expect.poll(() => table.getByRole('row', { name: /Aigerim Seitkali/ }).first().textContent()).toContain('Delegate');
    await panel.getByRole('button', { name: 'Suspend Aigerim Seitkali' }).click();
    await focal.page.getByText(/Suspend Aigerim Seitkali\? They are signed out at once/).waitFor();
    await focal.page.screenshot({ path: `${shots}account-delegation-suspend-en.png`, fullPage: true });
    await panel.getByRole('button', { name: 'Yes, suspend' }).click();
    await focal.page.getByText('Aigerim Seitkali is suspended.').waitFor();
    await expect.poll(() => table.getByRole('row', { name: /Aigerim Seitkali/ }).first().textContent()).toContain('Suspended');
    expect(await them.page.evaluate(() => fetch('/api/me').then((r) => r.status))).toBe(401);
    await panel.getByRole('button', { name: 'Reactivate' }).click();
    await focal.page.getByText('Aigerim Seitkali can sign in again.').waitFor();
    expect(focal.problems).toEqual([]);
    expect(them.problems).toEqual([]);
  });
});

describe('Secretariat administrators', { timeout: 120_000 }, () => {
  it('see everyone on the people page, filter by party, and read the outbox with each mail as text', async () => {
    const { page, problems } = await open('en-US', '/sign-in');
    await signIn(page, demoEmail('admin'));
    await openMenuItem(page, 'People');
    await page.waitForURL(`${server.url}/people`);
    await noLoading(page);
    const table = page.getByRole('region', { name: 'All people' });
    await expect.poll(() => table.getByRole('row').count()).toBeGreaterThan(10);
    const filters = page.getByRole('form', { name: 'Find people' });
    await filters.getByLabel('Party').selectOption('KZ');
    await expect.poll(async () => (await table.locator('.people-email').allTextContents()).every((e) => e.includes('kz'))).toBe(true);
    await filters.getByLabel('Status').selectOption('active');
    await expect.poll(() => page.locator('.people-count').textContent()).toMatch(/\d+ people/);
    await page.screenshot({ path: `${shots}account-people-en.png`, fullPage: true });
    expect(await seriousAxeViolations(page)).toEqual([]);

    await openMenuItem(page, 'Outbox');
    await page.waitForURL(`${server.url}/outbox`);
    await noLoading(page);
    const mails = page.getByRole('region', { name: 'Outbox' });
    await expect.poll(() => mails.getByRole('row').count()).toBeGreaterThan(1);
    // Status is a word with an icon, not a colour.
    const invitation = mails.getByRole('row', { name: /Приглашение в Concord/ }).filter({ hasText: 'aigerim.seitkali' });
    expect(await invitation.textContent()).toContain('Sent');
    await page.screenshot({ path: `${shots}account-outbox-en.png`, fullPage: true });
    expect(await seriousAxeViolations(page)).toEqual([]);
    await page.getByRole('link', { name: 'Sent', exact: true }).click();
    await expect.poll(() => page.getByRole('link', { name: 'Sent', exact: true }).getAttribute('aria-current')).toBe('page');

    // Suspending the colleague mailed them too: that one carried no secret and keeps its text.
    expect(await mails.getByRole('row', { name: /Concord приостановлена/ }).count()).toBe(1);
    await invitation.getByRole('link').click();
    await page.waitForURL(/\/outbox\/[0-9a-f-]{36}$/);
    await page.getByRole('heading', { name: 'Message' }).waitFor();
    // The one-time link was removed once the mail was sent; the page says so.
    await page.getByText('This message carried a one-time link').waitFor();
    expect(await page.locator('pre.outbox-text').count()).toBe(1);
    await page.screenshot({ path: `${shots}account-outbox-mail-en.png`, fullPage: true });
    expect(await seriousAxeViolations(page)).toEqual([]);
    expect(problems).toEqual([]);
  });

  it('can require two-factor for a role: such a person is taken to enrol first, and nothing else works until then', async () => {
    const admin = await open('en-US', '/sign-in');
    await signIn(admin.page, demoEmail('admin'));
    const set = await admin.page.evaluate(() =>
      fetch('/api/security-settings', { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ requireMfaForRoles: ['officer'] }) }).then((r) => r.status),
    );
    expect(set).toBe(200);

    const { page, problems } = await open('en-US', '/sign-in?next=%2Fpeople');
    await signIn(page, demoEmail('officer'));
    await page.waitForURL(`${server.url}/account#two-factor`);
    await page.getByText('Your role must use two-factor authentication. Set it up now to continue.').waitFor();
    // Only enrolment is offered: no profile, password, sessions or tokens, and no inbox badge.
    expect(await page.getByRole('heading', { name: 'Profile' }).count()).toBe(0);
    expect(await page.getByRole('heading', { name: 'API tokens' }).count()).toBe(0);
    expect(await page.getByRole('link', { name: /^Inbox, / }).count()).toBe(0);
    // Any other page says so and leads back here.
    await page.goto(`${server.url}/inbox`);
    await page.getByRole('heading', { level: 1, name: 'Set up two-factor authentication first' }).waitFor();
    await page.getByRole('link', { name: 'Set up two-factor authentication' }).click();
    await page.waitForURL(`${server.url}/account#two-factor`);

    await page.getByRole('button', { name: 'Set up two-factor authentication' }).click();
    const secret = ((await page.getByTestId('totp-secret').textContent()) ?? '').replace(/\s+/g, '');
    await page.getByLabel('Code from the app').fill(authenticator.generate(secret));
    await page.getByRole('button', { name: 'Turn on' }).click();
    // The codes stay on screen while the rest of the page appears around them.
    await expect.poll(() => page.getByRole('list', { name: 'Your recovery codes' }).getByRole('listitem').count()).toBe(10);
    await page.getByRole('heading', { name: 'Profile' }).waitFor();
    await page.getByRole('link', { name: /^Inbox, / }).waitFor();
    // What the API refused during enrolment (the forum's profile, the health check) is asked again.
    await expect.poll(() => page.getByRole('contentinfo').textContent()).toMatch(/Version \d/);
    await page.screenshot({ path: `${shots}account-mfa-required-en.png`, fullPage: true });
    await page.getByRole('button', { name: 'I have saved my codes' }).click();
    // Required by the forum: it cannot be turned off.
    await page.getByText('Your role must use two-factor authentication, so it cannot be turned off.').waitFor();
    expect(await page.getByRole('heading', { name: 'Turn off two-factor authentication' }).count()).toBe(0);
    expect(problems).toEqual([]);
  });

  it('keeps these pages from people without the role', async () => {
    const { page } = await open('en-US', '/sign-in?next=%2Foutbox');
    await signIn(page, demoEmail('kz.head'));
    await page.waitForURL(`${server.url}/outbox`);
    await page.getByRole('heading', { level: 1, name: 'This page is not for your role' }).waitFor();
    await page.getByRole('button', { name: /Account menu/ }).click();
    expect(await page.getByRole('link', { name: 'Outbox', exact: true }).count()).toBe(0);
    expect(await page.getByRole('link', { name: 'People', exact: true }).count()).toBe(0);
    expect(await page.getByRole('link', { name: 'My delegation', exact: true }).count()).toBe(1);
  });

  it('sends a visitor to sign in and back to the page they asked for', async () => {
    const { page } = await open('en-US', '/inbox');
    await page.waitForURL(/\/sign-in\?next=%2Finbox/);
    await signIn(page, demoEmail('in.focal'));
    await page.waitForURL(`${server.url}/inbox`);
    await page.getByRole('heading', { level: 1, name: 'Inbox' }).waitFor();
  });
});

describe('forgotten password', { timeout: 120_000 }, () => {
  it('sends a reset link by e-mail; the new password works and the old one no longer does', async () => {
    const email = demoEmail('jp.viewer');
    const { page, problems } = await open('en-US', '/sign-in');
    await page.getByRole('link', { name: 'Forgot your password?' }).first().click();
    await page.waitForURL(`${server.url}/forgot-password`);
    await page.getByLabel('E-mail address').fill(email);
    await page.getByRole('button', { name: 'Send the link' }).click();
    await page.getByText(`If ${email} has an account, a link to choose a new password is on its way.`).waitFor();
    expect(await seriousAxeViolations(page)).toEqual([]);

    const mail = await smtp.waitFor((m) => JSON.stringify(m.to).includes(email) && /reset-password#token=/.test(m.text ?? ''));
    await page.goto(linkIn(mail.text ?? ''));
    await page.getByRole('heading', { level: 1, name: 'Choose a new password' }).waitFor();
    const chosen = 'Cherry-Blossom-Kyoto-Morning';
    await page.getByLabel('New password (required)', { exact: true }).fill(chosen);
    await page.getByLabel('New password again (required)', { exact: true }).fill(chosen);
    await page.getByRole('button', { name: 'Change password' }).click();
    await page.getByText('Your password has been changed. Sign in with your new password.').waitFor();
    await page.screenshot({ path: `${shots}account-reset-done-en.png`, fullPage: true });

    // The link is single-use (opened afresh: from another page, not as a change of fragment).
    await page.goto(`${server.url}/`);
    await page.goto(linkIn(mail.text ?? ''));
    await page.getByLabel('New password (required)', { exact: true }).fill('Another-Lantern-Festival-Night');
    await page.getByLabel('New password again (required)', { exact: true }).fill('Another-Lantern-Festival-Night');
    await page.getByRole('button', { name: 'Change password' }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('This link is not valid');

    await page.goto(`${server.url}/sign-in`);
    await enterPassword(page, email, DEMO_PASSWORD);
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('not right');
    await signIn(page, email, chosen);
    expect(problems).toEqual([]);
  });
});
