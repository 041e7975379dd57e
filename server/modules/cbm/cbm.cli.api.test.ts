import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../db/database.ts';

/** `concord cbm report --year Y --out FILE`, run as the operator would, on a fresh embedded database with the demo. */
let dir: string;
beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'concord-cli-cbm-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function concord(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const env: Record<string, string | undefined> = { ...process.env, CONCORD_DATA_DIR: path.join(dir, 'data'), CONCORD_LOG_LEVEL: 'silent' };
  delete env.DATABASE_URL;
  delete env.SMTP_HOST;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['bin/concord.js', ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => {
      stdout += d;
    });
    child.stderr.on('data', (d) => {
      stderr += d;
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}

describe('concord cbm report', () => {
  it('refuses a bad year with exit code 2', async () => {
    const r = await concord(['cbm', 'report', '--year', 'last']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--year must be a year');
  }, 120_000);

  it('writes the yearly overview as a report document in numbered paragraphs, and an HTML file with its SVG charts', async () => {
    const demo = await concord(['demo']);
    expect(demo.code, demo.stderr).toBe(0);
    expect(demo.stdout).toContain('CBM demo: India coordinates NCT.1');
    const year = new Date().getUTCFullYear() - 1;
    const out = path.join(dir, 'overview.html');
    const r = await concord(['cbm', 'report', '--year', String(year), '--out', out]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const symbol = /Created document (\S+) \(report\)/.exec(r.stdout)?.[1];
    expect(symbol).toMatch(/^CICA\/SOC\/\d{4}\/L\.\d+$/);
    expect(r.stdout).toContain(`Wrote the overview with 3 charts to ${out}`);

    const html = readFileSync(out, 'utf8');
    expect(html.match(/<svg /g)?.length).toBe(3);
    expect(html).not.toMatch(/<script|https?:\/\/(?!www\.w3\.org)/);
    expect(html).toContain(`CBM events ${year} by dimension`);
    expect(html).toContain('Workshop on countering the financing of terrorism (demo)');

    const h = await openDatabase({ dataDir: path.join(dir, 'data') });
    try {
      const doc = await h.db.selectFrom('documents').selectAll().where('symbol', '=', symbol!).executeTakeFirstOrThrow();
      expect(doc.type).toBe('report');
      expect(doc.access_level).toBe('members');
      const paragraphs = await h.db
        .selectFrom('document_paragraphs as p')
        .innerJoin('document_text_revisions as r', 'r.id', 'p.revision_id')
        .innerJoin('document_languages as l', 'l.id', 'r.language_id')
        .select(['p.n', 'p.plain'])
        .where('l.document_id', '=', doc.id)
        .orderBy('p.n')
        .execute();
      expect(paragraphs.length).toBeGreaterThan(5);
      for (const [i, p] of paragraphs.entries()) expect(p.plain.startsWith(`${i + 1}. `), p.plain).toBe(true);
      expect(paragraphs.map((p) => p.plain).join('\n')).toMatch(/3 held/);
      const audit = await h.db.selectFrom('audit_events').select('action').where('object_id', '=', doc.id).execute();
      expect(audit.map((a) => a.action).sort()).toEqual(['cbm.report.overview', 'documents.create']);
    } finally {
      await h.close();
    }
  }, 300_000);
});
