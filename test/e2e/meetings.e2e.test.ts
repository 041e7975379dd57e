import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import AxeBuilder from '@axe-core/playwright';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../server/shared/clock.ts';
import { startTestServer } from '../helpers/server.ts';

/**
 * The live room in Chromium against the real server with the CICA demo: a Kazakh delegate asks for
 * the floor, the Chair (Azerbaijan) gives it, and the projector view, open in a third browser,
 * updates by itself (Server-Sent Events). axe on each page; screenshots in test-results/screenshots/.
 */
const shots = fileURLToPath(new URL('../../test-results/screenshots/', import.meta.url));
const PASSWORD = 'Silk-Road-Dialogue-1992';
let server: Awaited<ReturnType<typeof startTestServer>>;
let browser: Browser;
const contexts: BrowserContext[] = [];
let meetingId = '';
let demoMeetingId = '';
const clock = new ManualClock('2026-01-15T09:00:00Z');
const pdf = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');

async function api(method: string, path: string, body?: unknown, cookie?: string) {
  const res = await fetch(server.url + path, {
    method,
    headers: { origin: server.url, 'sec-fetch-site': 'same-origin', ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...(cookie ? { cookie } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${text}`);
  return { body: text ? JSON.parse(text) : null, headers: res.headers };
}

async function signIn(local: string): Promise<string> {
  const r = await api('POST', '/api/auth/login', { email: `${local}@demo.concord.example`, password: PASSWORD });
  return r.headers.getSetCookie().map((c) => c.split(';')[0]!).find((c) => c.includes('concord_session='))!;
}

async function page(cookie: string | null, path: string, viewport = { width: 1280, height: 900 }, locale = 'en-US'): Promise<{ page: Page; problems: string[] }> {
  const context = await browser.newContext({ locale, viewport });
  contexts.push(context);
  if (cookie) {
    const [name, value] = cookie.split('=') as [string, string];
    await context.addCookies([{ name, value, url: server.url }]);
  }
  const p = await context.newPage();
  const problems: string[] = [];
  p.on('pageerror', (e) => problems.push(e.message));
  p.on('console', (m) => {
    if (m.type() === 'error') problems.push(m.text());
  });
  await p.goto(server.url + path);
  await p
    .getByRole('heading', { level: 1 })
    .first()
    .waitFor({ timeout: 45_000 })
    .catch(async (e) => {
      await p.screenshot({ path: `${shots}meetings-failure-${path.replace(/[^a-z]+/g, '-')}.png`, fullPage: true });
      throw new Error(`${path}: ${e} ${problems.join(' | ')}`);
    });
  await expect.poll(() => p.locator('main .loading, .projector .loading').count(), { timeout: 15_000 }).toBe(0);
  return { page: p, problems };
}

async function closeAll(...pages: Array<{ page: Page }>) {
  for (const p of pages) await p.page.context().close();
}

async function axe(p: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page: p }).analyze();
  return results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
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
  const officer = await signIn('officer');
  const chair = await signIn('az.focal');
  demoMeetingId = (await api('GET', '/api/meetings?body=SOC', undefined, officer)).body.items[0].id;
  const m = (
    await api(
      'POST',
      '/api/meetings',
      {
        body: 'SOC',
        title: { en: 'Senior Officials Committee, Astana', ru: 'Комитет старших должностных лиц, Астана' },
        startsAt: '2026-01-15T16:00:00+05:00',
        endsAt: '2026-01-16T18:00:00+05:00',
        timeZone: 'Asia/Almaty',
        venue: { city: 'Astana', country: 'KZ' },
        onlineUrl: 'https://meet.example.org/soc-live',
        format: 'hybrid',
        presidingParty: 'AZ',
        papersAccess: 'public',
        speakingTimeSeconds: 180,
      },
      officer,
    )
  ).body;
  meetingId = m.id;
  const agenda = await api('POST', `/api/meetings/${meetingId}/agenda/items`, { title: { en: 'Confidence-building measures', ru: 'Меры доверия' } }, officer);
  await api('POST', `/api/meetings/${meetingId}/convene`, { registrationDeadline: '2026-01-15T09:30:00+00:00', documentsDeadline: '2026-01-15T09:20:00+00:00' }, officer);
  await api('POST', `/api/meetings/${meetingId}/status`, { to: 'in-session' }, chair);
  await api('POST', `/api/meetings/${meetingId}/live/item`, { itemId: agenda.body.items[0].id }, chair);
}, 180_000);

afterAll(async () => {
  await Promise.all(contexts.map((c) => c.close()));
  await browser?.close();
  await server?.close();
});

describe('meetings in the browser', () => {
  it('a delegate asks for the floor, the Chair gives it, and the projector view updates live', async () => {
    const projector = await page(null, `/meetings/${meetingId}/projector`, { width: 1600, height: 900 });
    await expect.poll(() => projector.page.getByTestId('current-item').textContent()).toContain('Confidence-building measures');
    const delegate = await page(await signIn('kz.delegate'), `/meetings/${meetingId}/live`);
    const chair = await page(await signIn('az.focal'), `/meetings/${meetingId}/live`);
    await delegate.page.getByText('Live updates on').waitFor();
    await projector.page.waitForTimeout(300);

    await delegate.page.getByRole('button', { name: 'Ask for the floor' }).click();
    // Without reloading, the projector and the Chair's screen show Kazakhstan waiting.
    await expect.poll(() => projector.page.getByTestId('queue').textContent(), { timeout: 10_000 }).toContain('Kazakhstan');
    await expect.poll(() => chair.page.getByTestId('queue').textContent(), { timeout: 10_000 }).toContain('Kazakhstan');

    await chair.page.getByRole('button', { name: 'Give the floor to the next speaker' }).click();
    await expect.poll(() => projector.page.getByTestId('speaking').textContent(), { timeout: 10_000 }).toContain('Kazakhstan');
    await expect.poll(() => delegate.page.getByTestId('speaking').textContent(), { timeout: 10_000 }).toContain('Kazakhstan');
    await expect.poll(() => projector.page.locator('.countdown__value').count()).toBe(1);

    await projector.page.screenshot({ path: `${shots}meetings-projector.png` });
    await chair.page.screenshot({ path: `${shots}meetings-live-chair.png`, fullPage: true });
    await delegate.page.screenshot({ path: `${shots}meetings-live-delegate.png`, fullPage: true });
    for (const p of [projector, delegate, chair]) {
      expect(await axe(p.page)).toEqual([]);
      expect(p.problems).toEqual([]);
    }
    await closeAll(projector, delegate, chair);
  });

  it('shows the calendar, the meeting with its notice and agenda, and the way to register to a focal point', async () => {
    const focal = await signIn('kz.focal');
    const list = await page(focal, '/meetings');
    expect(await list.page.getByRole('link', { name: /meeting of the Senior Officials Committee/ }).count()).toBeGreaterThan(0);
    expect(await axe(list.page)).toEqual([]);
    await list.page.screenshot({ path: `${shots}meetings-list.png`, fullPage: true });
    const month = await page(focal, '/meetings?view=month&year=2026&month=0');
    expect(await month.page.locator('table.meetings-month').count()).toBe(1);
    expect(await axe(month.page)).toEqual([]);
    await month.page.screenshot({ path: `${shots}meetings-month.png`, fullPage: true });
    const detail = await page(focal, `/meetings/${demoMeetingId}`);
    await detail.page.getByRole('link', { name: 'Register your delegation' }).waitFor();
    expect(await detail.page.locator('.meeting-notice pre').textContent()).toContain('CONVENING NOTICE');
    expect(await detail.page.locator('.meeting-agenda__list li').count()).toBe(8);
    expect(await axe(detail.page)).toEqual([]);
    await detail.page.screenshot({ path: `${shots}meetings-meeting.png`, fullPage: true });
    for (const p of [list, month, detail]) expect(p.problems).toEqual([]);
    await closeAll(list, month, detail);
  });

  it('the Secretariat plans a meeting with titles in the forum’s languages, the Chair draws up and reorders the agenda, accepts a request, and the meeting is convened', async () => {
    const officer = await signIn('officer');
    const form = await page(officer, '/meetings/new');
    const f = form.page.locator('form.meeting-form');
    await f.getByLabel('English').fill('Senior Officials Committee, Astana (spring)');
    await f.getByLabel('Russian').fill('Комитет старших должностных лиц, Астана (весна)');
    // A bad time zone: the API's field error shows at the field, nothing is created.
    await f.getByLabel('Time zone of the meeting').fill('Mars/Olympus');
    await f.getByLabel('Starts (local time of the meeting)').fill('2026-02-10T10:00');
    await f.getByLabel('Ends (local time of the meeting)').fill('2026-02-11T18:00');
    await f.getByLabel('Link to join online (https)').fill('https://meet.example.org/soc-spring');
    await f.getByLabel('Presiding member state (code)').fill('AZ');
    await f.getByRole('button', { name: 'Plan the meeting' }).click();
    await expect.poll(() => f.locator('.form-field--invalid').first().textContent()).toContain('IANA');
    expect(await axe(form.page)).toEqual([]);
    await form.page.screenshot({ path: `${shots}meetings-new-error.png`, fullPage: true });
    await f.getByLabel('Time zone of the meeting').fill('Asia/Almaty');
    await f.locator('summary').click();
    await f.getByLabel('Arabic').fill('لجنة كبار المسؤولين، أستانا (الربيع)');
    await f.getByRole('button', { name: 'Plan the meeting' }).click();
    await form.page.waitForURL(/\/meetings\/[0-9a-f-]{36}$/);
    const id = form.page.url().split('/').at(-1)!;
    const created = (await api('GET', `/api/meetings/${id}`, undefined, officer)).body;
    expect(created.title).toEqual({ en: 'Senior Officials Committee, Astana (spring)', ru: 'Комитет старших должностных лиц, Астана (весна)', ar: 'لجنة كبار المسؤولين، أستانا (الربيع)' });
    expect(created.startsAt).toBe('2026-02-10T05:00:00.000Z');
    expect(created.format).toBe('hybrid');
    expect(created.venue).toEqual({ city: 'Astana', country: 'KZ' });

    // The Chair (Azerbaijan's focal point) adds items, a sub-item, and reorders.
    const chair = await page(await signIn('az.focal'), `/meetings/${id}/agenda`);
    const add = chair.page.locator('form[aria-labelledby="add-item-heading"]');
    const numbers = () => chair.page.locator('[data-testid="agenda-item"] .meeting-agenda__row').allTextContents();
    for (const [en, ru] of [
      ['Opening of the meeting', 'Открытие заседания'],
      ['Adoption of the agenda', 'Утверждение повестки дня'],
      ['Confidence-building measures', 'Меры доверия'],
    ]) {
      await add.getByLabel('English').fill(en!);
      await add.getByLabel('Russian').fill(ru!);
      await add.getByRole('button', { name: 'Add an item' }).click();
      await expect.poll(async () => (await numbers()).some((t) => t.includes(en!))).toBe(true);
    }
    await add.getByLabel('English').fill('Report of the Secretariat');
    await add.getByLabel('Place on the agenda').selectOption({ label: 'A sub-item of 3. Confidence-building measures' });
    await add.getByRole('button', { name: 'Add an item' }).click();
    await expect.poll(async () => (await numbers()).join('|')).toContain('3.1.Report of the Secretariat');
    await chair.page.getByRole('button', { name: 'Move item 3 up' }).click();
    await expect.poll(async () => (await numbers()).map((t) => t.replace(/↑.*$/, '').trim()))
      .toEqual(['1.Opening of the meeting', '2.Confidence-building measures', '2.1.Report of the Secretariat', '3.Adoption of the agenda']);
    // Kazakhstan asks for an item; the Chair accepts it and it gets its number.
    const kz = await page(await signIn('kz.focal'), `/meetings/${id}/agenda`);
    const ask = kz.page.locator('form[aria-labelledby="request-heading"]');
    await ask.getByLabel('English').fill('Confidence-building in the Aral Sea basin');
    await ask.getByLabel('Explanation (optional)').fill('Water and security.');
    await ask.getByRole('button', { name: 'Send the request to the Chair' }).click();
    await kz.page.getByText('Awaiting the Chair').waitFor();
    expect(await axe(kz.page)).toEqual([]);
    await chair.page.reload();
    await chair.page.getByRole('button', { name: 'Accept “Confidence-building in the Aral Sea basin”' }).click();
    await expect.poll(async () => (await numbers()).join('|')).toContain('4.Confidence-building in the Aral Sea basin');
    expect(await axe(chair.page)).toEqual([]);
    await chair.page.screenshot({ path: `${shots}meetings-agenda-chair.png`, fullPage: true });
    const chairAr = await page(await signIn('az.focal'), `/meetings/${id}/agenda`, { width: 1280, height: 900 }, 'ar');
    expect(await chairAr.page.evaluate(() => document.documentElement.dir)).toBe('rtl');
    expect(await axe(chairAr.page)).toEqual([]);
    await chairAr.page.screenshot({ path: `${shots}meetings-agenda-ar.png`, fullPage: true });
    expect(chairAr.problems).toEqual([]);
    await closeAll(chairAr);

    // The Secretariat convenes it: the deadlines in the meeting's time zone, the notice in the forum's languages.
    const overview = await page(officer, `/meetings/${id}`);
    await overview.page.getByLabel('Registration deadline').fill('2026-02-01T18:00');
    await overview.page.getByLabel('Deadline for documents').fill('2026-01-30T18:00');
    await overview.page.getByRole('button', { name: 'Convene and send the notice' }).click();
    await overview.page.locator('.meeting-notice pre').waitFor();
    expect(await overview.page.locator('.meeting-notice pre').textContent()).toContain('4. Confidence-building in the Aral Sea basin');
    expect(await axe(overview.page)).toEqual([]);
    await overview.page.screenshot({ path: `${shots}meetings-convened.png`, fullPage: true });
    // The bad time zone answered 400 on purpose.
    expect(form.problems.filter((x) => !x.includes('400'))).toEqual([]);
    for (const p of [chair, kz, overview]) expect(p.problems).toEqual([]);
    await closeAll(form, chair, kz, overview);
  }, 240_000);

  it('a focal point registers its delegation with a credentials letter, the Secretariat accepts it, and the list of participants prints in order', async () => {
    const officer = await signIn('officer');
    const m = (
      await api(
        'POST',
        '/api/meetings',
        {
          body: 'SOC',
          title: { en: 'Senior Officials Committee, high-level segment', ru: 'Комитет старших должностных лиц, сегмент высокого уровня' },
          startsAt: '2026-03-10T10:00:00+05:00',
          endsAt: '2026-03-10T18:00:00+05:00',
          timeZone: 'Asia/Almaty',
          venue: { city: 'Astana', country: 'KZ' },
          format: 'in-person',
          presidingParty: 'AZ',
          papersAccess: 'members-and-observers',
          highLevel: true,
        },
        officer,
      )
    ).body;
    await api('POST', `/api/meetings/${m.id}/convene`, { registrationDeadline: '2026-03-01T18:00:00+05:00', documentsDeadline: '2026-02-25T18:00:00+05:00' }, officer);
    // Türkiye and Azerbaijan are registered and accepted over the API.
    for (const [code, name] of [['TR', 'Zeynep Kaya'], ['AZ', 'Elnur Mammadov']] as const) {
      const focal = await signIn(`${code.toLowerCase()}.focal`);
      await api('PUT', `/api/meetings/${m.id}/registrations/${code}`, { delegates: [{ name, function: 'head', title: 'Ambassador' }] }, focal);
      const form = new FormData();
      form.append('file', new Blob([new Uint8Array(pdf)]), 'credentials.pdf');
      const up = await fetch(`${server.url}/api/meetings/${m.id}/registrations/${code}/credentials`, { method: 'POST', body: form, headers: { cookie: focal, origin: server.url, 'sec-fetch-site': 'same-origin' } });
      expect(up.status).toBe(200);
      await api('POST', `/api/meetings/${m.id}/registrations/${code}/decision`, { accept: true }, officer);
    }

    const focal = await page(await signIn('kz.focal'), `/meetings/${m.id}/accreditation`);
    const reg = focal.page.locator('.meeting-registration form');
    // Two heads: the API's rule shows on the form, nothing is stored.
    await reg.getByLabel('Name').fill('Aigerim Sadykova');
    await reg.getByLabel('Position').first().fill('Deputy Minister');
    await reg.getByRole('button', { name: 'Add a delegate' }).click();
    await reg.getByLabel('Name').nth(1).fill('Nurlan Abenov');
    await reg.getByLabel('Function').nth(1).selectOption('head');
    await reg.getByRole('button', { name: 'Submit the registration' }).click();
    await focal.page.getByText('A delegation has exactly one head.').first().waitFor();
    await reg.getByLabel('Function').nth(1).selectOption('adviser');
    await reg.getByRole('button', { name: 'Submit the registration' }).click();
    await focal.page.getByText('The registration was submitted.').waitFor();
    await focal.page.getByLabel('Credentials letter (PDF)').setInputFiles({ name: 'credentials-kz.pdf', mimeType: 'application/pdf', buffer: pdf });
    await focal.page.getByRole('button', { name: 'Upload the letter' }).click();
    await focal.page.getByText('The credentials letter was uploaded.').waitFor();
    await focal.page.getByRole('link', { name: 'credentials-kz.pdf' }).waitFor();
    expect(await axe(focal.page)).toEqual([]);
    await focal.page.screenshot({ path: `${shots}meetings-accreditation-focal.png`, fullPage: true });

    const sec = await page(officer, `/meetings/${m.id}/accreditation`);
    await sec.page.getByRole('link', { name: 'credentials-kz.pdf' }).waitFor();
    await sec.page.getByRole('button', { name: 'Accept the registration of Kazakhstan' }).click();
    await expect.poll(() => sec.page.locator('table.meeting-registrations tbody tr', { hasText: 'Kazakhstan' }).textContent()).toContain('Accepted');
    expect(await axe(sec.page)).toEqual([]);
    await sec.page.screenshot({ path: `${shots}meetings-accreditation-secretariat.png`, fullPage: true });
    await closeAll(focal, sec);

    // The list of participants, in the forum's order (English alphabetical unless the profile says otherwise), printable.
    const list = await page(await signIn('kz.focal'), `/meetings/${m.id}/participants`);
    await list.page.getByText('In the alphabetical order of the names in English.').waitFor();
    expect(await list.page.getByTestId('participant-party').allTextContents()).toEqual(['Azerbaijan', 'Kazakhstan', 'Türkiye']);
    expect(await list.page.locator('table.list-table tbody tr', { hasText: 'Kazakhstan' }).textContent()).toMatch(/Aigerim Sadykova, Deputy Minister.*Nurlan Abenov/);
    expect(await axe(list.page)).toEqual([]);
    await list.page.screenshot({ path: `${shots}meetings-participants.png`, fullPage: true });
    await list.page.emulateMedia({ media: 'print' });
    expect(await list.page.locator('.meeting-nav').isVisible()).toBe(false);
    expect(await list.page.getByRole('button', { name: 'Print the list' }).isVisible()).toBe(false);
    expect(await list.page.getByTestId('participant-party').allTextContents()).toEqual(['Azerbaijan', 'Kazakhstan', 'Türkiye']);
    await list.page.screenshot({ path: `${shots}meetings-participants-print.png`, fullPage: true });

    // The same pages in Arabic: right to left, axe clean.
    for (const path of [`/meetings/${m.id}/accreditation`, `/meetings/${m.id}/participants`]) {
      const ar = await page(officer, path, { width: 1280, height: 900 }, 'ar');
      expect(await ar.page.evaluate(() => document.documentElement.dir)).toBe('rtl');
      expect(await axe(ar.page)).toEqual([]);
      await ar.page.screenshot({ path: `${shots}meetings-${path.split('/').at(-1)}-ar.png`, fullPage: true });
      expect(ar.problems).toEqual([]);
      await closeAll(ar);
    }
    // The two-heads registration answered 422 on purpose.
    expect(focal.problems.filter((x) => !x.includes('422'))).toEqual([]);
    for (const p of [sec, list]) expect(p.problems).toEqual([]);
  }, 240_000);

  it('reads right to left in Arabic', async () => {
    const context = await browser.newContext({ locale: 'ar', viewport: { width: 1280, height: 900 } });
    contexts.push(context);
    const p = await context.newPage();
    await p.goto(`${server.url}/meetings/${meetingId}/projector`);
    await expect.poll(() => p.getByTestId('speaking').textContent(), { timeout: 15_000 }).toMatch(/\p{Script=Arabic}|Kazakhstan|كازاخستان/u);
    expect(await p.evaluate(() => document.documentElement.dir)).toBe('rtl');
    await p.screenshot({ path: `${shots}meetings-projector-ar.png` });
  });
  it('the Secretariat drafts the summary record, circulates it, a delegation proposes a correction, the Secretariat accepts it and makes the record final', async () => {
    const officer = await signIn('officer');
    const chair = await signIn('az.focal');
    const m = (
      await api(
        'POST',
        '/api/meetings',
        {
          body: 'SOC',
          title: { en: 'Senior Officials Committee, extraordinary meeting' },
          startsAt: '2026-01-15T14:30:00+05:00',
          endsAt: '2026-01-15T20:00:00+05:00',
          timeZone: 'Asia/Almaty',
          onlineUrl: 'https://meet.example.org/soc-extra',
          format: 'online',
          presidingParty: 'AZ',
          papersAccess: 'members',
        },
        officer,
      )
    ).body;
    await api('POST', `/api/meetings/${m.id}/agenda/items`, { title: { en: 'Opening of the meeting', ru: 'Открытие заседания' } }, officer);
    await api('POST', `/api/meetings/${m.id}/agenda/items`, { title: { en: 'Confidence-building measures', ru: 'Меры доверия' } }, officer);
    await api('POST', `/api/meetings/${m.id}/convene`, { registrationDeadline: '2026-01-15T09:10:00+00:00', documentsDeadline: '2026-01-15T09:05:00+00:00' }, officer);
    await api('POST', `/api/meetings/${m.id}/status`, { to: 'in-session' }, chair);
    await api('POST', `/api/meetings/${m.id}/status`, { to: 'closed' }, chair);

    const sec = await page(officer, `/meetings/${m.id}/record`);
    const draft = sec.page.getByRole('form', { name: 'Draft the summary of item 2' });
    await draft.getByLabel('Summary of item 2').fill('The Committee reviewed the implementation of confidence-building measures in the five dimensions.');
    await draft.getByRole('button', { name: 'Save the summary' }).click();
    await expect.poll(() => sec.page.locator('[data-testid="record-entry"]').nth(1).locator('.meeting-record__text').count()).toBe(1);
    await sec.page.getByLabel('Deadline for corrections').fill('2026-01-20T18:00');
    await sec.page.getByRole('button', { name: 'Circulate to the participants' }).click();
    await sec.page.getByText('Circulated for corrections').waitFor();

    const kz = await page(await signIn('kz.delegate'), `/meetings/${m.id}/record`);
    const correct = kz.page.getByRole('form', { name: 'Propose a correction to item 2' });
    await correct.getByRole('button', { name: 'Propose the correction' }).click();
    await expect.poll(() => correct.locator('.form-field--invalid').count()).toBe(1);
    await correct.getByLabel('Your correction to item 2').fill('Add: "Kazakhstan reported on the Aral Sea basin."');
    await correct.getByRole('button', { name: 'Propose the correction' }).click();
    await kz.page.getByTestId('correction').getByText('Awaiting the Secretariat').waitFor();
    expect(await axe(kz.page)).toEqual([]);
    await kz.page.screenshot({ path: `${shots}meetings-record-delegate.png`, fullPage: true });

    await sec.page.reload();
    await sec.page.getByTestId('correction').waitFor({ timeout: 15_000 }).catch(async (e) => {
      await sec.page.screenshot({ path: `${shots}meetings-record-failure.png`, fullPage: true });
      throw e;
    });
    await sec.page.getByRole('button', { name: 'Accept the correction' }).click();
    await sec.page.getByTestId('correction').getByText('Accepted').waitFor();
    expect(await axe(sec.page)).toEqual([]);
    await sec.page.screenshot({ path: `${shots}meetings-record-secretariat.png`, fullPage: true });
    const ar = await page(officer, `/meetings/${m.id}/record`, { width: 1280, height: 900 }, 'ar');
    expect(await axe(ar.page)).toEqual([]);
    await ar.page.screenshot({ path: `${shots}meetings-record-ar.png`, fullPage: true });

    // After the deadline the record is made final.
    clock.set('2026-01-20T14:00:00Z');
    const officer2 = await signIn('officer');
    const fin = await page(officer2, `/meetings/${m.id}/record`);
    await fin.page.getByRole('button', { name: 'Make final' }).click();
    await fin.page.locator('.meeting-record__status', { hasText: 'Final' }).waitFor();
    expect((await api('GET', `/api/meetings/${m.id}`, undefined, officer2)).body.status).toBe('record-final');
    // The empty correction answered 400 on purpose.
    expect(kz.problems.filter((x) => !x.includes('400'))).toEqual([]);
    for (const p of [sec, ar, fin]) expect(p.problems).toEqual([]);
    await closeAll(sec, kz, ar, fin);
  }, 240_000);

  it('the Chair adopts the agenda on a decision taken by consensus through the decisions module, and the Secretariat links outcome documents and decisions to the record', async () => {
    clock.set('2026-01-20T15:00:00Z');
    const officer = await signIn('officer');
    const chair = await signIn('az.focal');
    const m = (
      await api(
        'POST',
        '/api/meetings',
        {
          body: 'SOC',
          title: { en: 'Senior Officials Committee, meeting on the work plan' },
          startsAt: '2026-01-21T15:00:00+05:00',
          endsAt: '2026-01-21T19:00:00+05:00',
          timeZone: 'Asia/Almaty',
          onlineUrl: 'https://meet.example.org/soc-plan',
          format: 'online',
          presidingParty: 'AZ',
          papersAccess: 'members',
        },
        officer,
      )
    ).body;
    await api('POST', `/api/meetings/${m.id}/agenda/items`, { title: { en: 'Adoption of the agenda', ru: 'Утверждение повестки дня' } }, officer);
    await api('POST', `/api/meetings/${m.id}/agenda/items`, { title: { en: 'Work plan of the Committee', ru: 'План работы Комитета' } }, officer);
    await api('POST', `/api/meetings/${m.id}/convene`, { registrationDeadline: '2026-01-20T20:00:00+00:00', documentsDeadline: '2026-01-20T19:00:00+00:00' }, officer);
    await api('POST', `/api/meetings/${m.id}/status`, { to: 'in-session' }, chair);
    // Two decisions taken in session with no objection: one at this meeting, one at another meeting of the body.
    const decide = async (meeting: string, title: string) => {
      const d = (await api('POST', '/api/decisions', { bodyCode: 'SOC', title: { en: title }, textDocumentId: null, procedure: 'in-session', meetingId: meeting, proposerKind: 'chair' }, chair)).body as { id: string };
      await api('POST', `/api/decisions/${d.id}/finding`, { outcome: 'no-objection', objectorPartyCodes: [], note: null }, chair);
      return d.id;
    };
    const ours = await decide(m.id, 'Decision on the agenda of the meeting on the work plan');
    const other = await decide(demoMeetingId, 'Decision on the dates of the next session');
    expect((await api('GET', `/api/decisions/${ours}`, undefined, chair)).body.state).toBe('adopted');

    // Arabic first, while the form is there: right to left, axe clean.
    const arAgenda = await page(chair, `/meetings/${m.id}/agenda`, { width: 1280, height: 900 }, 'ar');
    await arAgenda.page.locator('select[name="decisionId"]').waitFor();
    expect(await arAgenda.page.evaluate(() => document.documentElement.dir)).toBe('rtl');
    expect(await axe(arAgenda.page)).toEqual([]);
    await arAgenda.page.screenshot({ path: `${shots}meetings-agenda-decision-ar.png`, fullPage: true });

    const agenda = await page(chair, `/meetings/${m.id}/agenda`);
    const form = agenda.page.getByRole('form', { name: 'Adopt the agenda by a decision' });
    const select = form.getByLabel('Decision adopted by consensus');
    // Each decision by its symbol and title.
    expect(await select.locator('option').allTextContents()).toEqual(
      expect.arrayContaining([expect.stringMatching(/^CICA\/SOC\/\S+ — Decision on the agenda of the meeting on the work plan$/), expect.stringMatching(/^CICA\/SOC\/\S+ — Decision on the dates of the next session$/)]),
    );
    // A decision of another meeting: the API refuses, and the refusal shows at the field.
    await select.selectOption(other);
    await form.getByRole('button', { name: 'Adopt the agenda on this decision' }).click();
    await expect.poll(() => form.locator('.form-field--invalid select[name="decisionId"]').count()).toBe(1);
    await form.getByRole('alert').getByText('The decision was not taken at this meeting.').waitFor();
    expect(await axe(agenda.page)).toEqual([]);
    await agenda.page.screenshot({ path: `${shots}meetings-agenda-decision-refused.png`, fullPage: true });
    await select.selectOption(ours);
    await form.getByRole('button', { name: 'Adopt the agenda on this decision' }).click();
    await agenda.page.getByRole('heading', { level: 2, name: 'Agenda (adopted)' }).waitFor();
    await agenda.page.getByTestId('agenda-decision').getByRole('link', { name: 'Open the decision' }).waitFor();
    expect(await agenda.page.getByTestId('agenda-decision').getByRole('link').getAttribute('href')).toBe(`/decisions/${ours}`);
    expect(await form.count()).toBe(0);
    const stored = (await api('GET', `/api/meetings/${m.id}/agenda`, undefined, officer)).body;
    expect([stored.status, stored.decisionId]).toEqual(['adopted', ours]);
    expect(await axe(agenda.page)).toEqual([]);
    await agenda.page.screenshot({ path: `${shots}meetings-agenda-decision.png`, fullPage: true });

    // The Secretariat links an outcome document, found by its symbol, and the decision, to the record.
    const doc = (await api('GET', '/api/documents?body=SOC&limit=1', undefined, officer)).body.items[0] as { id: string; symbol: string };
    const rec = await page(officer, `/meetings/${m.id}/record`);
    const outcomes = rec.page.getByRole('region', { name: 'Link outcomes to the meeting' });
    await outcomes.getByLabel('Find an outcome document').fill(doc.symbol);
    await outcomes.getByRole('button', { name: `Link ${doc.symbol}` }).click();
    await rec.page.getByTestId('outcomes').getByRole('link', { name: doc.symbol }).waitFor();
    const linkDecision = rec.page.getByRole('form', { name: 'Link a decision' });
    await linkDecision.getByLabel('Adopted decision of this body').selectOption(ours);
    await linkDecision.getByRole('button', { name: 'Link the decision' }).click();
    const linked = rec.page.getByTestId('outcomes');
    await linked.getByRole('link', { name: 'Decision on the agenda of the meeting on the work plan' }).waitFor();
    expect(await linked.getByRole('link', { name: doc.symbol }).getAttribute('href')).toBe(`/documents/${doc.id}`);
    expect(await linked.getByRole('link', { name: 'Decision on the agenda of the meeting on the work plan' }).getAttribute('href')).toBe(`/decisions/${ours}`);
    // What is linked is no longer offered.
    expect(await linkDecision.locator('option', { hasText: 'Decision on the agenda of the meeting on the work plan' }).count()).toBe(0);
    const record = (await api('GET', `/api/meetings/${m.id}/record`, undefined, officer)).body as { outcomes: Array<{ documentId: string | null; decisionId: string | null }> };
    expect(record.outcomes.map((o) => o.documentId ?? o.decisionId).sort()).toEqual([doc.id, ours].sort());
    expect(await axe(rec.page)).toEqual([]);
    await rec.page.screenshot({ path: `${shots}meetings-record-outcomes.png`, fullPage: true });
    const arRec = await page(officer, `/meetings/${m.id}/record`, { width: 1280, height: 900 }, 'ar');
    await arRec.page.getByTestId('outcomes').waitFor();
    expect(await arRec.page.evaluate(() => document.documentElement.dir)).toBe('rtl');
    expect(await axe(arRec.page)).toEqual([]);
    await arRec.page.screenshot({ path: `${shots}meetings-record-outcomes-ar.png`, fullPage: true });

    // The refused adoption answered 422 on purpose.
    expect(agenda.problems.filter((x) => !x.includes('422'))).toEqual([]);
    for (const p of [arAgenda, rec, arRec]) expect(p.problems).toEqual([]);
    await closeAll(arAgenda, agenda, rec, arRec);
  }, 240_000);
});
