import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import AxeBuilder from '@axe-core/playwright';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../server/shared/clock.ts';
import { startTestServer } from '../helpers/server.ts';

/**
 * The public portal in Chromium against the real server with the CICA demo profile: about, members,
 * a party, bodies and chairmanship, in English, Russian, Chinese and Arabic; axe on each page; the
 * members grid and its filter; the current Chair highlighted. Screenshots go to test-results/screenshots/.
 */
const shots = fileURLToPath(new URL('../../test-results/screenshots/', import.meta.url));
const desktop = { width: 1280, height: 900 };
const phone = { width: 360, height: 740 };

let server: Awaited<ReturnType<typeof startTestServer>>;
let browser: Browser;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  mkdirSync(shots, { recursive: true });
  [server, browser] = await Promise.all([
    // A fixed day, so "the current Chair" is known: Azerbaijan (in office from 2024-12-17).
    startTestServer({ demo: true, clock: new ManualClock('2026-01-15T09:00:00Z') }),
    chromium.launch({
      executablePath: '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    }),
  ]);
});

afterAll(async () => {
  await Promise.all(contexts.map((c) => c.close()));
  await browser?.close();
  await server?.close();
});

interface Opened {
  page: Page;
  problems: string[];
}

async function open(locale: string, path: string, viewport = desktop): Promise<Opened> {
  const context = await browser.newContext({ locale, viewport });
  contexts.push(context);
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('console', (m) => {
    // Any error in the console counts (a visitor's page makes no refused request: the header asks GET /api/session).
    if (m.type() === 'error') problems.push(m.text());
  });
  page.on('pageerror', (e) => problems.push(e.message));
  await page.goto(server.url + path);
  await page.getByRole('heading', { level: 1 }).waitFor();
  // Wait for the data: no "Loading…" status left in the main content.
  await expect.poll(() => page.locator('main .loading').count(), { timeout: 15_000 }).toBe(0);
  return { page, problems };
}

async function seriousAxeViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

const scripts: Record<string, RegExp> = {
  en: /\p{Script=Latin}/u,
  ru: /\p{Script=Cyrillic}/u,
  zh: /\p{Script=Han}/u,
  ar: /\p{Script=Arabic}/u,
};

const languages = [
  ['en', 'en-US', 'ltr'],
  ['ru', 'ru-RU', 'ltr'],
  ['zh', 'zh-CN', 'ltr'],
  ['ar', 'ar', 'rtl'],
] as const;

const pages = [
  ['about', '/about'],
  ['members', '/members'],
  ['party', '/parties/LK'],
  ['bodies', '/bodies'],
  ['chairmanship', '/chairmanship'],
] as const;

describe('public portal pages in four languages', () => {
  for (const [locale, browserLocale, dir] of languages) {
    for (const [name, path] of pages) {
      it(`${locale} ${name}: real data in the language's script, axe clean`, async () => {
        const { page, problems } = await open(browserLocale, path);
        expect(await page.evaluate(() => ({ lang: document.documentElement.lang, dir: document.documentElement.dir }))).toEqual({ lang: locale, dir });
        expect(await page.getByRole('heading', { level: 1 }).textContent()).toMatch(scripts[locale]);
        // The portal's navigation entry for this page is there and current (the party page belongs to none).
        if (name !== 'party') {
          const current = page.getByRole('navigation').locator('[aria-current="page"]');
          expect(await current.textContent()).toMatch(scripts[locale]);
        }
        await page.screenshot({ path: `${shots}portal-${name}-${locale}.png`, fullPage: true });
        expect(await seriousAxeViolations(page)).toEqual([]);
        expect(problems).toEqual([]);
      });
    }
  }
});

describe('members grid', () => {
  it('shows the 28 member states with their joining year, and filters by kind', async () => {
    const { page } = await open('en-US', '/members');
    const cards = page.locator('.party-card');
    await expect.poll(() => cards.count()).toBe(28);
    const kz = page.locator('.party-card', { hasText: 'Kazakhstan' });
    expect(await kz.textContent()).toContain('Member since 1999');
    const lk = page.locator('.party-card', { hasText: 'Sri Lanka' });
    expect(await lk.textContent()).toContain('Member since 2018');
    // Founders' date is uncertain in the sources: marked with the word, not colour alone.
    expect(await kz.getByText('Uncertain').count()).toBe(1);
    expect(await page.locator('.party-card', { hasText: 'Republic of Korea' }).or(page.locator('.party-card', { hasText: 'South Korea' })).getByText('Uncertain').count()).toBe(0);

    await page.getByRole('link', { name: /Observer states/ }).click();
    await expect.poll(() => cards.count()).toBe(10);
    // The chosen filter is marked for assistive technology (and visibly, not by colour alone); the others are not.
    expect(await page.getByRole('link', { name: /Observer states/ }).getAttribute('aria-current')).toBe('page');
    expect(await page.getByRole('link', { name: /Member states/ }).getAttribute('aria-current')).toBeNull();
    await page.getByRole('link', { name: /Observer organisations/ }).click();
    await expect.poll(() => cards.count()).toBe(5);
    await page.getByRole('link', { name: /Partner organisations/ }).click();
    await expect.poll(() => cards.count()).toBe(7);
    await page.screenshot({ path: `${shots}portal-members-partners-en.png`, fullPage: true });
    expect(await seriousAxeViolations(page)).toEqual([]);
  });

  it('opens a party from the grid and shows its status history, without contacts for a visitor', async () => {
    const { page } = await open('en-US', '/members');
    await page.getByRole('link', { name: 'Sri Lanka' }).click();
    await page.waitForURL(`${server.url}/parties/LK`);
    const table = page.getByRole('table');
    await table.waitFor();
    expect(await table.getByRole('row').count()).toBe(3); // header + observer + member
    expect(await page.getByText('Delegation contacts').count()).toBe(0);
  });

  it('fits a 360 px wide phone in Arabic, right to left', async () => {
    const { page } = await open('ar', '/members', phone);
    await expect.poll(() => page.locator('.party-card').count()).toBe(28);
    // The page's own content fits (the shell's header is the home page test's concern).
    const overflow = await page.evaluate(() => {
      const main = document.querySelector('main')!;
      return main.scrollWidth - main.clientWidth;
    });
    expect(overflow).toBeLessThanOrEqual(0);
    await page.screenshot({ path: `${shots}portal-members-ar-360.png`, fullPage: true });
    expect(await seriousAxeViolations(page)).toEqual([]);
  });
});

describe('chairmanship and bodies', () => {
  it('highlights the current Chair in the timeline', async () => {
    const { page } = await open('en-US', '/chairmanship');
    const terms = page.locator('.chair-term');
    expect(await terms.count()).toBe(6);
    const current = page.locator('.chair-term[aria-current="true"]');
    expect(await current.count()).toBe(1);
    expect(await current.textContent()).toContain('Azerbaijan');
    expect(await current.textContent()).toContain('Current Chair');
  });

  it('draws the bodies as a tree with historic names', async () => {
    const { page } = await open('en-US', '/bodies');
    const diagram = page.getByRole('list', { name: 'Bodies and their reporting lines' });
    const soc = diagram.locator('li', { has: page.getByRole('heading', { name: 'Senior Officials Committee' }) });
    // The Special Working Group sits inside the Senior Officials Committee's branch.
    expect(await soc.getByRole('heading', { name: 'Special Working Group' }).count()).toBe(1);
    expect(await page.getByText(/Called Summit until October 13, 2022/).count()).toBe(1);
  });
});

describe('administration (a Secretariat admin of the demo)', () => {
  async function signedInAdmin(): Promise<Opened> {
    const context = await browser.newContext({ locale: 'en-US', viewport: desktop });
    contexts.push(context);
    const res = await context.request.post(`${server.url}/api/auth/login`, {
      data: { email: 'admin@demo.concord.example', password: 'Silk-Road-Dialogue-1992' },
      headers: { origin: server.url, 'sec-fetch-site': 'same-origin' },
    });
    expect(res.status()).toBe(200);
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('pageerror', (e) => problems.push(e.message));
    return { page, problems };
  }

  it("corrects a party's contacts: the API's field error is shown at the field, then the change is saved and shown", async () => {
    const { page, problems } = await signedInAdmin();
    await page.goto(`${server.url}/parties/KZ`);
    await page.getByRole('link', { name: 'Edit the party' }).click();
    await page.waitForURL(`${server.url}/admin/parties/KZ`);
    const email = page.getByLabel('E-mail');
    await email.fill('not-an-address');
    await page.getByRole('button', { name: 'Save' }).first().click();
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('Not saved');
    expect(await email.getAttribute('aria-invalid')).toBe('true');
    const describedBy = (await email.getAttribute('aria-describedby')) ?? '';
    expect(await page.locator(`[id="${describedBy.split(' ').at(-1)}"]`).textContent()).toContain('must be an e-mail address');
    await page.screenshot({ path: `${shots}portal-admin-party-error-en.png`, fullPage: true });
    expect(await seriousAxeViolations(page)).toEqual([]);

    await email.fill('cica@mfa.example');
    await page.getByLabel('Telephone').fill('+7 7172 720000');
    await page.getByRole('button', { name: 'Save' }).first().click();
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'Saved' }).count()).toBe(1);

    await page.goto(`${server.url}/parties/KZ`);
    await page.getByRole('heading', { name: 'Delegation contacts' }).waitFor();
    expect(await page.getByRole('link', { name: 'cica@mfa.example' }).count()).toBe(1);
    expect(problems).toEqual([]);
  });

  it('refuses an overlapping chair term with a message in the reader’s language', async () => {
    const { page } = await signedInAdmin();
    await page.goto(`${server.url}/chairmanship`);
    await page.getByRole('link', { name: 'Add a chair term' }).click();
    await page.getByLabel('Chairing state').selectOption('CN');
    await page.getByLabel('Start').fill('2025-03-01');
    await page.getByLabel('End', { exact: true }).fill('2025-12-31');
    await page.getByLabel('How it was decided:').fill('A test that must be refused');
    await page.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('This term overlaps another chair term.');
    await page.screenshot({ path: `${shots}portal-admin-term-overlap-en.png`, fullPage: true });
    expect(await seriousAxeViolations(page)).toEqual([]);
    const terms = (await (await fetch(`${server.url}/api/chairmanships`)).json()) as { terms: unknown[] };
    expect(terms.terms).toHaveLength(6);
  });

  it('tells a visitor that editing is for Secretariat admins', async () => {
    const { page } = await open('en-US', '/admin/parties/KZ');
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('For Secretariat administrators only');
  });
});
