import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import AxeBuilder from '@axe-core/playwright';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer } from '../helpers/server.ts';

/**
 * The web shell in Chromium against the real server (CICA demo profile, built web app from web/dist):
 * language detection and direction, scripts, landmarks, axe, mirroring, the 404 page. Screenshots go
 * to test-results/screenshots/ for people to look at.
 */
const shots = fileURLToPath(new URL('../../test-results/screenshots/', import.meta.url));
const desktop = { width: 1280, height: 800 };
const phone = { width: 360, height: 740 };

let server: Awaited<ReturnType<typeof startTestServer>>;
let browser: Browser;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  mkdirSync(shots, { recursive: true });
  [server, browser] = await Promise.all([
    startTestServer({ demo: true }),
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
  /** Console errors and uncaught exceptions, CSP violations included. */
  problems: string[];
}

async function open(locale: string, path = '/', viewport = desktop): Promise<Opened> {
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
  return { page, problems };
}

async function seriousAxeViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

async function documentLangDir(page: Page) {
  return page.evaluate(() => ({ lang: document.documentElement.lang, dir: document.documentElement.dir }));
}

/** Horizontal centre of an element as a fraction of the viewport width (0 = left edge, 1 = right). */
async function centreX(page: Page, selector: ReturnType<Page['locator']>): Promise<number> {
  const box = await selector.boundingBox();
  if (!box) throw new Error('element is not visible');
  const width = page.viewportSize()!.width;
  return (box.x + box.width / 2) / width;
}

const scripts = {
  en: /\p{Script=Latin}/u,
  zh: /\p{Script=Han}/u,
  ar: /\p{Script=Arabic}/u,
};

describe('home page', () => {
  for (const [locale, browserLocale, dir] of [
    ['en', 'en-US', 'ltr'],
    ['zh', 'zh-CN', 'ltr'],
    ['ar', 'ar', 'rtl'],
  ] as const) {
    it(`${locale}: picks the language from the browser, renders it in its script, and is axe clean`, async () => {
      const { page, problems } = await open(browserLocale);
      expect(await documentLangDir(page)).toEqual({ lang: locale, dir });

      const heading = page.getByRole('heading', { level: 1 });
      expect(await heading.textContent()).toMatch(scripts[locale]);
      const nav = page.getByRole('navigation');
      const homeLink = nav.getByRole('link').first();
      expect(await homeLink.textContent()).toMatch(scripts[locale]);
      expect(await homeLink.getAttribute('aria-current')).toBe('page');

      // Landmarks: banner, navigation, main, contentinfo.
      for (const role of ['banner', 'navigation', 'main', 'contentinfo'] as const) {
        expect(await page.getByRole(role).count(), role).toBe(1);
      }

      // The footer carries the server's version from /api/health.
      const health = (await (await fetch(`${server.url}/api/health`)).json()) as { version: string };
      await expect.poll(() => page.getByRole('contentinfo').textContent()).toContain(health.version);

      // Brand and navigation sit at the start edge: left in English and Chinese, right in Arabic.
      const brand = page.getByRole('banner').getByRole('link').first();
      if (dir === 'rtl') {
        expect(await centreX(page, brand)).toBeGreaterThan(0.5);
        expect(await centreX(page, homeLink)).toBeGreaterThan(0.5);
      } else {
        expect(await centreX(page, brand)).toBeLessThan(0.5);
        expect(await centreX(page, homeLink)).toBeLessThan(0.5);
      }

      await page.screenshot({ path: `${shots}home-${locale}.png`, fullPage: true });
      expect(await seriousAxeViolations(page)).toEqual([]);
      expect(problems).toEqual([]);
    });
  }

  it('offers "Skip to main content" as the first focusable element', async () => {
    const { page } = await open('en-US');
    await page.keyboard.press('Tab');
    const focused = page.locator(':focus');
    expect(await focused.textContent()).toBe('Skip to main content');
    expect(await focused.isVisible()).toBe(true);
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('main-content');
  });

  it('switches language with the selector, flips direction, and remembers the choice', async () => {
    const { page, problems } = await open('en-US');
    await page.getByLabel('Language').selectOption('ar');
    await expect.poll(() => documentLangDir(page)).toEqual({ lang: 'ar', dir: 'rtl' });
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toMatch(scripts.ar);

    await page.reload();
    await page.getByRole('heading', { level: 1 }).waitFor();
    expect(await documentLangDir(page)).toEqual({ lang: 'ar', dir: 'rtl' });
    expect(await page.getByRole('combobox').inputValue()).toBe('ar');
    expect(problems).toEqual([]);
  });

  for (const [locale, browserLocale] of [
    ['en', 'en-US'],
    ['ar', 'ar'],
  ] as const) {
    it(`${locale}: fits a 360 px wide phone without horizontal scrolling`, async () => {
      const { page } = await open(browserLocale, '/', phone);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      expect(overflow).toBeLessThanOrEqual(0);
      await page.screenshot({ path: `${shots}home-${locale}-360.png`, fullPage: true });
      expect(await seriousAxeViolations(page)).toEqual([]);
    });
  }
});

describe('not found', () => {
  it('shows a localized 404 page on an unknown client route, with a link home', async () => {
    const { page, problems } = await open('en-US', '/no-such-page');
    const heading = page.getByRole('heading', { level: 1 });
    expect(await heading.textContent()).toBe('Page not found');
    // The shell (header, navigation, footer) stays around the 404 content.
    expect(await page.getByRole('navigation').count()).toBe(1);
    await page.screenshot({ path: `${shots}not-found-en.png`, fullPage: true });
    expect(await seriousAxeViolations(page)).toEqual([]);

    await page.getByRole('main').getByRole('link', { name: 'Go to the home page' }).click();
    await page.waitForURL(`${server.url}/`);
    await expect.poll(() => heading.textContent()).not.toBe('Page not found');
    expect(problems).toEqual([]);
  });

  it('is translated too (Arabic, right to left)', async () => {
    const { page } = await open('ar', '/missing/deeper/path');
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toMatch(scripts.ar);
    expect(await documentLangDir(page)).toEqual({ lang: 'ar', dir: 'rtl' });
    await page.screenshot({ path: `${shots}not-found-ar.png`, fullPage: true });
  });
});
