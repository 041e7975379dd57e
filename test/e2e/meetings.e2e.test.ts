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

async function page(cookie: string | null, path: string, viewport = { width: 1280, height: 900 }): Promise<{ page: Page; problems: string[] }> {
  const context = await browser.newContext({ locale: 'en-US', viewport });
  contexts.push(context);
  if (cookie) {
    const [name, value] = cookie.split('=') as [string, string];
    await context.addCookies([{ name, value, url: server.url }]);
  }
  const p = await context.newPage();
  const problems: string[] = [];
  p.on('pageerror', (e) => problems.push(e.message));
  p.on('console', (m) => {
    if (m.type() === 'error' && !(m.location().url.endsWith('/api/me') && m.text().includes('401'))) problems.push(m.text());
  });
  await p.goto(server.url + path);
  await p.getByRole('heading', { level: 1 }).first().waitFor();
  await expect.poll(() => p.locator('main .loading, .projector .loading').count(), { timeout: 15_000 }).toBe(0);
  return { page: p, problems };
}

async function axe(p: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page: p }).analyze();
  return results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

beforeAll(async () => {
  mkdirSync(shots, { recursive: true });
  [server, browser] = await Promise.all([
    startTestServer({ demo: true, clock: new ManualClock('2026-01-15T09:00:00Z') }),
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
  });

  it('shows the calendar, the meeting with its notice and agenda, and the registration form to a focal point', async () => {
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
    await detail.page.getByRole('heading', { name: 'Register your delegation' }).waitFor();
    expect(await detail.page.locator('.meeting-notice pre').textContent()).toContain('CONVENING NOTICE');
    expect(await detail.page.locator('.meeting-agenda__list li').count()).toBe(8);
    await detail.page.getByLabel('Name').fill('Aigerim Sadykova');
    await detail.page.getByRole('button', { name: 'Submit the registration' }).click();
    await detail.page.getByText('The registration was submitted.').waitFor();
    expect(await axe(detail.page)).toEqual([]);
    await detail.page.screenshot({ path: `${shots}meetings-meeting.png`, fullPage: true });
    for (const p of [list, month, detail]) expect(p.problems).toEqual([]);
  });

  it('reads right to left in Arabic', async () => {
    const context = await browser.newContext({ locale: 'ar', viewport: { width: 1280, height: 900 } });
    contexts.push(context);
    const p = await context.newPage();
    await p.goto(`${server.url}/meetings/${meetingId}/projector`);
    await expect.poll(() => p.getByTestId('speaking').textContent(), { timeout: 15_000 }).toMatch(/\p{Script=Arabic}|Kazakhstan|كازاخستان/u);
    expect(await p.evaluate(() => document.documentElement.dir)).toBe('rtl');
    await p.screenshot({ path: `${shots}meetings-projector-ar.png` });
  });
});
