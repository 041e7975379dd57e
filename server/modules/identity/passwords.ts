import { readFileSync } from 'node:fs';
import { hash, type Options, verify } from '@node-rs/argon2';

/**
 * Passwords: Argon2id (OWASP's minimum profile: 19 MiB, 2 passes, 1 lane), at least 12
 * characters, not common or breached (bundled list), not built from the person's own name or
 * e-mail. ASVS V2.1 / V2.4.
 */
export const MIN_PASSWORD_LENGTH = 12;
export const MAX_PASSWORD_LENGTH = 256;

// Algorithm.Argon2id is a const enum in the typings; its value is 2.
const argon2Options: Options = { algorithm: 2 as Options['algorithm'], memoryCost: 19_456, timeCost: 2, parallelism: 1 };

export function hashPassword(password: string): Promise<string> {
  return hash(password, argon2Options);
}

let dummyHash: Promise<string> | undefined;

/**
 * Verifies a password. With no stored hash (unknown e-mail, invitation not accepted) it verifies
 * against a dummy hash of the same cost, so the answer takes as long as for a real account.
 */
export async function verifyPassword(stored: string | null | undefined, password: string): Promise<boolean> {
  if (!stored) {
    dummyHash ??= hashPassword('concord timing equaliser, never a real password');
    await verify(await dummyHash, password).catch(() => false);
    return false;
  }
  try {
    return await verify(stored, password);
  } catch {
    return false;
  }
}

let common: Set<string> | undefined;
function commonPasswords(): Set<string> {
  if (!common) {
    const text = readFileSync(new URL('./data/common-passwords.txt', import.meta.url), 'utf8');
    common = new Set(
      text
        .split('\n')
        .map((l) => l.trim())
        .filter((l) => l && !l.startsWith('#')),
    );
  }
  return common;
}

export interface PasswordOwner {
  email?: string | null;
  name?: string | null;
}

export type PasswordProblem = 'too_short' | 'too_long' | 'common' | 'too_simple' | 'personal';

export const passwordProblemMessages: Record<PasswordProblem, string> = {
  too_short: `must be at least ${MIN_PASSWORD_LENGTH} characters long`,
  too_long: `must be at most ${MAX_PASSWORD_LENGTH} characters long`,
  common: 'is too common: it appears in lists of passwords that attackers try first',
  too_simple: 'is too simple: use more different characters, or a few unrelated words',
  personal: 'must not contain your name or e-mail address',
};

/** Reduces a password to its core: lower-case, without the digits and symbols people pad with. */
function core(pw: string): string {
  return pw.replace(/^[^\p{L}]+|[^\p{L}]+$/gu, '');
}

/** Null when the password is acceptable, else why not. Pure apart from the bundled list. */
export function passwordProblem(password: string, owner: PasswordOwner = {}): PasswordProblem | null {
  const chars = [...password];
  if (chars.length < MIN_PASSWORD_LENGTH) return 'too_short';
  if (chars.length > MAX_PASSWORD_LENGTH) return 'too_long';
  const lower = password.toLowerCase();
  const list = commonPasswords();
  if (list.has(lower)) return 'common';
  const c = core(lower);
  // 'Qwertyuiop123!' reduces to 'qwertyuiop', a listed password: refused.
  if (c.length > 0 && list.has(c)) return 'common';
  if (new Set(chars).size < 5) return 'too_simple';
  const parts: string[] = [];
  if (owner.email) {
    const local = owner.email.toLowerCase().split('@')[0];
    parts.push(local, ...local.split(/[^\p{L}\p{N}]+/u));
  }
  if (owner.name) parts.push(...owner.name.toLowerCase().split(/[^\p{L}\p{N}]+/u));
  if (parts.some((p) => p.length >= 4 && lower.includes(p))) return 'personal';
  return null;
}
