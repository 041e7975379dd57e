import { describe, expect, it } from 'vitest';
import { hashPassword, passwordProblem, verifyPassword } from './passwords.ts';
import { looksLikeApiToken, newApiToken, newRecoveryCode, normalizeRecoveryCode, recoveryCodeHash } from './secrets.ts';
import { totpAt, totpStepOf } from './totp.ts';

describe('password rules', () => {
  it('accepts a long passphrase', () => {
    expect(passwordProblem('correct horse battery staple')).toBeNull();
    expect(passwordProblem('Тёплый-ветер-над-Астаной')).toBeNull();
  });
  it('refuses fewer than 12 characters (counted as characters, not bytes)', () => {
    expect(passwordProblem('Tr0ub4dor&3')).toBe('too_short');
    expect(passwordProblem('亚信会议亚信会议亚信会议')).not.toBe('too_short');
  });
  it('refuses common and breached passwords, also padded with digits and symbols', () => {
    for (const p of ['password123456', 'qwertyuiop123', '1q2w3e4r5t6y', 'Password2024!', 'iloveyou12345', 'P@ssw0rd1234', '123456789012', 'aaaaaaaaaaaa']) {
      expect(passwordProblem(p), p).toMatch(/common|too_simple/);
    }
    expect(passwordProblem('!!Qwertyuiop!!')).toBe('common');
  });
  it('refuses passwords of too few different characters', () => {
    expect(passwordProblem('abababababababab')).toBe('too_simple');
  });
  it("refuses a password built from the person's e-mail or name", () => {
    expect(passwordProblem('aigerim.sadykova-2026', { email: 'aigerim.sadykova@mfa.kz' })).toBe('personal');
    expect(passwordProblem('my-name-is-Sadykova!', { name: 'Aigerim Sadykova' })).toBe('personal');
    expect(passwordProblem('Silk-Road-Dialogue-1992', { email: 'kz.focal@demo.concord.example', name: 'Kazakhstan Focal Point' })).toBeNull();
  });
});

describe('password hashing', () => {
  it('uses Argon2id and verifies', async () => {
    const h = await hashPassword('correct horse battery staple');
    expect(h).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(await verifyPassword(h, 'correct horse battery staple')).toBe(true);
    expect(await verifyPassword(h, 'correct horse battery stapler')).toBe(false);
  });
  it('says no, after the same work, when there is no hash', async () => {
    expect(await verifyPassword(null, 'anything at all here')).toBe(false);
  });
});

describe('secrets', () => {
  it('makes recognisable API tokens', () => {
    const t = newApiToken();
    expect(looksLikeApiToken(t)).toBe(true);
    expect(t).toMatch(/^concord_pat_[A-Za-z0-9_-]{43}$/);
  });
  it('makes recovery codes that survive retyping', () => {
    const c = newRecoveryCode();
    expect(c).toMatch(/^[a-z2-9]{5}-[a-z2-9]{5}-[a-z2-9]{5}$/);
    expect(recoveryCodeHash('u1', c.toUpperCase().replace(/-/g, ' '))).toBe(recoveryCodeHash('u1', c));
    expect(recoveryCodeHash('u2', c)).not.toBe(recoveryCodeHash('u1', c));
    expect(normalizeRecoveryCode(' AbCd-e ')).toBe('abcde');
  });
});

describe('TOTP', () => {
  const secret = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
  const now = new Date('2026-01-15T09:00:10Z');
  it('accepts the current code and one step of drift either way, and names its step', () => {
    const step = Math.floor(now.getTime() / 30_000);
    expect(totpStepOf(secret, totpAt(secret, now), now)).toBe(step);
    expect(totpStepOf(secret, totpAt(secret, new Date(now.getTime() - 30_000)), now)).toBe(step - 1);
    expect(totpStepOf(secret, totpAt(secret, new Date(now.getTime() + 30_000)), now)).toBe(step + 1);
    expect(totpStepOf(secret, totpAt(secret, new Date(now.getTime() + 90_000)), now)).toBeNull();
  });
  it('refuses what is not six digits', () => {
    expect(totpStepOf(secret, 'abcdef', now)).toBeNull();
    expect(totpStepOf(secret, '12345', now)).toBeNull();
  });
});
