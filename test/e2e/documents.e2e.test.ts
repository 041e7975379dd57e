import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import AxeBuilder from '@axe-core/playwright';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUserWithPassword } from '../../server/modules/identity/users.service.ts';
import { ManualClock } from '../../server/shared/clock.ts';
import { systemActor } from '../../server/shared/context.ts';
import { startTestServer } from '../helpers/server.ts';

/**
 * Documents in Chromium against the real server with the CICA demo: a Secretariat officer registers
 * a declaration in English, opens Russian and Arabic versions, writes the three texts in the editor,
 * and opens the parallel view; every page is axe clean; screenshots in test-results/screenshots/.
 */
const shots = fileURLToPath(new URL('../../test-results/screenshots/', import.meta.url));
let server: Awaited<ReturnType<typeof startTestServer>>;
let browser: Browser;
let context: BrowserContext;
const password = 'Tq7-Hw4n-Zx9v-Lm3k';
const problems: string[] = [];

beforeAll(async () => {
  mkdirSync(shots, { recursive: true });
  const clock = new ManualClock('2026-01-15T09:00:00Z');
  [server, browser] = await Promise.all([
    startTestServer({ demo: true, clock }),
    chromium.launch({
      executablePath: '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    }),
  ]);
  await createUserWithPassword(server.concord.handle.db, { actor: systemActor, requestId: null, clock }, { email: 'officer@e2e.example', name: 'Aigerim Nurlanova', partyCode: 'SEC', role: 'officer', password });
  context = await browser.newContext({ locale: 'en-US', viewport: { width: 1280, height: 900 } });
  const login = await context.request.post(`${server.url}/api/auth/login`, {
    data: { email: 'officer@e2e.example', password },
    headers: { origin: server.url, 'sec-fetch-site': 'same-origin' },
  });
  expect(login.status()).toBe(200);
});

afterAll(async () => {
  await context?.close();
  await browser?.close();
  await server?.close();
});

async function open(path: string): Promise<Page> {
  const page = await context.newPage();
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`${path}: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`${path}: ${e.message}`));
  page.on('response', (r) => {
    if (r.status() >= 400) problems.push(`${path}: ${r.status()} ${r.url()}`);
  });
  await page.goto(server.url + path);
  await page.getByRole('heading', { level: 1 }).waitFor();
  await expect.poll(() => page.locator('main .loading').count(), { timeout: 15_000 }).toBe(0);
  return page;
}

/** axe on this module's content (the shell's header and footer are checked by their own tests). */
async function seriousAxeViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).include('main').analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

async function writeText(page: Page, paragraphs: string[]) {
  const surface = page.locator('.editor-surface');
  await surface.click();
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Delete');
  for (let i = 0; i < paragraphs.length; i++) {
    if (i > 0) await page.keyboard.press('Enter');
    await page.keyboard.insertText(paragraphs[i]);
  }
  await page.getByRole('button', { name: 'Save as a new revision' }).click();
  await page.getByText(/Saved as revision \d+\./).waitFor();
}

const en = ['The Member States of CICA,', 'Reaffirming their commitment to dialogue and confidence-building,', 'Agree to strengthen cooperation in Asia.'];
const ru = ['Государства — члены СВМДА,', 'подтверждая свою приверженность диалогу и мерам доверия,', 'договариваются укреплять сотрудничество в Азии.'];
const ar = ['إن الدول الأعضاء في مؤتمر التفاعل وتدابير بناء الثقة في آسيا،', 'إذ تؤكد من جديد التزامها بالحوار وبناء الثقة،', 'تتفق على تعزيز التعاون في آسيا.'];

describe('documents in the browser', () => {
  let id = '';
  let symbol = '';

  it('registers a declaration in English with Russian and Arabic versions', async () => {
    const page = await open('/documents/new');
    await page.getByLabel('Title in the original language').fill('Declaration on maritime security dialogue');
    await page.getByLabel('Type').selectOption('declaration');
    await page.getByLabel('Russian').check();
    await page.getByLabel('Arabic').check();
    expect(await seriousAxeViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Register' }).click();
    await page.waitForURL(/\/documents\/[0-9a-f-]{36}$/);
    id = page.url().split('/').pop()!;
    await page.getByRole('heading', { level: 1, name: 'Declaration on maritime security dialogue' }).waitFor();
    symbol = (await page.locator('.doc-page__symbol').textContent()) ?? '';
    expect(symbol).toMatch(/^CICA\/SOC\/2026\/\d+$/);
    const versions = page.getByRole('region', { name: 'Language versions' });
    await expect.poll(() => versions.getByRole('row').count()).toBe(4);
    expect(await seriousAxeViolations(page)).toEqual([]);
  });

  it('writes the three texts in the editor, each in its own direction', async () => {
    for (const [lang, text, dir] of [
      ['en', en, 'ltr'],
      ['ru', ru, 'ltr'],
      ['ar', ar, 'rtl'],
    ] as const) {
      const page = await open(`/documents/${id}/edit/${lang}`);
      const surface = page.locator('.editor-surface');
      expect(await surface.getAttribute('lang')).toBe(lang);
      expect(await surface.getAttribute('dir')).toBe(dir);
      await writeText(page, text);
      if (lang === 'ar') await page.screenshot({ path: `${shots}documents-editor-ar.png`, fullPage: true });
      expect(await seriousAxeViolations(page)).toEqual([]);
      await page.close();
    }
  });

  it('shows English, Russian and Arabic side by side, aligned by paragraph', async () => {
    const page = await open(`/documents/${id}/parallel?languages=en,ru,ar`);
    const rows = page.locator('tbody .doc-parallel__row');
    await expect.poll(() => rows.count()).toBe(3);
    const second = rows.nth(1);
    expect(await second.locator('[lang="en"].doc-parallel__cell').textContent()).toContain('Reaffirming');
    expect(await second.locator('[lang="ru"].doc-parallel__cell').textContent()).toContain('подтверждая');
    const arCell = second.locator('[lang="ar"].doc-parallel__cell');
    expect(await arCell.getAttribute('dir')).toBe('rtl');
    expect(await arCell.textContent()).toContain('تؤكد');
    // The Arabic column reads right to left: its text hugs the column's right edge.
    const align = await arCell.locator('p').first().evaluate((el) => getComputedStyle(el).direction);
    expect(align).toBe('rtl');
    await page.screenshot({ path: `${shots}documents-parallel-en-ru-ar.png`, fullPage: true });
    expect(await seriousAxeViolations(page)).toEqual([]);
  });

  it('lists the document with filters and offers the translation dashboard', async () => {
    const page = await open('/documents?q=maritime');
    await page.getByRole('link', { name: symbol }).waitFor();
    expect(await page.getByRole('status').filter({ hasText: /document/ }).first().textContent()).toContain('1 document');
    await page.screenshot({ path: `${shots}documents-list-en.png`, fullPage: true });
    expect(await seriousAxeViolations(page)).toEqual([]);
    const dash = await open('/documents/translations');
    expect(await dash.getByRole('heading', { level: 2 }).count()).toBeGreaterThanOrEqual(0);
    expect(await seriousAxeViolations(dash)).toEqual([]);
    const doc = await open(`/documents/${id}`);
    await doc.emulateMedia({ media: 'print' });
    expect(await doc.locator('.doc-actions').isVisible()).toBe(false);
    expect(await doc.locator('.doc-text').isVisible()).toBe(true);
    await doc.screenshot({ path: `${shots}documents-print-en.png`, fullPage: true });
  });

  it('logged no errors in the browser console', () => {
    expect(problems).toEqual([]);
  });
});
