import { randomBytes } from 'node:crypto';
import { cicaProfile } from '../../server/modules/registry/cica.data.ts';
import * as repo from '../../server/modules/registry/registry.repository.ts';
import type { MatrixEntry, MatrixWorld } from './types.ts';

const everyone = ['anonymous', 'otherDelegate', 'observer', 'ownViewer', 'officer'] as const;

/** A code no other request uses: parties and bodies made per request. */
const freshCode = (prefix: string) =>
  `${prefix}${randomBytes(4)
    .toString('hex')
    .toUpperCase()
    .replace(/[^A-Z0-9]/g, '')}`;

/** An observer state with an open observer period, made for one request. */
async function freshObserver(w: MatrixWorld) {
  const now = w.t.clock.now();
  const party = await repo.insertParty(w.t.db, {
    code: freshCode('ZQ'),
    kind: 'observer-state',
    names: { en: 'Matrix observer' },
    shortNames: { en: 'Matrix observer' },
    isoAlpha3: null,
    contact: null,
    flag: null,
    notes: [],
    agreements: [],
    now,
  });
  const period = await repo.insertPeriod(w.t.db, {
    partyId: party.id,
    status: 'observer',
    from: '2020',
    knownBy: null,
    to: null,
    uncertain: null,
    decisionRef: null,
    seq: 1,
    now,
  });
  return { party, period };
}

/** The Senior Officials Committee, made once (the matrix world loads no bodies). */
async function soc(w: MatrixWorld) {
  const existing = await repo.findBodyByCode(w.t.db, 'SOC');
  if (existing) return existing;
  return repo.insertBody(
    w.t.db,
    'SOC',
    {
      kind: 'decision-making',
      names: { en: 'Senior Officials Committee', ru: 'Комитет старших должностных лиц' },
      historicNames: [],
      reportsToId: null,
      frequency: { en: 'At least once a year' },
      meetingsPerYear: 1,
      everyYears: null,
      membership: 'all-members',
      established: null,
      dissolved: null,
      uncertain: null,
    },
    1,
    w.t.clock.now(),
  );
}

/** A bid of the own party (KZ), submitted, made for one request. */
async function ownBid(w: MatrixWorld) {
  const now = w.t.clock.now();
  return repo.insertChairBid(w.t.db, {
    partyId: w.parties.own.id,
    termStart: '2030',
    termEnd: '2032',
    submittedAt: now,
    letter: 'Kazakhstan submits its candidature.',
    documentRef: null,
    recordedByUserId: null,
    recordedByPartyId: w.parties.own.id,
    now,
  });
}

/** Chair terms far in the future, one year each, so every request's term is valid on its own. */
let nextTermYear = 2100;

/**
 * The registry: reads are public (delegation contacts are filtered, not refused); every correction is
 * for Secretariat admins only; chairmanship bids are read by member states and the Secretariat,
 * submitted by the bidding state's focal point or head (or recorded by an admin), decided by admins.
 */
export const registryMatrix: MatrixEntry[] = [
  { method: 'GET', route: '/api/parties', allow: everyone, positive: 'anonymous', status: 200, request: () => ({ path: '/api/parties?kind=member-state' }) },
  { method: 'GET', route: '/api/parties/:code', allow: everyone, positive: 'anonymous', status: 200, request: () => ({ path: '/api/parties/KZ' }) },
  {
    method: 'POST',
    route: '/api/parties',
    allow: [],
    positive: 'admin',
    status: 201,
    request: () => ({ path: '/api/parties', body: { code: freshCode('ORG'), kind: 'observer-organization', names: { en: 'Matrix Organisation' } } }),
  },
  {
    method: 'PATCH',
    route: '/api/parties/:code',
    allow: [],
    positive: 'admin',
    status: 200,
    note: "The own party's viewer may not edit its own party either.",
    request: () => ({ path: '/api/parties/KZ', body: { notes: ['Checked by the authorization matrix.'] } }),
  },
  {
    method: 'POST',
    route: '/api/parties/:code/status',
    allow: [],
    positive: 'admin',
    status: 200,
    async request(w) {
      const { party } = await freshObserver(w);
      return { path: `/api/parties/${party.code}/status`, body: { status: 'member', from: '2026', decisionRef: 'MATRIX/1' } };
    },
  },
  {
    method: 'PATCH',
    route: '/api/parties/:code/status/:id',
    allow: [],
    positive: 'admin',
    status: 200,
    async request(w) {
      const { party, period } = await freshObserver(w);
      return { path: `/api/parties/${party.code}/status/${period.id}`, body: { decisionRef: 'MATRIX/2' } };
    },
  },
  { method: 'GET', route: '/api/bodies', allow: everyone, positive: 'anonymous', status: 200, request: () => ({ path: '/api/bodies' }) },
  {
    method: 'GET',
    route: '/api/bodies/:code',
    allow: everyone,
    positive: 'anonymous',
    status: 200,
    async request(w) {
      await soc(w);
      return { path: '/api/bodies/SOC' };
    },
  },
  {
    method: 'POST',
    route: '/api/bodies',
    allow: [],
    positive: 'admin',
    status: 201,
    request: () => ({ path: '/api/bodies', body: { code: freshCode('WG'), kind: 'subsidiary', names: { en: 'Matrix Working Group' }, membership: 'all-members' } }),
  },
  {
    method: 'PATCH',
    route: '/api/bodies/:code',
    allow: [],
    positive: 'admin',
    status: 200,
    async request(w) {
      await soc(w);
      return { path: '/api/bodies/SOC', body: { meetingsPerYear: 2 } };
    },
  },
  { method: 'GET', route: '/api/chairmanships', allow: everyone, positive: 'anonymous', status: 200, request: () => ({ path: '/api/chairmanships' }) },
  {
    method: 'POST',
    route: '/api/chairmanships',
    allow: [],
    positive: 'admin',
    status: 201,
    request: () => {
      const year = String(nextTermYear++);
      return { path: '/api/chairmanships', body: { party: 'KZ', start: year, end: year, howDecided: 'Authorization matrix' } };
    },
  },
  {
    method: 'PATCH',
    route: '/api/chairmanships/:id',
    allow: [],
    positive: 'admin',
    status: 200,
    async request(w) {
      const term = await w.t.db.selectFrom('chair_terms').select('id').where('party_id', '=', w.parties.chair.id).executeTakeFirstOrThrow();
      return { path: `/api/chairmanships/${term.id}`, body: { decisionRef: 'MATRIX/3' } };
    },
  },
  {
    method: 'GET',
    route: '/api/chairmanship-bids',
    allow: ['otherDelegate', 'ownViewer', 'officer'],
    positive: 'ownViewer',
    status: 200,
    note: 'Member states and the Secretariat; observers are refused.',
    request: () => ({ path: '/api/chairmanship-bids' }),
  },
  {
    method: 'POST',
    route: '/api/chairmanship-bids',
    allow: [],
    positive: 'ownFocalPoint',
    status: 201,
    note: "Only the bidding state's focal point or head (or a Secretariat admin for it); its viewer is refused.",
    request: () => ({ path: '/api/chairmanship-bids', body: { party: 'KZ', termStart: '2030', termEnd: '2032', letter: 'Kazakhstan submits its candidature.' } }),
  },
  {
    method: 'PATCH',
    route: '/api/chairmanship-bids/:id',
    allow: [],
    positive: 'admin',
    status: 200,
    note: 'Moving a bid on is for the Secretariat; an observer cannot even see it (404).',
    async request(w) {
      const id = await ownBid(w);
      return { path: `/api/chairmanship-bids/${id}`, body: { status: 'recommended', decisionRef: 'MATRIX/4' } };
    },
  },
  { method: 'GET', route: '/api/secretariat/heads', allow: everyone, positive: 'anonymous', status: 200, request: () => ({ path: '/api/secretariat/heads' }) },
  { method: 'GET', route: '/api/registry/abilities', allow: everyone, positive: 'anonymous', status: 200, request: () => ({ path: '/api/registry/abilities' }) },
  {
    method: 'PUT',
    route: '/api/profile',
    allow: [],
    positive: 'admin',
    status: 200,
    request: () => ({ path: '/api/profile', body: cicaProfile }),
  },
];
