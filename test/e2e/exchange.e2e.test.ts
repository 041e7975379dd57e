import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import AxeBuilder from '@axe-core/playwright';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, demoEmail } from '../../server/modules/identity/identity.demo.ts';
import { createUserWithPassword } from '../../server/modules/identity/users.service.ts';
import { ManualClock } from '../../server/shared/clock.ts';
import { systemActor } from '../../server/shared/context.ts';
import { startTestServer } from '../helpers/server.ts';

/**
 * The information exchange in Chromium against the real server with the CICA demo: Kazakhstan's focal
 * point files a prior notice of an exercise to Kyrgyzstan and Uzbekistan only (after the form has shown
 * its field errors), Kyrgyzstan's focal point acknowledges it from the inbox, Kazakhstan sees who
 * acknowledged when, China cannot see the notice, and the Secretariat reads the deadlines table.
 * Every page is axe clean; screenshots in test-results/screenshots/.
 */
const shots = fileURLToPath(new URL('../../test-results/screenshots/', import.meta.url));
let server: Awaited<ReturnType<typeof startTestServer>>;
let browser: Browser;
const contexts: BrowserContext[] = [];
const password = 'Tq7-Hw4n-Zx9v-Lm3k';
const problems: string[] = [];
let noticeId = '';

async function signedIn(email: string, pw: string, locale = 'en-US', uiLocale?: string): Promise<BrowserContext> {
  const context = await browser.newContext({ locale, viewport: { width: 1280, height: 900 } });
  if (uiLocale) await context.addInitScript((l) => localStorage.setItem('concord.locale', l), uiLocale);
  const login = await context.request.post(`${server.url}/api/auth/login`, { data: { email, password: pw }, headers: { origin: server.url, 'sec-fetch-site': 'same-origin' } });
  expect(login.status(), await login.text()).toBe(200);
  contexts.push(context);
  return context;
}

async function open(context: BrowserContext, path: string): Promise<Page> {
  const page = await context.newPage();
  page.on('console', (m) => {
    // A 404 the page asked for on purpose is logged by the browser as a failed resource; not a problem.
    if (m.type() === 'error' && !/status of 40[134]/.test(m.text())) problems.push(`${path}: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`${path}: ${e.message}`));
  await page.goto(server.url + path);
  try {
    await page.getByRole('heading', { level: 1 }).waitFor({ timeout: 15_000 });
  } catch (err) {
    // Keep what the page showed, to see why.
    await page.screenshot({ path: `${shots}exchange-failed-${path.replace(/[^a-z0-9]+/gi, '_')}.png`, fullPage: true });
    throw err;
  }
  await expect.poll(() => page.locator('main .loading').count(), { timeout: 15_000 }).toBe(0);
  return page;
}

async function seriousAxeViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

beforeAll(async () => {
  mkdirSync(shots, { recursive: true });
  // 1 April 2026, 09:00 in Astana: an exercise starting 1 June is due by 20 April.
  const clock = new ManualClock('2026-04-01T04:00:00Z');
  [server, browser] = await Promise.all([
    startTestServer({ demo: true, clock }),
    chromium.launch({
      executablePath: '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    }),
  ]);
  const ctx = { actor: systemActor, requestId: null, clock, baseUrl: server.url };
  const db = server.concord.handle.db;
  await createUserWithPassword(db, ctx, { email: 'kg.focal@e2e.example', name: 'Aibek Toktogulov', partyCode: 'KG', role: 'focal-point', password, timeZone: 'Asia/Bishkek' });
  await createUserWithPassword(db, ctx, { email: 'uz.focal@e2e.example', name: 'Dilnoza Karimova', partyCode: 'UZ', role: 'focal-point', password, timeZone: 'Asia/Tashkent' });
}, 180_000);

afterAll(async () => {
  for (const c of contexts) await c.close().catch(() => {});
  await browser?.close();
  await server?.close();
});

describe('information exchange in the browser', () => {
  it('Kazakhstan files a prior notice of an exercise to Kyrgyzstan and Uzbekistan only', async () => {
    const kz = await signedIn(demoEmail('kz.focal'), DEMO_PASSWORD);
    const forms = await open(kz, '/exchange');
    await forms.getByRole('heading', { level: 3, name: 'Prior notice of a military exercise' }).waitFor();
    expect(await seriousAxeViolations(forms)).toEqual([]);
    await forms.screenshot({ path: `${shots}exchange-forms.png`, fullPage: true });
    await forms.getByRole('link', { name: /^Fill in\s*:\s*Prior notice of a military exercise$/ }).click();
    const page = forms;
    await page.getByRole('heading', { level: 1, name: 'Prior notice of a military exercise' }).waitFor();

    // Submitting too early: every problem next to its field and listed at the top, focus on the list.
    await page.getByRole('button', { name: 'Submit', exact: true }).click();
    const summary = page.getByRole('alert').filter({ hasText: 'must be fixed before submitting' });
    await summary.waitFor();
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('xc-error-summary');
    expect(await summary.getByRole('link').allTextContents()).toEqual(
      expect.arrayContaining(['Name of the exercise', 'Start date', 'Forces involved', 'Observers invited']),
    );
    const name = page.getByLabel('Name of the exercise');
    expect(await name.getAttribute('aria-invalid')).toBe('true');
    const describedBy = (await name.getAttribute('aria-describedby')) ?? '';
    expect(await page.locator(`#${describedBy.split(' ').pop()}`).textContent()).toBe('This field is required.');
    expect(await seriousAxeViolations(page)).toEqual([]);
    await page.screenshot({ path: `${shots}exchange-fill-errors.png`, fullPage: true });

    await name.fill('Steppe Shield 2026');
    await page.getByLabel('Start date').fill('2026-06-01');
    await page.getByLabel('End date').fill('2026-06-10');
    await page.getByLabel('Area and coordinates').fill('Karaganda region, polygon 49.5N 72.5E – 50.2N 73.8E');
    await page.getByLabel('Type of exercise').selectOption('joint');
    await page.getByRole('group', { name: 'Forces involved' }).getByLabel('Personnel').fill('4200');
    await page.getByLabel('Battle tanks').fill('35');
    await page.getByRole('group', { name: /Observers invited/ }).getByLabel('Yes').check();
    await page.getByLabel(/Named states only/).check();
    const deliver = page.getByRole('group', { name: 'Deliver to' });
    await deliver.getByLabel('Kyrgyzstan').check();
    await deliver.getByLabel('Uzbekistan').check();
    expect(await seriousAxeViolations(page)).toEqual([]);
    await page.screenshot({ path: `${shots}exchange-fill.png`, fullPage: true });
    await page.getByRole('button', { name: 'Submit', exact: true }).click();

    await page.waitForURL(/\/exchange\/submissions\/[0-9a-f-]{36}/);
    noticeId = new URL(page.url()).pathname.split('/').pop()!;
    await page.getByRole('heading', { level: 1, name: 'Steppe Shield 2026' }).waitFor();
    await page.getByText('Submitted. Recipients have been notified.').waitFor();
    const recipients = page.getByRole('region', { name: 'Recipients' });
    await expect.poll(() => recipients.getByRole('row').count()).toBe(3);
    expect(await recipients.getByText('Awaiting acknowledgement').count()).toBe(2);
    await page.getByText('Submitted on time').waitFor();
    expect(await seriousAxeViolations(page)).toEqual([]);
    await page.screenshot({ path: `${shots}exchange-submission-sender.png`, fullPage: true });
  });

  it("Kyrgyzstan's focal point acknowledges it from the inbox", async () => {
    const kg = await signedIn('kg.focal@e2e.example', password);
    const inbox = await open(kg, '/exchange/received');
    const row = inbox.getByRole('row', { name: /Steppe Shield 2026/ });
    await row.waitFor();
    expect(await seriousAxeViolations(inbox)).toEqual([]);
    await inbox.screenshot({ path: `${shots}exchange-inbox.png`, fullPage: true });
    await row.getByRole('button', { name: /Acknowledge receipt/ }).click();
    await row.getByText(/^Acknowledged /).waitFor();
    expect(await seriousAxeViolations(inbox)).toEqual([]);
    await inbox.screenshot({ path: `${shots}exchange-inbox-acknowledged.png`, fullPage: true });
  });

  it('Kazakhstan sees who acknowledged and when', async () => {
    const kz = contexts[0];
    const sent = await open(kz, '/exchange/sent');
    const row = sent.getByRole('row', { name: /Steppe Shield 2026/ });
    await row.waitFor();
    expect(await row.textContent()).toMatch(/Kyrgyzstan: Acknowledged .*Uzbekistan: Awaiting acknowledgement/);
    expect(await seriousAxeViolations(sent)).toEqual([]);
    await sent.screenshot({ path: `${shots}exchange-sent.png`, fullPage: true });
  });

  it('no other state can see the notice', async () => {
    const cn = await signedIn(demoEmail('cn.delegate'), DEMO_PASSWORD);
    const api = await cn.request.get(`${server.url}/api/exchange/submissions/${noticeId}`);
    expect(api.status()).toBe(404);
    const page = await open(cn, `/exchange/submissions/${noticeId}`);
    await page.getByText('What you asked for could not be found.').waitFor();
    const list = await cn.request.get(`${server.url}/api/exchange/submissions`);
    expect(JSON.stringify(await list.json())).not.toContain(noticeId);
    const observer = await signedIn(demoEmail('jp.focal'), DEMO_PASSWORD);
    expect((await observer.request.get(`${server.url}/api/exchange/submissions/${noticeId}`)).status()).toBe(404);
  });

  it("the Secretariat's deadline view shows who filed on time", async () => {
    const sec = await signedIn(demoEmail('officer'), DEMO_PASSWORD);
    const page = await open(sec, '/exchange/deadlines?year=2025');
    const kzRow = page.getByRole('row', { name: /Kazakhstan.*Annual information on armed forces/ });
    await kzRow.waitFor();
    expect(await kzRow.textContent()).toContain('Submitted on time');
    expect(await page.getByRole('row', { name: /Türkiye.*National report/ }).textContent()).toContain('Submitted late');
    expect(await seriousAxeViolations(page)).toEqual([]);
    await page.screenshot({ path: `${shots}exchange-deadlines.png`, fullPage: true });
    const notice = await open(sec, `/exchange/submissions/${noticeId}`);
    await notice.getByRole('region', { name: 'Recipients' }).waitFor();
  });

  it('the form mirrors in Arabic, with its labels translated', async () => {
    const kzAr = await signedIn(demoEmail('kz.head'), DEMO_PASSWORD, 'ar', 'ar');
    const forms = await kzAr.request.get(`${server.url}/api/exchange/forms`);
    const id = (await forms.json()).items.find((f: { code: string }) => f.code === 'points-of-contact').id;
    const page = await open(kzAr, `/exchange/forms/${id}/fill`);
    expect(await page.evaluate(() => document.documentElement.dir)).toBe('rtl');
    await page.getByRole('heading', { level: 1, name: 'جهات الاتصال' }).waitFor();
    await page.getByRole('button', { name: 'إضافة بند' }).click();
    await page.getByLabel('مجال تدابير بناء الثقة').selectOption('MP.1');
    expect(await seriousAxeViolations(page)).toEqual([]);
    await page.screenshot({ path: `${shots}exchange-fill-ar.png`, fullPage: true });
  });

  it("compares Kazakhstan's annual exchange year over year, field by field, in English and Arabic", async () => {
    const kz = contexts[0];
    // This year's annual exchange: the budget and the personnel changed, the rest did not.
    const filed = await kz.request.post(`${server.url}/api/exchange/submissions`, {
      headers: { origin: server.url, 'sec-fetch-site': 'same-origin' },
      data: {
        form: 'annual-forces-budget',
        year: 2026,
        kind: 'data',
        visibility: 'members',
        submit: true,
        data: {
          currency: 'KZT',
          defenceBudget: 812_000,
          budgetShareOfGdp: 0.6,
          personnel: { total: 39_500, land: 20_500, air: 12_000, naval: 3_000, other: 4_000 },
          majorEquipment: { battleTanks: 300, armouredCombatVehicles: 1_100, artillery: 600, combatAircraft: 100, attackHelicopters: 40, majorNavalVessels: 0 },
          foreignForces: 'None.',
          remarks: 'Demonstration figures, not official data.',
        },
      },
    });
    expect(filed.status(), await filed.text()).toBe(201);
    const sec = await signedIn(demoEmail('officer'), DEMO_PASSWORD);
    const page = await open(sec, '/exchange/compare?party=KZ&form=annual-forces-budget&year=2026&against=2025');
    await page.getByRole('heading', { level: 2, name: /Kazakhstan: 2026 compared with 2025/ }).waitFor();
    const budget = page.getByRole('row', { name: /Defence budget/ });
    await budget.waitFor();
    expect(await budget.textContent()).toMatch(/785,000.*812,000.*Changed/);
    expect(await page.getByRole('row', { name: /Currency/ }).textContent()).toMatch(/KZT.*KZT.*Same/);
    expect(await page.getByRole('status').filter({ hasText: 'fields changed' }).textContent()).toMatch(/^3 fields changed out of \d+\.$/);
    await page.getByLabel('Show only the fields that changed').check();
    await expect.poll(() => page.locator('.xc-compare tbody tr').count()).toBe(3);
    expect(await seriousAxeViolations(page)).toEqual([]);
    await page.screenshot({ path: `${shots}exchange-compare-en.png`, fullPage: true });
    // From the submission itself: the link to last year.
    const submission = await open(sec, `/exchange/submissions/${(await filed.json()).id}`);
    await submission.getByRole('link', { name: 'Compare with 2025' }).click();
    await submission.getByRole('heading', { level: 2, name: /2026 compared with 2025/ }).waitFor();

    const secAr = await signedIn(demoEmail('officer'), DEMO_PASSWORD, 'ar', 'ar');
    const ar = await open(secAr, '/exchange/compare?party=KZ&form=annual-forces-budget&year=2026&against=2025');
    expect(await ar.evaluate(() => document.documentElement.dir)).toBe('rtl');
    await ar.getByRole('row', { name: /ميزانية الدفاع/ }).waitFor();
    expect(await ar.getByRole('row', { name: /ميزانية الدفاع/ }).textContent()).toContain('تغيّر');
    expect(await seriousAxeViolations(ar)).toEqual([]);
    await ar.screenshot({ path: `${shots}exchange-compare-ar.png`, fullPage: true });
  });

  it('lists received and archived submissions in shared tables', async () => {
    const sec = contexts[contexts.length - 2];
    const archive = await open(sec, '/exchange/archive?party=KZ');
    await archive.getByRole('table', { name: 'Archive' }).waitFor();
    expect(await archive.getByRole('table', { name: 'Archive' }).getByRole('row').count()).toBeGreaterThan(1);
    expect(await seriousAxeViolations(archive)).toEqual([]);
  });

  it('logged no errors in the browser', () => {
    expect(problems).toEqual([]);
  });
});
