import { makePdf } from '../helpers/document-files.ts';
import { seedDocumentBasics } from '../helpers/documents.ts';
import type { MatrixEntry, MatrixWorld, Persona } from './types.ts';

/**
 * Documents. Fixtures are made over HTTP: by the Secretariat (officer) for documents it manages, and
 * by Kazakhstan's focal point for a Kazakh draft (series L.), which its own viewer may read but not
 * edit. Drafts are seen by their submitting party and the Secretariat only (404 to the others);
 * managing (status, access, derestriction, revisions, removing a language) is for the Secretariat's
 * officers and admins; editing text, files and language versions also for the submitting party's
 * focal point or head while the document is a draft.
 *
 * Reads are tried on a circulated public document, so everyone may read it; the hiding of drafts,
 * members-only and restricted documents (404, absent from lists) is tested in
 * server/modules/documents/documents.api.test.ts, as anonymous refusals there are 404, not 401.
 */

const allSignedIn = ['otherDelegate', 'observer', 'ownViewer', 'officer'] as const;
const everyone = ['anonymous', ...allSignedIn] as const;

let seq = 0;

async function ok(res: Promise<{ status: number; text: string; body: any }>, what: string) {
  const r = await res;
  if (r.status < 200 || r.status > 299) throw new Error(`matrix fixture (${what}) failed: ${r.status} ${r.text.slice(0, 300)}`);
  return r.body;
}

interface Doc {
  id: string;
  symbol: string;
}

/** A document registered by `by` (officer: the Secretariat's; ownFocalPoint: a Kazakh draft), with an awaited Russian translation. */
async function document(w: MatrixWorld, by: Persona, opts: { accessLevel?: string } = {}): Promise<Doc> {
  await seedDocumentBasics(w.t);
  const d = await ok(
    w.t.post(
      '/api/documents',
      { type: 'declaration', bodyCode: 'SOC', title: `Matrix document ${++seq}`, originalLanguage: 'en', accessLevel: opts.accessLevel ?? 'members', translations: ['ru'] },
      { cookie: w.cookie(by) },
    ),
    'create',
  );
  return { id: d.id, symbol: d.symbol };
}

/** A Secretariat draft: invisible (404) to every probe but the officer. */
const secDraft = (w: MatrixWorld) => document(w, 'officer');
/** A Kazakh draft: readable by KZ's viewer (who may not edit it) and the Secretariat, 404 to China and the observer. */
const kzDraft = (w: MatrixWorld) => document(w, 'ownFocalPoint');

/** A circulated Secretariat document at the members level (revisable, derestrictable). */
async function circulated(w: MatrixWorld, accessLevel = 'members'): Promise<Doc> {
  const d = await document(w, 'officer', { accessLevel });
  await ok(w.t.post(`/api/documents/${d.id}/status`, { to: 'circulated' }, { cookie: w.cookie('officer') }), 'circulate');
  return d;
}

function pdfUpload() {
  const boundary = 'concordmatrixboundary';
  const head = [`--${boundary}`, 'Content-Disposition: form-data; name="file"; filename="matrix.pdf"', 'Content-Type: application/pdf', '', ''].join('\r\n');
  const body = `${head}${makePdf('Matrix file').toString('latin1')}\r\n--${boundary}--\r\n`;
  return { body, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

/** A circulated public document: English text in two revisions, one PDF file, an awaited Russian translation. */
async function publicDoc(w: MatrixWorld): Promise<Doc & { fileId: string }> {
  const d = await document(w, 'officer', { accessLevel: 'public' });
  const officer = w.cookie('officer');
  await ok(w.t.request('PUT', `/api/documents/${d.id}/languages/en/text`, { body: { paragraphs: ['<p>First reading.</p>'] }, cookie: officer }), 'text 1');
  await ok(w.t.request('PUT', `/api/documents/${d.id}/languages/en/text`, { body: { paragraphs: ['<p>Second reading.</p>', '<p>Added.</p>'] }, cookie: officer }), 'text 2');
  const up = pdfUpload();
  const f = await ok(w.t.request('POST', `/api/documents/${d.id}/languages/en/files`, { body: up.body, headers: up.headers, cookie: officer }), 'upload');
  await ok(w.t.post(`/api/documents/${d.id}/status`, { to: 'circulated' }, { cookie: officer }), 'circulate');
  return { ...d, fileId: f.id };
}

export const documentsMatrix: MatrixEntry[] = [
  {
    method: 'POST',
    route: '/api/documents',
    allow: ['officer'],
    positive: 'ownFocalPoint',
    status: 201,
    note: "The Secretariat, or a member state's focal point or head for its own party; delegates, viewers and observers may not.",
    async request(w) {
      await seedDocumentBasics(w.t);
      return { path: '/api/documents', body: { type: 'concept-paper', bodyCode: 'SOC', title: `Matrix proposal ${++seq}`, originalLanguage: 'en', accessLevel: 'members' } };
    },
  },
  { method: 'GET', route: '/api/documents', allow: everyone, positive: 'anonymous', status: 200, request: () => ({ path: '/api/documents' }) },
  {
    method: 'GET',
    route: '/api/documents/translation-dashboard',
    allow: ['officer'],
    positive: 'admin',
    status: 200,
    note: 'The Secretariat only.',
    request: () => ({ path: '/api/documents/translation-dashboard' }),
  },
  {
    method: 'GET',
    route: '/api/documents/by-symbol/:symbol',
    allow: everyone,
    positive: 'anonymous',
    status: 200,
    note: 'A public document; hidden ones answer 404 (documents.api.test.ts).',
    request: async (w) => ({ path: `/api/documents/by-symbol/${encodeURIComponent((await circulated(w, 'public')).symbol)}` }),
  },
  {
    method: 'GET',
    route: '/api/documents/:id',
    allow: everyone,
    positive: 'anonymous',
    status: 200,
    note: 'A public document; hidden ones answer 404 (documents.api.test.ts).',
    request: async (w) => ({ path: `/api/documents/${(await circulated(w, 'public')).id}` }),
  },
  {
    method: 'POST',
    route: '/api/documents/:id/status',
    allow: ['officer'],
    positive: 'admin',
    status: 200,
    async request(w) {
      return { path: `/api/documents/${(await secDraft(w)).id}/status`, body: { to: 'circulated' } };
    },
  },
  {
    method: 'PUT',
    route: '/api/documents/:id/access',
    allow: ['officer'],
    positive: 'admin',
    status: 200,
    note: 'A circulated members-level document: China sees it but may not manage it (403).',
    async request(w) {
      return { path: `/api/documents/${(await circulated(w)).id}/access`, body: { level: 'members-and-observers' } };
    },
  },
  {
    method: 'POST',
    route: '/api/documents/:id/derestrict',
    allow: ['officer'],
    positive: 'admin',
    status: 200,
    async request(w) {
      return { path: `/api/documents/${(await circulated(w)).id}/derestrict`, body: { to: 'public', decisionRef: 'CICA/SOC/DEC/1' } };
    },
  },
  {
    method: 'POST',
    route: '/api/documents/:id/revisions',
    allow: ['officer'],
    positive: 'admin',
    status: 201,
    async request(w) {
      return { path: `/api/documents/${(await circulated(w)).id}/revisions`, body: { kind: 'revision' } };
    },
  },
  {
    method: 'POST',
    route: '/api/documents/:id/languages',
    allow: ['officer'],
    positive: 'ownFocalPoint',
    status: 201,
    note: "A Kazakh draft: its focal point may open a translation, its viewer may not (403).",
    async request(w) {
      return { path: `/api/documents/${(await kzDraft(w)).id}/languages`, body: { language: 'zh' } };
    },
  },
  {
    method: 'PATCH',
    route: '/api/documents/:id/languages/:lang',
    allow: ['officer'],
    positive: 'ownFocalPoint',
    status: 200,
    async request(w) {
      return { path: `/api/documents/${(await kzDraft(w)).id}/languages/ru`, body: { status: 'in-translation', translator: 'Matrix Translator' } };
    },
  },
  {
    method: 'DELETE',
    route: '/api/documents/:id/languages/:lang',
    allow: ['officer'],
    positive: 'admin',
    status: 200,
    note: 'Managing: even the submitting party may not remove a language version.',
    async request(w) {
      return { path: `/api/documents/${(await kzDraft(w)).id}/languages/ru` };
    },
  },
  {
    method: 'GET',
    route: '/api/documents/:id/languages/:lang',
    allow: everyone,
    positive: 'anonymous',
    status: 200,
    request: async (w) => ({ path: `/api/documents/${(await publicDoc(w)).id}/languages/en` }),
  },
  {
    method: 'PUT',
    route: '/api/documents/:id/languages/:lang/text',
    allow: ['officer'],
    positive: 'ownFocalPoint',
    status: 200,
    async request(w) {
      return { path: `/api/documents/${(await kzDraft(w)).id}/languages/en/text`, body: { paragraphs: ['<p>The Parties agree.</p>'] } };
    },
  },
  {
    method: 'GET',
    route: '/api/documents/:id/languages/:lang/revisions',
    allow: everyone,
    positive: 'anonymous',
    status: 200,
    request: async (w) => ({ path: `/api/documents/${(await publicDoc(w)).id}/languages/en/revisions` }),
  },
  {
    method: 'GET',
    route: '/api/documents/:id/languages/:lang/revisions/:n',
    allow: everyone,
    positive: 'anonymous',
    status: 200,
    request: async (w) => ({ path: `/api/documents/${(await publicDoc(w)).id}/languages/en/revisions/1` }),
  },
  {
    method: 'GET',
    route: '/api/documents/:id/languages/:lang/compare',
    allow: everyone,
    positive: 'anonymous',
    status: 200,
    request: async (w) => ({ path: `/api/documents/${(await publicDoc(w)).id}/languages/en/compare?from=1&to=2` }),
  },
  {
    method: 'GET',
    route: '/api/documents/:id/languages/:lang/compare-with',
    allow: everyone,
    positive: 'anonymous',
    status: 200,
    request: async (w) => {
      // A public document and its /Rev.1 (issued circulated) with new English text: the revision compared with the original.
      const original = await publicDoc(w);
      const officer = w.cookie('officer');
      const rev = await ok(w.t.post(`/api/documents/${original.id}/revisions`, { kind: 'revision' }, { cookie: officer }), 'revision');
      await ok(w.t.request('PUT', `/api/documents/${rev.id}/languages/en/text`, { body: { paragraphs: ['<p>Revised reading.</p>'] }, cookie: officer }), 'rev text');
      return { path: `/api/documents/${rev.id}/languages/en/compare-with?other=${original.id}` };
    },
  },
  {
    method: 'GET',
    route: '/api/documents/file-rules',
    allow: everyone,
    positive: 'anonymous',
    status: 200,
    request: () => ({ path: '/api/documents/file-rules' }),
  },
  {
    method: 'GET',
    route: '/api/documents/:id/parallel',
    allow: everyone,
    positive: 'anonymous',
    status: 200,
    request: async (w) => ({ path: `/api/documents/${(await publicDoc(w)).id}/parallel?languages=en,ru` }),
  },
  {
    method: 'GET',
    route: '/api/documents/:id/akn',
    allow: everyone,
    positive: 'anonymous',
    status: 200,
    request: async (w) => ({ path: `/api/documents/${(await publicDoc(w)).id}/akn` }),
  },
  {
    method: 'GET',
    route: '/api/documents/:id/files/:fileId',
    allow: everyone,
    positive: 'anonymous',
    status: 200,
    async request(w) {
      const d = await publicDoc(w);
      return { path: `/api/documents/${d.id}/files/${d.fileId}` };
    },
  },
  {
    method: 'POST',
    route: '/api/documents/:id/languages/:lang/files',
    allow: ['officer'],
    positive: 'ownFocalPoint',
    status: 201,
    note: 'Multipart upload of a small valid PDF to a Kazakh draft.',
    async request(w) {
      const up = pdfUpload();
      return { path: `/api/documents/${(await kzDraft(w)).id}/languages/en/files`, body: up.body, headers: up.headers };
    },
  },
];
