import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import AxeBuilder from '@axe-core/playwright';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, demoEmail } from '../../server/modules/identity/identity.demo.ts';
import { newTotpSecret, totpAt } from '../../server/modules/identity/totp.ts';
import { ManualClock } from '../../server/shared/clock.ts';
import { createDraftText } from '../helpers/decisions.ts';
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
let fundDecisionId: string;

/** A demo person with two-factor on, signed in with a TOTP code at the test clock's time (a session with mfa). */
async function signedIn(local: string, timezoneId: string, locale = 'en-US'): Promise<BrowserContext> {
  let context = contexts.get(`${local}|${locale}`);
  if (!context) {
    context = await browser.newContext({ locale, timezoneId, viewport: { width: 1280, height: 900 } });
    contexts.set(`${local}|${locale}`, context);
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

/**
 * An answer the scene expects to be refused (the step-up asking for its code, a deadline the API refuses):
 * Chromium logs it as a failed resource; it is taken off the list of problems, once, and must be there.
 */
async function expectRefused(status: number): Promise<void> {
  const text = `the server responded with a status of ${status}`;
  await expect.poll(() => problems.some((p) => p.includes(text))).toBe(true);
  problems.splice(
    problems.findIndex((p) => p.includes(text)),
    1,
  );
}

/** The two-factor step-up: the page asks for the code at the moment of acting (the server answered 403 asking for it); it is typed and sent with the act. */
async function stepUp(page: Page, local: string, code = totpAt(secrets.get(local)!, clock.now())): Promise<void> {
  const field = page.getByLabel('Six-digit code');
  await field.waitFor();
  await field.fill(code);
  await page.getByRole('button', { name: 'Confirm and record' }).click();
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
  // The demo's draft (the SOC's recommendation on the Chairmanship); the demo's other decisions are already circulated or concluded.
  const row = await server.concord.handle.db.selectFrom('decisions').select('id').where('body_code', '=', 'SOC').where('launched_at', 'is', null).executeTakeFirstOrThrow();
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
    await stepUp(page, 'tr.focal');
    await page.getByText('The position has been recorded.').waitFor();
    await expectRefused(403);
    await expect.poll(() => page.locator('table').innerText()).toContain('Türkiye reserves its position on the duration of the term.');
    await page.close();
  });

  it('records Kazakhstan joining consensus', async () => {
    const kz = await signedIn('kz.focal', 'Asia/Almaty');
    const page = await open(kz, `/decisions/${decisionId}`);
    await page.getByRole('radio', { name: 'Joins consensus' }).check();
    await page.getByRole('button', { name: 'Review' }).click();
    await page.getByRole('button', { name: 'Confirm and record' }).click();
    await stepUp(page, 'kz.focal');
    await page.getByText('The position has been recorded.').waitFor();
    await expectRefused(403);
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

  it('is prepared and circulated from the form by a Secretariat officer; the API’s field errors show at the field', async () => {
    // Each later sign-in needs a TOTP step of its own: the clock moves a minute per scene.
    clock.set('2026-03-16T13:01:00Z');
    // A new L. draft of the SOC, ready in the working languages (through the documents service).
    const officerRow = await server.concord.handle.db
      .selectFrom('users')
      .innerJoin('parties', 'parties.id', 'users.party_id')
      .select(['users.id', 'users.email', 'users.party_id as partyId', 'parties.code as partyCode', 'parties.kind as partyKind', 'users.role'])
      .where('users.email', '=', demoEmail('officer'))
      .executeTakeFirstOrThrow();
    const fakeApp = { db: server.concord.handle.db, clock, url: server.url } as unknown as Parameters<typeof createDraftText>[0];
    const text = await createDraftText(fakeApp, { ...officerRow, name: 'Officer', password: DEMO_PASSWORD } as unknown as Parameters<typeof createDraftText>[1], {
      title: 'Decision on the CICA Fund for Confidence-Building Measures',
    });

    const officer = await signedIn('officer', 'Asia/Almaty');
    const list = await open(officer, '/decisions');
    await list.getByRole('link', { name: 'Prepare a decision' }).click();
    const page = list;
    await page.getByRole('heading', { level: 1, name: 'Prepare a decision' }).waitFor();
    await page.getByLabel('Draft text (L. document)').selectOption({ label: `${text.symbol} — Decision on the CICA Fund for Confidence-Building Measures` });
    expect(await page.getByLabel('Title in English').inputValue()).toBe('Decision on the CICA Fund for Confidence-Building Measures');
    await page.getByLabel('Title in Russian (optional)').fill('Решение о Фонде СВМДА');
    // The deadline defaults from the profile: 14 days later at 18:00 Astana time.
    expect(await page.getByLabel('Date', { exact: true }).inputValue()).toBe('2026-03-30');
    expect(await page.getByLabel('Time', { exact: true }).inputValue()).toBe('18:00');
    expect(await page.getByLabel('Time zone (IANA, e.g. Asia/Almaty)').inputValue()).toBe('Asia/Almaty');
    expect(await seriousAxeViolations(page)).toEqual([]);
    await page.screenshot({ path: `${shots}decisions-new.png`, fullPage: true });
    // A deadline already past: the API refuses it and the form says so at the field.
    await page.getByLabel('Date', { exact: true }).fill('2026-03-01');
    await page.getByRole('button', { name: 'Create and circulate' }).click();
    const dateField = page.getByLabel('Date', { exact: true });
    await expect.poll(() => dateField.getAttribute('aria-invalid')).toBe('true');
    expect(await page.locator('.dec-field--invalid').innerText()).toContain('The deadline must be later than now.');
    await expectRefused(422);
    expect(await seriousAxeViolations(page)).toEqual([]);
    await page.screenshot({ path: `${shots}decisions-new-error.png`, fullPage: true });
    await dateField.fill('2026-03-31');
    await page.getByRole('button', { name: 'Create and circulate' }).click();
    await page.waitForURL(/\/decisions\/[0-9a-f-]{36}$/);
    await expect.poll(() => state(page)).toBe('Under silence procedure');
    expect(await page.locator('.dec-deadline').innerText()).toContain('Tuesday, March 31, 2026 at 6:00 PM (Asia/Almaty)');
    fundDecisionId = page.url().split('/').pop()!;
    // Only one decision was made of it, though the first attempt was refused.
    const made = await server.concord.handle.db.selectFrom('decisions').select('id').where('text_document_id', '=', text.id).execute();
    expect(made.map((r) => r.id)).toEqual([fundDecisionId]);
    await page.close();
  });

  it('shows the form mirrored and axe clean in Arabic', async () => {
    clock.set('2026-03-16T13:02:00Z');
    const officer = await signedIn('officer', 'Asia/Almaty', 'ar');
    const page = await open(officer, '/decisions/new');
    expect(await page.evaluate(() => document.documentElement.dir)).toBe('rtl');
    await page.getByRole('heading', { level: 1, name: 'إعداد قرار' }).waitFor();
    expect(await seriousAxeViolations(page)).toEqual([]);
    await page.screenshot({ path: `${shots}decisions-new-ar.png`, fullPage: true });
    await page.close();
  });

  it('lets Kazakhstan’s head of delegation object, confirming with the code the page asks for', async () => {
    clock.set('2026-03-16T13:03:00Z');
    const kz = await signedIn('kz.head', 'Asia/Almaty');
    const page = await open(kz, `/decisions/${fundDecisionId}`);
    await page.getByRole('radio', { name: /^Objection/ }).check();
    await page.getByLabel('Reason for the objection').fill('Kazakhstan needs more time to consult its capital.');
    await page.getByRole('button', { name: 'Review' }).click();
    await page.getByRole('button', { name: 'Confirm and record' }).click();
    // The step-up prompt: a wrong code is refused at the field, and nothing is recorded.
    await stepUp(page, 'kz.head', '000000');
    const code = page.getByLabel('Six-digit code');
    await expect.poll(() => code.getAttribute('aria-invalid')).toBe('true');
    expect(await page.getByRole('alert').first().innerText()).toContain('The code is not right or has already been used.');
    await expectRefused(403);
    await expectRefused(422);
    expect(await seriousAxeViolations(page)).toEqual([]);
    await page.screenshot({ path: `${shots}decisions-step-up.png`, fullPage: true });
    expect(await server.concord.handle.db.selectFrom('decision_positions').select('id').where('decision_id', '=', fundDecisionId).execute()).toHaveLength(0);
    await stepUp(page, 'kz.head');
    await page.getByText('The position has been recorded.').waitFor();
    await expect.poll(() => state(page)).toBe('Silence broken');
    await expect.poll(() => page.locator('table').innerText()).toContain('Kazakhstan needs more time to consult its capital.');
    await page.close();
  });

  it('is run in session by the Chair: the text presented, “any objection?”, the outcome recorded with who objected and when', async () => {
    clock.set('2026-03-16T13:04:00Z');
    const chair = await signedIn('az.focal', 'Asia/Baku');
    const meeting = await server.concord.handle.db.selectFrom('meetings').select('id').where('body_code', '=', 'SOC').orderBy('starts_at').executeTakeFirst();
    const created = await chair.request.post(`${server.url}/api/decisions`, {
      data: { bodyCode: 'SOC', title: { en: 'Decision on the work plan of the Senior Officials Committee' }, textDocumentId: null, procedure: 'in-session', meetingId: meeting?.id ?? null, proposerKind: 'chair' },
      headers: { origin: server.url, 'sec-fetch-site': 'same-origin' },
    });
    expect(created.status(), await created.text()).toBe(201);
    const id = ((await created.json()) as { id: string }).id;
    const page = await open(chair, `/decisions/${id}`);
    await page.getByRole('link', { name: 'Take the decision in session' }).click();
    await page.getByRole('heading', { level: 1, name: 'Decision on the work plan of the Senior Officials Committee' }).waitFor();
    await page.getByRole('group', { name: 'Is there any objection?' }).waitFor();
    expect(await seriousAxeViolations(page)).toEqual([]);
    await page.screenshot({ path: `${shots}decisions-session.png`, fullPage: true });
    await page.getByRole('radio', { name: 'Objection: not adopted' }).check();
    await page.getByRole('button', { name: 'Record the outcome now' }).click();
    await page.getByText('Choose at least one state that objects.').waitFor();
    await page.getByRole('checkbox', { name: 'China' }).check();
    await page.getByLabel('Note for the record (optional)').fill('China asked for consultations on item 3.');
    await page.getByRole('button', { name: 'Record the outcome now' }).click();
    const outcome = page.getByRole('region', { name: 'Outcome' });
    await outcome.waitFor();
    expect(await outcome.innerText()).toContain('the text was not adopted');
    expect(await outcome.innerText()).toContain('Objected: China');
    expect(await outcome.innerText()).toContain('Decided on Monday, March 16, 2026 at 5:04 PM (Asia/Baku).');
    expect(await outcome.innerText()).toContain('China asked for consultations on item 3.');
    await expect.poll(() => state(page)).toBe('Not adopted');
    expect(await seriousAxeViolations(page)).toEqual([]);
    await page.screenshot({ path: `${shots}decisions-session-recorded.png`, fullPage: true });
    await page.close();
    clock.set('2026-03-16T13:05:00Z');
    const arContext = await signedIn('az.focal', 'Asia/Baku', 'ar');
    const ar = await open(arContext, `/decisions/${id}/session`);
    expect(await ar.evaluate(() => document.documentElement.dir)).toBe('rtl');
    expect(await seriousAxeViolations(ar)).toEqual([]);
    await ar.screenshot({ path: `${shots}decisions-session-ar.png`, fullPage: true });
    await ar.close();
  });

  it('raised no console errors', () => {
    expect(problems).toEqual([]);
  });
});
