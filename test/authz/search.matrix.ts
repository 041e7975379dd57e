import { randomBytes } from 'node:crypto';
import { createConcept } from '../../server/modules/glossary/glossary.service.ts';
import { systemActor } from '../../server/shared/context.ts';
import type { MatrixEntry, MatrixWorld } from './types.ts';

const everyone = ['anonymous', 'otherDelegate', 'observer', 'ownViewer', 'officer'] as const;
const freshCode = () => `matrix-${randomBytes(4).toString('hex')}`;

const entry = (code: string) => ({
  code,
  status: 'approved',
  subject: 'Decision-making',
  languages: [
    { lang: 'en', preferred: `Matrix term ${code}`, definition: 'Made by the authorization matrix.' },
    { lang: 'zh', preferred: '矩阵术语' },
  ],
});

/** An approved key concept, made through the service as Concord itself. */
async function concept(w: MatrixWorld) {
  return createConcept(w.t.db, { actor: systemActor, requestId: null, clock: w.t.clock }, entry(freshCode()) as Parameters<typeof createConcept>[2]);
}

/**
 * Search and the glossary: search and every glossary read are public (the services filter what each
 * caller may see: restricted documents, draft concepts); writing, changing and importing key concepts
 * is for Secretariat officers and admins.
 */
export const searchMatrix: MatrixEntry[] = [
  { method: 'GET', route: '/api/search', allow: everyone, positive: 'anonymous', status: 200, request: () => ({ path: '/api/search?q=confidence' }) },
  { method: 'GET', route: '/api/glossary', allow: everyone, positive: 'anonymous', status: 200, request: () => ({ path: '/api/glossary?lang=zh' }) },
  { method: 'GET', route: '/api/glossary/export', allow: everyone, positive: 'anonymous', status: 200, request: () => ({ path: '/api/glossary/export?format=csv' }) },
  {
    method: 'GET',
    route: '/api/glossary/:id',
    allow: everyone,
    positive: 'anonymous',
    status: 200,
    async request(w) {
      const c = await concept(w);
      return { path: `/api/glossary/${c.code}` };
    },
  },
  { method: 'POST', route: '/api/glossary', allow: ['officer'], positive: 'officer', status: 201, request: () => ({ path: '/api/glossary', body: entry(freshCode()) }) },
  {
    method: 'PATCH',
    route: '/api/glossary/:id',
    allow: ['officer'],
    positive: 'admin',
    status: 200,
    async request(w) {
      const c = await concept(w);
      return { path: `/api/glossary/${c.id}`, body: { status: 'deprecated' } };
    },
  },
  {
    method: 'POST',
    route: '/api/glossary/import',
    allow: ['officer'],
    positive: 'officer',
    status: 200,
    request: () => ({ path: '/api/glossary/import', body: { format: 'csv', content: `code,status,lang,preferred\r\n${freshCode()},approved,en,Imported by the matrix\r\n` } }),
  },
];
