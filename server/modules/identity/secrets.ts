import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * Random secrets handed to people (session cookies, links, API tokens, recovery codes) and their
 * SHA-256 digests, which are all the database ever holds. The secrets carry 256 bits (recovery
 * codes 60), so an unsalted fast hash is enough: there is nothing to guess.
 */
export function randomToken(bytes = 32): string {
  return randomBytes(bytes).toString('base64url');
}

export function sha256Hex(value: string): string {
  return createHash('sha256').update(value, 'utf8').digest('hex');
}

/** API tokens carry a recognisable prefix so secret scanners and people can tell what they are. */
export const API_TOKEN_PREFIX = 'concord_pat_';

export function newApiToken(): string {
  return API_TOKEN_PREFIX + randomToken(32);
}

export function looksLikeApiToken(value: string): boolean {
  return value.startsWith(API_TOKEN_PREFIX) && /^[A-Za-z0-9_-]{40,60}$/.test(value.slice(API_TOKEN_PREFIX.length));
}

const RECOVERY_ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789'; // no 0/o, 1/l/i

/** A recovery code such as `k7mq2-x9ht4-p3vwa` (15 characters from 31: about 74 bits). */
export function newRecoveryCode(): string {
  const bytes = randomBytes(15);
  const chars = [...bytes].map((b) => RECOVERY_ALPHABET[b % RECOVERY_ALPHABET.length]);
  return `${chars.slice(0, 5).join('')}-${chars.slice(5, 10).join('')}-${chars.slice(10).join('')}`;
}

export function normalizeRecoveryCode(code: string): string {
  return code.toLowerCase().replace(/[^a-z0-9]/g, '');
}

/** Recovery codes are hashed with the user's id so equal codes of two people differ at rest. */
export function recoveryCodeHash(userId: string, code: string): string {
  return sha256Hex(`${userId}:${normalizeRecoveryCode(code)}`);
}

export function safeEqualHex(a: string, b: string): boolean {
  const x = Buffer.from(a, 'hex');
  const y = Buffer.from(b, 'hex');
  return x.length === y.length && timingSafeEqual(x, y);
}
