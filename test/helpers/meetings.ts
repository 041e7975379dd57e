import type { TestApp } from './app.ts';
import { asRole, ensureParty, signIn, type TestUser } from './auth.ts';
import { seedDocumentBasics } from './documents.ts';

/**
 * Meetings fixtures: the profile and bodies, parties (KZ, CN, TR, IN and AZ as members, JP and OSCE
 * as observers, the Secretariat), and one signed-in person per role the tests need.
 */
export interface MeetingsWorld {
  officer: { cookie: string; user: TestUser };
  kzFocal: { cookie: string; user: TestUser };
  kzDelegate: { cookie: string; user: TestUser };
  kzViewer: { cookie: string; user: TestUser };
  azFocal: { cookie: string; user: TestUser };
  cnDelegate: { cookie: string; user: TestUser };
  trFocal: { cookie: string; user: TestUser };
  jpFocal: { cookie: string; user: TestUser };
  /** Signs everyone in again (after the test clock jumped past the session timeouts). */
  renew(): Promise<void>;
}

export async function meetingsWorld(t: TestApp): Promise<MeetingsWorld> {
  await seedDocumentBasics(t);
  for (const code of ['KZ', 'CN', 'TR', 'IN', 'AZ', 'JP', 'OSCE', 'SEC']) await ensureParty(t, code);
  const w: MeetingsWorld = {
    renew: async () => {
      for (const [key, v] of Object.entries(w)) {
        if (typeof v === 'object' && v && 'cookie' in v) (w as unknown as Record<string, { cookie: string; user: TestUser }>)[key] = { user: v.user, cookie: await signIn(t, v.user.email, v.user.password) };
      }
    },
    officer: await asRole(t, 'SEC', 'officer'),
    kzFocal: await asRole(t, 'KZ', 'focal-point', { language: 'ru', timeZone: 'Asia/Almaty' }),
    kzDelegate: await asRole(t, 'KZ', 'delegate'),
    kzViewer: await asRole(t, 'KZ', 'viewer'),
    azFocal: await asRole(t, 'AZ', 'focal-point'),
    cnDelegate: await asRole(t, 'CN', 'delegate'),
    trFocal: await asRole(t, 'TR', 'focal-point'),
    jpFocal: await asRole(t, 'JP', 'focal-point'),
  };
  return w;
}

/** A valid meeting: the 7th SOC meeting in Astana, hybrid, presided by Azerbaijan. */
export function socMeeting(extra: Record<string, unknown> = {}) {
  return {
    body: 'SOC',
    ordinal: 7,
    title: { en: 'Senior Officials Committee, Astana', ru: 'Комитет старших должностных лиц, Астана' },
    startsAt: '2026-03-10T10:00:00+05:00',
    endsAt: '2026-03-11T18:00:00+05:00',
    timeZone: 'Asia/Almaty',
    venue: { city: 'Astana', country: 'KZ' },
    onlineUrl: 'https://meet.example.org/soc-7',
    format: 'hybrid',
    presidingParty: 'AZ',
    papersAccess: 'members',
    members: ['KZ', 'CN', 'TR', 'IN', 'AZ'],
    observers: ['JP'],
    ...extra,
  };
}
