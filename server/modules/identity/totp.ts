import { authenticator } from 'otplib';
import QRCode from 'qrcode';

/**
 * TOTP (RFC 6238): 6 digits, 30-second steps, one step of clock drift either way. The time comes
 * from the injected clock; a step once accepted is never accepted again (replay).
 */
const STEP_SECONDS = 30;

export function newTotpSecret(): string {
  return authenticator.generateSecret(20);
}

export function totpAt(secret: string, now: Date): string {
  return authenticator.clone({ epoch: now.getTime(), step: STEP_SECONDS }).generate(secret);
}

/** The time step the code belongs to, or null when it is not valid now (±1 step). */
export function totpStepOf(secret: string, code: string, now: Date): number | null {
  const clean = code.replace(/\s+/g, '');
  if (!/^\d{6}$/.test(clean)) return null;
  const delta = authenticator.clone({ epoch: now.getTime(), step: STEP_SECONDS, window: 1 }).checkDelta(clean, secret);
  if (delta === null) return null;
  return Math.floor(now.getTime() / 1000 / STEP_SECONDS) + delta;
}

export function totpUri(secret: string, account: string, issuer: string): string {
  return authenticator.keyuri(account, issuer, secret);
}

/** The enrolment QR code as an SVG data: URL (the CSP allows data: images). */
export async function qrCodeDataUrl(text: string): Promise<string> {
  const svg = await QRCode.toString(text, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
  return `data:image/svg+xml;base64,${Buffer.from(svg, 'utf8').toString('base64')}`;
}
