import { sql } from 'kysely';
import { newTotpSecret, totpAt } from '../../server/modules/identity/totp.ts';
import { signIn } from '../helpers/auth.ts';
import type { MatrixEntry, MatrixWorld, Persona } from './types.ts';

const everyone = ['anonymous', 'otherDelegate', 'observer', 'ownViewer', 'officer'] as const;
const signedIn = ['otherDelegate', 'observer', 'ownViewer', 'officer'] as const;
const DAY = 86_400_000;

/** The Senior Officials Committee (the matrix world loads no bodies). */
async function ensureSoc(w: MatrixWorld) {
  await sql`INSERT INTO bodies (code, kind, names, membership)
            VALUES ('SOC', 'decision-making', '{"en":"Senior Officials Committee","ru":"Комитет старших должностных лиц"}'::jsonb, 'all-members')
            ON CONFLICT (code) DO NOTHING`.execute(w.t.db);
}

async function memberIds(w: MatrixWorld): Promise<string[]> {
  return (await w.t.db.selectFrom('parties').select('id').where('kind', '=', 'member-state').execute()).map((r) => r.id);
}

type Stage = 'draft-in-session' | 'open-silence' | 'open-in-session' | 'adopted-public';

/** A decision at a given stage, made directly in the database for one request. */
async function decision(w: MatrixWorld, stage: Stage): Promise<string> {
  await ensureSoc(w);
  const now = w.t.clock.now();
  const launched = stage !== 'draft-in-session';
  const silence = stage === 'open-silence' || stage === 'adopted-public';
  const launchedAt = stage === 'adopted-public' ? new Date(now.getTime() - 20 * DAY) : now;
  const expiresAt = stage === 'adopted-public' ? new Date(now.getTime() - 6 * DAY) : new Date(now.getTime() + 14 * DAY);
  const row = await w.t.db
    .insertInto('decisions')
    .values({
      body_code: 'SOC',
      title: JSON.stringify({ en: `Matrix decision (${stage})` }),
      proposer_kind: 'chair',
      proposer_party_id: w.parties.chair.id,
      procedure: silence ? 'silence' : 'in-session',
      definition: 'no-objection',
      outcome_access: 'public',
      created_at: launchedAt,
      launched_at: launched ? launchedAt : null,
      member_party_ids: launched ? await memberIds(w) : [],
      expires_at: silence ? expiresAt : null,
      expiry_zone: silence ? 'Asia/Almaty' : null,
      expiry_local_date: silence ? expiresAt.toISOString().slice(0, 10) : null,
      expiry_local_time: silence ? '18:00' : null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** A focal point of the own party (KZ) signed in with a TOTP code: positions need a second factor. */
/** The own state's focal point, with two-factor on: a session and the step-up code a position needs. */
async function ownFocalPointWithMfa(w: MatrixWorld): Promise<{ cookie: string; code: string }> {
  const user = await w.makeUser('own', 'focal-point');
  const secret = newTotpSecret();
  await w.t.db.updateTable('users').set({ totp_secret: secret, totp_enabled: true }).where('id', '=', user.id).execute();
  const cookie = await signIn(w.t, user.email, user.password, { totp: totpAt(secret, w.t.clock.now()) });
  return { cookie, code: totpAt(secret, w.t.clock.now()) };
}

const extendTo = (w: MatrixWorld) => {
  const d = new Date(w.t.clock.now().getTime() + 30 * DAY).toISOString().slice(0, 10);
  return { expiry: { date: d, time: '18:00', zone: 'Asia/Almaty' } };
};

/**
 * Decisions. Only the Chair (its focal point or head) or a Secretariat officer acts as the Chair;
 * only a member state's head or focal point, with a second factor, records that state's position;
 * observers comment; everyone reads a public outcome.
 */
export const decisionsMatrix: MatrixEntry[] = [
  {
    method: 'POST',
    route: '/api/decisions',
    allow: ['officer'],
    positive: 'officer',
    status: 201,
    async request(w) {
      await ensureSoc(w);
      return { path: '/api/decisions', body: { bodyCode: 'SOC', title: { en: 'Matrix draft' }, procedure: 'in-session', proposerKind: 'secretariat' } };
    },
    note: 'Another state’s delegate, a viewer and an observer may not propose; a member state’s head or focal point may propose for its own state.',
  },
  {
    method: 'GET',
    route: '/api/decisions/silence-default',
    allow: ['officer'],
    positive: 'ownHead',
    request: () => ({ path: '/api/decisions/silence-default' }),
    note: 'The default silence deadline for the form that prepares a decision: whoever may propose one (the Secretariat’s staff, a member state’s head or focal point).',
  },
  {
    method: 'GET',
    route: '/api/decisions',
    allow: everyone,
    positive: 'ownHead',
    request: () => ({ path: '/api/decisions' }),
    note: 'Public: each caller sees only the decisions the policy shows them.',
  },
  {
    method: 'GET',
    route: '/api/decisions/:id',
    allow: everyone,
    positive: 'anonymous',
    request: async (w) => ({ path: `/api/decisions/${await decision(w, 'adopted-public')}` }),
    note: 'An adopted decision with a public outcome; drafts and decisions under way are hidden (404) from those who may not see them.',
  },
  {
    method: 'GET',
    route: '/api/decisions/:id/positions',
    allow: everyone,
    positive: 'ownHead',
    request: async (w) => ({ path: `/api/decisions/${await decision(w, 'adopted-public')}/positions` }),
    note: 'Members and the Secretariat see who said what; others the outcome only.',
  },
  {
    method: 'POST',
    route: '/api/decisions/:id/launch',
    allow: ['officer'],
    positive: 'chairFocalPoint',
    request: async (w) => ({ path: `/api/decisions/${await decision(w, 'draft-in-session')}/launch`, body: {} }),
    note: 'The Chair, or a Secretariat officer on its behalf (recorded as such).',
  },
  {
    method: 'POST',
    route: '/api/decisions/:id/extend',
    allow: ['officer'],
    positive: 'chairFocalPoint',
    request: async (w) => ({ path: `/api/decisions/${await decision(w, 'open-silence')}/extend`, body: extendTo(w) }),
  },
  {
    method: 'POST',
    route: '/api/decisions/:id/withdraw',
    allow: ['officer'],
    positive: 'chairFocalPoint',
    request: async (w) => ({ path: `/api/decisions/${await decision(w, 'open-silence')}/withdraw`, body: { reason: 'Matrix' } }),
  },
  {
    method: 'POST',
    route: '/api/decisions/:id/finding',
    allow: ['officer'],
    positive: 'chairFocalPoint',
    request: async (w) => ({ path: `/api/decisions/${await decision(w, 'open-in-session')}/finding`, body: { outcome: 'no-objection' } }),
  },
  {
    method: 'POST',
    route: '/api/decisions/:id/positions',
    allow: [],
    positive: 'ownFocalPoint',
    async request(w, as: Persona) {
      const path = `/api/decisions/${await decision(w, 'open-silence')}/positions`;
      if (as === 'ownFocalPoint') {
        const own = await ownFocalPointWithMfa(w);
        return { path, body: { kind: 'joins' }, cookie: own.cookie, headers: { 'x-totp-code': own.code } };
      }
      return { path, body: { kind: 'objection', text: 'Matrix objection.' } };
    },
    note: 'Only the own state’s head or focal point, confirming with a fresh TOTP code (X-TOTP-Code); the Secretariat records no position.',
  },
  {
    method: 'POST',
    route: '/api/decisions/:id/comments',
    allow: ['observer'],
    positive: 'observer',
    status: 201,
    request: async (w) => ({ path: `/api/decisions/${await decision(w, 'open-silence')}/comments`, body: { text: 'An observer’s view.' } }),
    note: 'Observers comment (the CICA profile allows it); members take positions instead.',
  },
  {
    method: 'GET',
    route: '/api/decisions/:id/comments',
    allow: signedIn,
    positive: 'ownHead',
    request: async (w) => ({ path: `/api/decisions/${await decision(w, 'open-silence')}/comments` }),
  },
];
