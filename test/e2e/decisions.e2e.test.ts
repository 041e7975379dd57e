import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import AxeBuilder from '@axe-core/playwright';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, demoEmail } from '../../server/modules/identity/identity.demo.ts';
import { newTotpSecret, totpAt } from '../../server/modules/identity/totp.ts';
import { ManualClock } from '../../server/shared/clock.ts';
import { startTestServer } from '../helpers/server.ts';

/**
 * The "done when", in Chromium against the real server with the CICA demo, on a clock the
 * test controls: the Chair (Azerbaijan) circulates the SOC's recommendation on the Chairmanship
 * under silence procedure; Türkiye enters a reservation and Kazakhstan joins consensus; India
 * sees it awaiting its action on the home page; nobody objects; the clock passes 18:00 Astana
 * time on the fourteenth day and the page shows it adopted, the reservation annexed, issued as
 * a document. Every page is axe clean; screenshots in test-results/screenshots/.
 */
const shots = fileURLToPath(new URL('../../test-results/screenshots/', import.meta.url));
const clock = new ManualClock('2026-03-02T05:00:00Z'); // Monday, 10:00 in Astana
let server: Awaited<ReturnType<typeof startTestServer>>;
let browser: Browser;
const contexts = new Map<string, BrowserContext>();
const secrets = new Map<string, string>();
const problems: string[] = [];
let decisionId: string;

/** A demo person with two-factor on, signed in with a TOTP code at the test clock's time (a session with mfa). */
async function signedIn(local: string, timezoneId: string): Promise<BrowserContext> {
  let context = contexts.get(local);
  if (!context) {
    context = await browser.newContext({ locale: 'en-US', timezoneId, viewport: { width: 1280, height: 900 } });
    contexts.set(local, context);
  }
  let secret = secrets.get(local);
  if (!secret) {
    secret = newTotpSecret();
    secrets.set(local, secret);
    await server.concord.handle.db.updateTable('users').set({ totp_secret: secret, totp_enabled: true }).where('email', '=', demoEmail(local)).execute();
  }
  const login = await context.request.post(`${server.url}/api/auth/login`, {
    data: { email: demoEmail(local), password: DEMO_PASSWORD, totp: totpAt(secret, clock.now()) },
    headers: { origin: server.url, 'sec-fetch-site': 'same-origin' },
  });
  expect(login.status(), await login.text()).toBe(200);
  return context;
}

async function open(context: BrowserContext, path: string): Promise<Page> {
  const page = await context.newPage();
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`${path}: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`${path}: ${e.message}`));
  await page.goto(server.url + path);
  await page.getByRole('heading', { level: 1 }).waitFor();
  await expect.poll(() => page.locator('main .loading').count(), { timeout: 15_000 }).toBe(0);
  return page;
}

/** The decision's state as the page says it (the badge's words, without its mark). */
async function state(page: Page): Promise<string> {
  const badge = page.locator('header .dec-state').first();
  return (await badge.innerText()).replace(/^\W+/u, '').trim();
}

async function seriousAxeViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).include('main').analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

beforeAll(async () => {
  mkdirSync(shots, { recursive: true });
  [server, browser] = await Promise.all([
    startTestServer({ demo: true, clock }),
    chromium.launch({
      executablePath: '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    }),
  ]);
  const row = await server.concord.handle.db.selectFrom('decisions').select('id').where('body_code', '=', 'SOC').executeTakeFirstOrThrow();
  decisionId = row.id;
});

afterAll(async () => {
  for (const c of contexts.values()) await c.close();
  await browser?.close();
  await server?.close();
});

describe('the SOC recommendation of the next Chair, by silence procedure', () => {
  it('is circulated by the Chair (Azerbaijan) with a deadline 14 days later at 18:00 Astana time', async () => {
    const chair = await signedIn('az.focal', 'Asia/Baku');
    const page = await open(chair, `/decisions/${decisionId}`);
    await expect.poll(() => state(page)).toBe('Draft');
    expect(await seriousAxeViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Circulate under silence procedure' }).click();
    await expect.poll(() => state(page)).toBe('Under silence procedure');
    const deadline = page.locator('.dec-deadline');
    await deadline.waitFor();
    // In the Chair's own zone (Baku, UTC+4) it is 17:00; as set, 18:00 in Asia/Almaty.
    await expect.poll(() => deadline.innerText()).toContain('Monday, March 16, 2026 at 5:00 PM');
    expect(await deadline.innerText()).toContain('Monday, March 16, 2026 at 6:00 PM (Asia/Almaty)');
    expect(await page.getByRole('timer').innerText()).toMatch(/14 days and 08:00:\d\d left/);
    expect(await seriousAxeViolations(page)).toEqual([]);
    await page.screenshot({ path: `${shots}decisions-circulated.png`, fullPage: true });
    await page.close();
  });

  it('records Türkiye’s reservation after a confirmation step', async () => {
    const tr = await signedIn('tr.focal', 'Europe/Istanbul');
    const page = await open(tr, `/decisions/${decisionId}`);
    await page.getByRole('radio', { name: 'Reservation' }).check();
    await page.getByLabel('Text of the statement').fill('Türkiye reserves its position on the duration of the term.');
    expect(await seriousAxeViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Review' }).click();
    await page.getByText(/Record “Reservation” as the position of Türkiye\?/).waitFor();
    await page.getByRole('button', { name: 'Confirm and record' }).click();
    await page.getByText('The position has been recorded.').waitFor();
    await expect.poll(() => page.locator('table').innerText()).toContain('Türkiye reserves its position on the duration of the term.');
    await page.close();
  });

  it('records Kazakhstan joining consensus', async () => {
    const kz = await signedIn('kz.focal', 'Asia/Almaty');
    const page = await open(kz, `/decisions/${decisionId}`);
    await page.getByRole('radio', { name: 'Joins consensus' }).check();
    await page.getByRole('button', { name: 'Review' }).click();
    await page.getByRole('button', { name: 'Confirm and record' }).click();
    await page.getByText('The position has been recorded.').waitFor();
    await page.close();
  });

  it('shows India, which has not acted, the decision awaiting its action on the home page', async () => {
    const india = await signedIn('in.focal', 'Asia/Kolkata');
    const page = await open(india, '/');
    const widget = page.getByRole('region', { name: 'Awaiting my state’s action' });
    await widget.getByRole('link', { name: 'Recommendation on the Chairmanship of CICA' }).waitFor();
    expect(await widget.innerText()).toContain('Until Monday, March 16, 2026 at 6:30 PM (Asia/Kolkata)');
    expect(await seriousAxeViolations(page)).toEqual([]);
    await page.close();
  });

  it('is adopted at 18:00 Astana time on the fourteenth day, the reservation annexed, issued as a document', async () => {
    clock.set('2026-03-16T12:59:59Z');
    let chair = await signedIn('az.focal', 'Asia/Baku');
    let page = await open(chair, `/decisions/${decisionId}`);
    await expect.poll(() => state(page)).toBe('Under silence procedure');
    await page.close();

    clock.set('2026-03-16T13:00:00Z');
    chair = await signedIn('az.focal', 'Asia/Baku');
    page = await open(chair, `/decisions/${decisionId}`);
    await expect.poll(() => state(page)).toBe('Adopted');
    const outcome = page.getByRole('region', { name: 'Outcome' });
    expect(await outcome.innerText()).toContain('Adopted on Monday, March 16, 2026 at 5:00 PM');
    expect(await outcome.innerText()).toContain('Türkiye — Reservation: Türkiye reserves its position on the duration of the term.');
    // The conclusion job (the server's own worker, on the same clock) issues the document.
    await expect
      .poll(
        async () => {
          await page.reload();
          await page.getByRole('heading', { level: 1 }).waitFor();
          return page.getByRole('region', { name: 'Outcome' }).innerText();
        },
        { timeout: 20_000, interval: 500 },
      )
      .toMatch(/Issued as CICA\/SOC\/2026\/\d+\./);
    expect(await seriousAxeViolations(page)).toEqual([]);
    await page.screenshot({ path: `${shots}decisions-adopted.png`, fullPage: true });
    const list = await open(chair, '/decisions');
    expect(await list.locator('table').innerText()).toContain('Adopted');
    expect(await seriousAxeViolations(list)).toEqual([]);
    await list.close();
    await page.close();
  });

  it('raised no console errors', () => {
    expect(problems).toEqual([]);
  });
});
