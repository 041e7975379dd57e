import { createSubmission, ensureFormTemplates } from '../../server/modules/exchange/exchange.service.ts';
import { cicaExchangeTemplates, pointsOfContact } from '../../server/modules/exchange/exchange.templates.ts';
import type { Actor, Ctx } from '../../server/shared/context.ts';
import { systemCtx, type TestUser } from '../helpers/auth.ts';
import { exerciseData } from '../helpers/exchange.ts';
import type { MatrixEntry, MatrixWorld } from './types.ts';

const everyone = ['anonymous', 'otherDelegate', 'observer', 'ownViewer', 'officer'] as const;
let n = 0;

/** The four CICA forms, loaded once per world (idempotent). Returns form ids by code. */
async function forms(w: MatrixWorld): Promise<Record<string, string>> {
  await w.t.db.transaction().execute((trx) => ensureFormTemplates(trx, systemCtx(w.t), cicaExchangeTemplates));
  const rows = await w.t.db.selectFrom('exchange_forms').select(['id', 'code']).where('version', '=', 1).execute();
  return Object.fromEntries(rows.map((r) => [r.code, r.id]));
}

function actorOf(u: TestUser): Actor {
  return { kind: 'user', userId: u.id, partyId: u.partyId, partyCode: u.partyCode, partyKind: u.partyKind, role: u.role, mfa: false, sessionId: null, tokenScopes: null };
}

/**
 * A Kazakh notice shown only to the Chair (Azerbaijan) and delivered to it: China's delegate and the
 * observer may not see it (404), KZ's own viewer and the Secretariat may.
 */
async function kzNotice(w: MatrixWorld, opts: { submit: boolean } = { submit: true }): Promise<string> {
  await forms(w);
  const ctx: Ctx = { ...systemCtx(w.t), actor: actorOf(w.users.ownFocalPoint) };
  const s = await createSubmission(w.t.db, ctx, {
    form: 'exercise-notice',
    kind: 'data',
    visibility: 'parties',
    recipients: ['AZ'],
    data: exerciseData(`Matrix exercise ${++n}`, '2026-09-01', '2026-09-05'),
    submit: opts.submit,
  });
  return s.id;
}

/**
 * Information exchange: forms and the archive are readable by anyone (the archive filtered per caller);
 * only a member state's own focal point or head files, corrects and derestricts; only a recipient's
 * focal point acknowledges; drafts are seen by their party alone; the Secretariat adds forms.
 */
export const exchangeMatrix: MatrixEntry[] = [
  { method: 'GET', route: '/api/exchange/forms', allow: everyone, positive: 'anonymous', status: 200, request: () => ({ path: '/api/exchange/forms' }) },
  {
    method: 'GET',
    route: '/api/exchange/forms/:id',
    allow: everyone,
    positive: 'anonymous',
    status: 200,
    async request(w) {
      return { path: `/api/exchange/forms/${(await forms(w))['exercise-notice']}` };
    },
  },
  {
    method: 'POST',
    route: '/api/exchange/forms',
    allow: [],
    positive: 'admin',
    status: 201,
    note: 'Secretariat admins only.',
    request() {
      const { version: _v, ...tpl } = pointsOfContact;
      return { path: '/api/exchange/forms', body: { ...tpl, code: `matrix-form-${++n}` } };
    },
  },
  {
    method: 'POST',
    route: '/api/exchange/forms/:id/validate',
    allow: everyone,
    positive: 'anonymous',
    status: 200,
    async request(w) {
      return { path: `/api/exchange/forms/${(await forms(w))['exercise-notice']}/validate`, body: { data: exerciseData('Check', '2026-09-01') } };
    },
  },
  {
    method: 'POST',
    route: '/api/exchange/submissions',
    allow: [],
    positive: 'ownFocalPoint',
    status: 201,
    note: "Each probe files for its own party: a delegate, an observer, a viewer and the Secretariat may not.",
    async request(w) {
      await forms(w);
      return { path: '/api/exchange/submissions', body: { form: 'exercise-notice', visibility: 'parties', recipients: ['AZ'], data: exerciseData(`Filed ${++n}`, '2026-10-01'), submit: true } };
    },
  },
  { method: 'GET', route: '/api/exchange/submissions', allow: everyone, positive: 'anonymous', status: 200, request: () => ({ path: '/api/exchange/submissions' }) },
  {
    method: 'GET',
    route: '/api/exchange/submissions/:id',
    allow: ['ownViewer', 'officer'],
    positive: 'chairFocalPoint',
    status: 200,
    note: 'Named to AZ: invisible (404) to China and the observer, 401 to the anonymous.',
    async request(w) {
      return { path: `/api/exchange/submissions/${await kzNotice(w)}` };
    },
  },
  {
    method: 'PATCH',
    route: '/api/exchange/submissions/:id',
    allow: [],
    positive: 'ownFocalPoint',
    status: 200,
    async request(w) {
      return { path: `/api/exchange/submissions/${await kzNotice(w, { submit: false })}`, body: { recipients: ['AZ', 'CN'] } };
    },
  },
  {
    method: 'DELETE',
    route: '/api/exchange/submissions/:id',
    allow: [],
    positive: 'ownFocalPoint',
    status: 204,
    async request(w) {
      return { path: `/api/exchange/submissions/${await kzNotice(w, { submit: false })}` };
    },
  },
  {
    method: 'POST',
    route: '/api/exchange/submissions/:id/submit',
    allow: [],
    positive: 'ownFocalPoint',
    status: 200,
    async request(w) {
      return { path: `/api/exchange/submissions/${await kzNotice(w, { submit: false })}/submit` };
    },
  },
  {
    method: 'POST',
    route: '/api/exchange/submissions/:id/corrections',
    allow: [],
    positive: 'ownFocalPoint',
    status: 201,
    async request(w) {
      return { path: `/api/exchange/submissions/${await kzNotice(w)}/corrections`, body: { data: exerciseData('Corrected', '2026-09-02', '2026-09-06'), submit: true } };
    },
  },
  {
    method: 'POST',
    route: '/api/exchange/submissions/:id/derestrict',
    allow: [],
    positive: 'ownFocalPoint',
    status: 200,
    async request(w) {
      return { path: `/api/exchange/submissions/${await kzNotice(w)}/derestrict`, body: { to: 'members' } };
    },
  },
  {
    method: 'POST',
    route: '/api/exchange/submissions/:id/acknowledgements',
    allow: [],
    positive: 'chairFocalPoint',
    status: 201,
    note: "Only the recipient's (AZ's) focal point: KZ's viewer and the Secretariat see it but did not receive it (403).",
    async request(w) {
      return { path: `/api/exchange/submissions/${await kzNotice(w)}/acknowledgements`, body: {} };
    },
  },
  { method: 'GET', route: '/api/exchange/export.csv', allow: everyone, positive: 'anonymous', status: 200, request: () => ({ path: '/api/exchange/export.csv' }) },
  { method: 'GET', route: '/api/exchange/export.json', allow: everyone, positive: 'anonymous', status: 200, request: () => ({ path: '/api/exchange/export.json' }) },
  {
    method: 'GET',
    route: '/api/exchange/compare',
    allow: everyone,
    positive: 'anonymous',
    status: 200,
    async request(w) {
      await forms(w);
      return { path: '/api/exchange/compare?party=KZ&form=annual-forces-budget&years=2025,2026' };
    },
  },
  {
    method: 'GET',
    route: '/api/exchange/deadlines',
    allow: ['otherDelegate', 'ownViewer', 'officer'],
    positive: 'ownFocalPoint',
    status: 200,
    note: 'Member states see their own, the Secretariat all; observers owe nothing and are refused.',
    async request(w) {
      await forms(w);
      return { path: '/api/exchange/deadlines?year=2026' };
    },
  },
];
