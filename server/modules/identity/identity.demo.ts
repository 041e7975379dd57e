import type { DB } from '../../db/database.ts';
import type { Ctx, Role } from '../../shared/context.ts';
import { hashPassword, passwordProblem } from './passwords.ts';
import { createUserWithPasswordHash } from './users.service.ts';

/**
 * Demo people: every role, across several parties (the Secretariat, Kazakhstan, Azerbaijan as the
 * Chair in office, Türkiye, India, China, Japan as an observer state, the OSCE as an observer
 * organisation). One published password: the demo is for trying Concord, never for real data.
 */
export const DEMO_PASSWORD = 'Silk-Road-Dialogue-1992';
export const DEMO_EMAIL_DOMAIN = 'demo.concord.example';

export const demoPeople: ReadonlyArray<{ local: string; name: string; party: string; role: Role; timeZone: string; language: string }> = [
  { local: 'admin', name: 'Secretariat Administrator', party: 'SEC', role: 'admin', timeZone: 'Asia/Almaty', language: 'en' },
  { local: 'officer', name: 'Secretariat Officer', party: 'SEC', role: 'officer', timeZone: 'Asia/Almaty', language: 'en' },
  { local: 'kz.head', name: 'Kazakhstan Head of Delegation', party: 'KZ', role: 'head-of-delegation', timeZone: 'Asia/Almaty', language: 'en' },
  { local: 'kz.focal', name: 'Kazakhstan Focal Point', party: 'KZ', role: 'focal-point', timeZone: 'Asia/Almaty', language: 'en' },
  { local: 'kz.delegate', name: 'Kazakhstan Delegate', party: 'KZ', role: 'delegate', timeZone: 'Asia/Almaty', language: 'en' },
  { local: 'kz.viewer', name: 'Kazakhstan Viewer', party: 'KZ', role: 'viewer', timeZone: 'Asia/Almaty', language: 'en' },
  { local: 'az.head', name: 'Azerbaijan Head of Delegation', party: 'AZ', role: 'head-of-delegation', timeZone: 'Asia/Baku', language: 'en' },
  { local: 'az.focal', name: 'Azerbaijan Focal Point', party: 'AZ', role: 'focal-point', timeZone: 'Asia/Baku', language: 'en' },
  { local: 'tr.focal', name: 'Türkiye Focal Point', party: 'TR', role: 'focal-point', timeZone: 'Europe/Istanbul', language: 'en' },
  { local: 'in.focal', name: 'India Focal Point', party: 'IN', role: 'focal-point', timeZone: 'Asia/Kolkata', language: 'en' },
  { local: 'cn.delegate', name: 'China Delegate', party: 'CN', role: 'delegate', timeZone: 'Asia/Shanghai', language: 'en' },
  { local: 'jp.focal', name: 'Japan Focal Point (observer)', party: 'JP', role: 'focal-point', timeZone: 'Asia/Tokyo', language: 'en' },
  { local: 'jp.viewer', name: 'Japan Viewer (observer)', party: 'JP', role: 'viewer', timeZone: 'Asia/Tokyo', language: 'en' },
  { local: 'osce.focal', name: 'OSCE Focal Point (observer organisation)', party: 'OSCE', role: 'focal-point', timeZone: 'Europe/Vienna', language: 'en' },
];

export const demoEmail = (local: string) => `${local}@${DEMO_EMAIL_DOMAIN}`;

/** Creates the demo people in the demo's transaction (the parties must be loaded). Returns lines to print. */
export async function loadDemoPeople(trx: DB, ctx: Ctx): Promise<string[]> {
  const problem = demoPeople.map((p) => passwordProblem(DEMO_PASSWORD, { email: demoEmail(p.local), name: p.name })).find(Boolean);
  if (problem) throw new Error(`The demo password breaks the password rules (${problem})`);
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  for (const p of demoPeople) {
    await createUserWithPasswordHash(trx, ctx, { email: demoEmail(p.local), name: p.name, partyCode: p.party, role: p.role, language: p.language, timeZone: p.timeZone }, passwordHash);
  }
  const width = Math.max(...demoPeople.map((p) => demoEmail(p.local).length));
  return [
    `Demo sign-in (every account uses the password ${DEMO_PASSWORD}):`,
    ...demoPeople.map((p) => `  ${demoEmail(p.local).padEnd(width)}  ${p.party.padEnd(4)} ${p.role}`),
  ];
}
