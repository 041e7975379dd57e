import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../server/db/database.ts';
import { verifyPassword } from '../server/modules/identity/passwords.ts';

/** `concord user add` and `concord user reset-password`, run as the operator would, on a fresh embedded database. */
let dir: string;
beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'concord-cli-user-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function concord(args: string[], stdin = ''): Promise<{ code: number; stdout: string; stderr: string }> {
  const env: Record<string, string | undefined> = { ...process.env, CONCORD_DATA_DIR: path.join(dir, 'data'), CONCORD_LOG_LEVEL: 'silent', CONCORD_BASE_URL: 'https://concord.example.org' };
  delete env.DATABASE_URL;
  delete env.SMTP_HOST;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['bin/concord.js', ...args], { env, stdio: ['pipe', 'pipe', 'pipe'] });
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
    child.stdin.end(stdin);
  });
}

const ADMIN_PASSWORD = 'Steppe-Wind-Over-Astana-7';

describe('concord user', () => {
  it('adds the first administrator on an empty installation (creating the Secretariat party) with a password from stdin', async () => {
    const r = await concord(['user', 'add', '--email', 'First.Admin@Forum.example', '--name', 'First Admin', '--party', 'sec', '--role', 'admin', '--password-stdin'], `${ADMIN_PASSWORD}\n`);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Created the Secretariat party (SEC)');
    expect(r.stdout).toContain('Created first.admin@forum.example (admin, SEC)');
    expect(r.stdout).not.toContain(ADMIN_PASSWORD);
  }, 240_000);

  it('refuses with exit code 2 and a clear message: weak password, unknown party, bad role, e-mail taken', async () => {
    const weak = await concord(['user', 'add', '--email', 'b@forum.example', '--name', 'B', '--party', 'SEC', '--role', 'officer', '--password-stdin'], 'password123456\n');
    expect(weak.code).toBe(2);
    expect(weak.stderr).toMatch(/password is too common/);
    const party = await concord(['user', 'add', '--email', 'c@forum.example', '--name', 'C', '--party', 'KZ', '--role', 'delegate', '--password-stdin'], `${ADMIN_PASSWORD}\n`);
    expect(party.code).toBe(2);
    expect(party.stderr).toContain('There is no party with the code KZ');
    const role = await concord(['user', 'add', '--email', 'd@forum.example', '--name', 'D', '--party', 'SEC', '--role', 'chair', '--password-stdin'], `${ADMIN_PASSWORD}\n`);
    expect(role.code).toBe(2);
    expect(role.stderr).toContain('unknown role "chair"');
    const taken = await concord(['user', 'add', '--email', 'first.admin@forum.example', '--name', 'E', '--party', 'SEC', '--role', 'officer', '--password-stdin'], 'Another-Good-Passphrase-9\n');
    expect(taken.code).toBe(2);
    expect(taken.stderr).toContain('already has an account');
    const missing = await concord(['user', 'add', '--email', 'f@forum.example', '--name', 'F']);
    expect(missing.code).not.toBe(0);
    expect(missing.stderr).toMatch(/required option/);
  }, 300_000);

  it('invites when no password is given, and prints a one-time reset link when no SMTP server is set', async () => {
    const inv = await concord(['user', 'add', '--email', 'officer@forum.example', '--name', 'Second Officer', '--party', 'SEC', '--role', 'officer']);
    expect(inv.code).toBe(0);
    expect(inv.stdout).toMatch(/https:\/\/concord\.example\.org\/accept-invitation#token=[A-Za-z0-9_-]{43}/);
    const reset = await concord(['user', 'reset-password', '--email', 'FIRST.ADMIN@forum.example']);
    expect(reset.code).toBe(0);
    const link = /https:\/\/concord\.example\.org\/reset-password#token=([A-Za-z0-9_-]{43})/.exec(reset.stdout);
    expect(link).not.toBeNull();
    const unknown = await concord(['user', 'reset-password', '--email', 'nobody@forum.example']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('There is no account with the e-mail address nobody@forum.example');

    // What was stored: an Argon2id hash of the password, the link's hash only, an audit trail.
    const h = await openDatabase({ dataDir: path.join(dir, 'data') });
    try {
      const admin = await h.db.selectFrom('users').selectAll().where('email', '=', 'first.admin@forum.example').executeTakeFirstOrThrow();
      expect(admin.password_hash).toMatch(/^\$argon2id\$/);
      expect(await verifyPassword(admin.password_hash, ADMIN_PASSWORD)).toBe(true);
      const tokenHash = createHash('sha256').update(link![1]).digest('hex');
      const row = await h.db.selectFrom('one_time_tokens').selectAll().where('id', '=', tokenHash).executeTakeFirstOrThrow();
      expect(row).toMatchObject({ kind: 'password-reset', user_id: admin.id, used_at: null });
      const actions = (await h.db.selectFrom('audit_events').select('action').orderBy('seq').execute()).map((a) => a.action);
      expect(actions).toEqual(['registry.party.create', 'identity.user_create', 'identity.invite', 'identity.password_reset_request']);
    } finally {
      await h.close();
    }
  }, 300_000);
});
