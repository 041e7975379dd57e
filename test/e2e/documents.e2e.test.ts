import { mkdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import AxeBuilder from '@axe-core/playwright';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUserWithPassword } from '../../server/modules/identity/users.service.ts';
import { ManualClock } from '../../server/shared/clock.ts';
import { systemActor } from '../../server/shared/context.ts';
import { makePdf } from '../helpers/document-files.ts';
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
let arabic: BrowserContext;
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
  // The same officer reading in Arabic (the interface's language is kept in local storage).
  arabic = await browser.newContext({ locale: 'ar', viewport: { width: 1280, height: 900 } });
  await arabic.addInitScript(() => localStorage.setItem('concord.locale', 'ar'));
  const loginAr = await arabic.request.post(`${server.url}/api/auth/login`, {
    data: { email: 'officer@e2e.example', password },
    headers: { origin: server.url, 'sec-fetch-site': 'same-origin' },
  });
  expect(loginAr.status()).toBe(200);
});

afterAll(async () => {
  await arabic?.close();
  await context?.close();
  await browser?.close();
  await server?.close();
});

async function open(path: string, in_: BrowserContext = context): Promise<Page> {
  const page = await in_.newPage();
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

  it('changes who may read it, schedules a derestriction and derestricts by a decision, with the history shown', async () => {
    const page = await open(`/documents/${id}`);
    const change = page.getByRole('form', { name: 'Change who may read it' });
    await change.getByLabel('Access level').selectOption('restricted');
    await change.getByRole('checkbox', { name: 'Kazakhstan' }).check();
    await change.getByLabel('Date').fill('2026-06-01');
    await change.getByLabel('Open it to').selectOption('public');
    await change.getByLabel('Note for the record (optional)').fill('Sensitive until the summit.');
    await change.getByRole('button', { name: 'Save access' }).click();
    await page.getByRole('status').filter({ hasText: 'Access saved.' }).waitFor();
    const meta = page.locator('.doc-meta');
    await expect.poll(() => meta.textContent()).toMatch(/Restricted \(addressed to KZ\)Becomes Public on (May 31|June 1), 2026/);
    const history = page.getByRole('table', { name: 'History of access' });
    await history.getByRole('row', { name: /Derestriction scheduled/ }).waitFor();
    expect(await history.getByRole('row', { name: /Level set/ }).first().textContent()).toMatch(/Members → Restricted.*KZ.*Sensitive until the summit\./);

    const derestrict = page.getByRole('form', { name: 'Derestrict now by a decision' });
    await derestrict.getByLabel('Open it to').selectOption('members');
    await derestrict.getByLabel('Decision (symbol or reference)').fill('CICA/SOC/2026/DEC.7');
    await derestrict.getByRole('button', { name: 'Derestrict now' }).click();
    await page.getByRole('status').filter({ hasText: 'Derestricted; the decision is on record.' }).waitFor();
    const row = history.getByRole('row', { name: /Derestricted by decision/ });
    await row.waitFor();
    expect(await row.textContent()).toMatch(/Restricted → Members.*CICA\/SOC\/2026\/DEC\.7/);
    await expect.poll(() => meta.textContent()).toContain('Members');
    expect(await seriousAxeViolations(page)).toEqual([]);
    await page.screenshot({ path: `${shots}documents-access-en.png`, fullPage: true });
  });

  it('uploads a PDF of the English version and downloads it; a disguised file is refused with a clear message', async () => {
    const page = await open(`/documents/${id}`);
    const versions = page.getByRole('region', { name: 'Language versions' });
    await versions.getByText(/PDF, DOCX or ODT, up to \d+ MB/).first().waitFor();
    await versions.getByLabel('File of the English version').setInputFiles({ name: 'declaration-en.pdf', mimeType: 'application/pdf', buffer: makePdf('Declaration on maritime security dialogue') });
    await versions.getByRole('button', { name: /^Upload file\s*:\s*English$/ }).click();
    await versions.getByRole('status').filter({ hasText: 'File uploaded.' }).waitFor();
    const link = versions.getByRole('link', { name: 'declaration-en.pdf' });
    const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
    expect(download.suggestedFilename()).toBe('declaration-en.pdf');
    expect(readFileSync(await download.path()).subarray(0, 5).toString('latin1')).toBe('%PDF-');

    // Script-bearing HTML behind a harmless name: refused, said in words next to the field, nothing stored.
    const before = problems.length;
    await versions.getByLabel('File of the Russian version').setInputFiles({ name: 'report.pdf', mimeType: 'application/pdf', buffer: Buffer.from('<html><body><script>alert(1)</script></body></html>') });
    await versions.getByRole('button', { name: /^Upload file\s*:\s*Russian$/ }).click();
    await versions.getByRole('alert').filter({ hasText: 'The file carries scripts, macros or other active content, or is HTML, SVG or XML.' }).waitFor();
    expect(await versions.getByRole('link', { name: 'report.pdf' }).count()).toBe(0);
    // The refusal (422) is what the page asked for; anything else logged meanwhile stays a problem.
    const logged = problems.splice(before);
    expect(logged.filter((p) => !/422/.test(p))).toEqual([]);
    expect(await seriousAxeViolations(page)).toEqual([]);
    await page.screenshot({ path: `${shots}documents-upload-en.png`, fullPage: true });
  });

  it('issues Rev.1 and compares it with the original, paragraph by paragraph, in English and Arabic', async () => {
    const page = await open(`/documents/${id}`);
    await page.getByRole('button', { name: 'Mark as Circulated' }).click();
    await page.locator('.doc-meta').getByText('Circulated').waitFor();
    await page.getByRole('button', { name: 'Issue a revision' }).click();
    await page.waitForURL((u) => !u.pathname.endsWith(id));
    await page.locator('.doc-page__symbol').filter({ hasText: '/Rev.1' }).waitFor();
    const rev = page.url().split('/').pop()!;
    const editor = await open(`/documents/${rev}/edit/en`);
    await writeText(editor, [en[0], 'Reaffirming their lasting commitment to dialogue and confidence-building,', en[2], 'Decide to meet again in 2027.']);
    await editor.close();

    const cmp = await open(`/documents/${rev}/compare?lang=en`);
    await cmp.getByRole('heading', { level: 2, name: 'Differences' }).waitFor();
    expect(await cmp.getByLabel('Earlier').locator('option:checked').textContent()).toMatch(new RegExp(`^${symbol.replace(/[/.]/g, '\\$&')}, revision 1 `));
    expect(await cmp.getByLabel('Later').locator('option:checked').textContent()).toMatch(/\/Rev\.1, revision 2 /);
    expect(await cmp.getByRole('status').filter({ hasText: 'changed' }).textContent()).toBe('1 paragraph changed, 1 added, 0 removed, 2 unchanged.');
    const changed = cmp.locator('.doc-diff__row--changed');
    expect(await changed.locator('ins').textContent()).toContain('lasting');
    expect(await cmp.locator('.doc-diff__row--added td').last().textContent()).toContain('Decide to meet again in 2027.');
    expect(await seriousAxeViolations(cmp)).toEqual([]);
    await cmp.screenshot({ path: `${shots}documents-compare-en.png`, fullPage: true });
    // Two revisions of Rev.1 itself: its first (the original's text) against its second.
    const earlier = cmp.getByLabel('Earlier');
    await earlier.selectOption((await earlier.locator('option', { hasText: /\/Rev\.1, revision 1 / }).getAttribute('value'))!);
    await cmp.getByRole('button', { name: 'Compare', exact: true }).click();
    await cmp.waitForURL(/from=/);
    await cmp.getByRole('status').filter({ hasText: '1 paragraph changed, 1 added' }).waitFor();

    // The Arabic text of Rev.1 (copied from the original) against the original, in the Arabic interface.
    const ar = await open(`/documents/${rev}/compare?lang=ar`, arabic);
    expect(await ar.evaluate(() => document.documentElement.dir)).toBe('rtl');
    await ar.getByRole('heading', { level: 2 }).filter({ hasText: 'الفروق' }).waitFor();
    const cell = ar.locator('.doc-diff__cell[lang="ar"]').first();
    expect(await cell.getAttribute('dir')).toBe('rtl');
    expect(await seriousAxeViolations(ar)).toEqual([]);
    await ar.screenshot({ path: `${shots}documents-compare-ar.png`, fullPage: true });
    const docAr = await open(`/documents/${id}`, arabic);
    await docAr.getByRole('table', { name: 'سجل الاطلاع' }).waitFor();
    expect(await seriousAxeViolations(docAr)).toEqual([]);
    await docAr.screenshot({ path: `${shots}documents-access-ar.png`, fullPage: true });
  });

  it('logged no errors in the browser console', () => {
    expect(problems).toEqual([]);
  });
});
