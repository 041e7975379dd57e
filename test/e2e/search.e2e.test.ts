import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import AxeBuilder from '@axe-core/playwright';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer } from '../helpers/server.ts';

/**
 * Search and the key concepts in Chromium against the real server (CICA demo): a Chinese query typed
 * in the header's search box, the hits with their matches marked in their own language, the "also
 * searched" note, then a key concept opened in the parallel view with every language in its own script
 * and direction. axe clean; screenshots in test-results/screenshots/.
 */
const shots = fileURLToPath(new URL('../../test-results/screenshots/', import.meta.url));
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

async function open(locale: string, path: string): Promise<{ page: Page; problems: string[] }> {
  const context = await browser.newContext({ locale, viewport: { width: 1280, height: 900 } });
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

describe('search from the header and the key concepts', () => {
  it('searches in Chinese from the header, then opens the key concept in the parallel view', async () => {
    const { page, problems } = await open('zh-CN', '/');
    const box = page.getByRole('search').getByRole('searchbox');
    await expect(box.getAttribute('placeholder')).resolves.toBeTruthy();
    await box.fill('建立信任措施');
    await box.press('Enter');
    await page.waitForURL(/\/search\?q=/);
    const hits = page.locator('.search-hit');
    await hits.first().waitFor();
    // The Chinese hit, marked in Chinese, with its language on the element.
    const zhTitle = page.locator('.search-hit__title[lang="zh"]').first();
    await expect(zhTitle.locator('mark').first().textContent()).resolves.toContain('建立信任措施');
    // The concept's terms in the other languages were searched too, and said so.
    const also = await page.locator('.search-page__also').textContent();
    expect(also).toContain('confidence-building measures');
    expect(also).toContain('biện pháp xây dựng lòng tin');
    // Hits in the other languages, each in its own direction.
    await expect(page.locator('.search-hit__title[lang="ar"]').first().getAttribute('dir')).resolves.toBe('rtl');
    expect(await page.locator('.search-facet').count()).toBeGreaterThanOrEqual(2);
    expect(await seriousAxeViolations(page)).toEqual([]);
    await page.screenshot({ path: `${shots}search-zh.png`, fullPage: true });

    await zhTitle.getByRole('link').click();
    await page.waitForURL(/\/key-concepts\/confidence-building-measures/);
    const columns = page.locator('.kc-column');
    await columns.first().waitFor();
    expect(await columns.count()).toBe(8);
    const attrs = await columns.evaluateAll((els) => els.map((e) => `${e.getAttribute('lang')}:${e.getAttribute('dir')}`));
    expect(attrs).toEqual(expect.arrayContaining(['zh:ltr', 'vi:ltr', 'ar:rtl', 'fa:rtl', 'ru:ltr', 'kk:ltr', 'tr:ltr', 'en:ltr']));
    // The long Vietnamese and Chinese notes are there, side by side.
    await expect(page.locator('.kc-column[lang="vi"]').textContent()).resolves.toContain('Danh mục các biện pháp xây dựng lòng tin');
    await expect(page.locator('.kc-column[lang="zh"]').textContent()).resolves.toContain('建立信任措施目录');
    expect(await seriousAxeViolations(page)).toEqual([]);
    await page.screenshot({ path: `${shots}key-concept-parallel-zh.png`, fullPage: true });

    // The language switch: show only Vietnamese and Chinese.
    for (const lang of ['en', 'ru', 'ar', 'fa', 'kk', 'tr']) {
      await page.locator('.kc-switch__toggle', { has: page.locator(`[lang="${lang}"]`) }).click();
    }
    await page.waitForURL(/langs=/);
    expect(await columns.evaluateAll((els) => els.map((e) => e.getAttribute('lang')))).toEqual(['zh', 'vi']);
    await page.screenshot({ path: `${shots}key-concept-vi-zh.png`, fullPage: true });
    expect(problems).toEqual([]);
  });

  it('indexes the key concepts by pinyin and by stroke order in Chinese, by letter elsewhere; right to left in Persian', async () => {
    const { page, problems } = await open('zh-CN', '/key-concepts?lang=zh');
    await page.locator('.kc-letter').first().waitFor();
    const letters = await page.locator('.kc-letter__title').allTextContents();
    expect(letters).toEqual(expect.arrayContaining(['C', 'G', 'J', 'Y']));
    expect(await seriousAxeViolations(page)).toEqual([]);
    await page.screenshot({ path: `${shots}key-concepts-zh-pinyin.png`, fullPage: true });
    await page.getByRole('link', { name: '按笔画' }).click();
    await page.waitForURL(/order=stroke/);
    await page.locator('.kc-letter__title', { hasText: '亚' }).waitFor();
    await page.screenshot({ path: `${shots}key-concepts-zh-stroke.png`, fullPage: true });

    const fa = await open('fa-IR', '/key-concepts?lang=fa');
    await fa.page.locator('.kc-entry').first().waitFor();
    await expect(fa.page.locator('.kc-entry').first().getAttribute('dir')).resolves.toBe('rtl');
    expect(await seriousAxeViolations(fa.page)).toEqual([]);
    await fa.page.screenshot({ path: `${shots}key-concepts-fa.png`, fullPage: true });
    expect([...problems, ...fa.problems]).toEqual([]);
  });

  it('finds Vietnamese without diacritics and parties by approximate name, in an Arabic interface', async () => {
    const { page, problems } = await open('ar', '/search?q=dong%20thuan');
    await page.locator('.search-hit').first().waitFor();
    await expect(page.locator('.search-hit__title[lang="vi"] mark').first().textContent()).resolves.toBe('đồng thuận');
    const { page: p2 } = await open('ar', '/search?q=Kazakstan');
    await p2.locator('.search-hit').first().waitFor();
    expect(await p2.locator('.search-hit__type--party').count()).toBeGreaterThan(0);
    expect(await seriousAxeViolations(page)).toEqual([]);
    await page.screenshot({ path: `${shots}search-ar-vi.png`, fullPage: true });
    expect(problems).toEqual([]);
  });
});
