import { type AppDeps, ctxOf } from '../../http/deps.ts';
import { problemSchema } from '../../http/problem.ts';
import type { App } from '../../http/routes.ts';
import { searchQuery, searchResult } from './search.schemas.ts';
import { search } from './search.service.ts';

export async function searchRoutes(app: App, deps: AppDeps) {
  app.get(
    '/api/search',
    {
      config: { access: 'public' },
      schema: {
        tags: ['search'],
        summary:
          'Search documents (every language version), meetings, decisions, key concepts, parties, bodies and CBM submissions. Hits, totals and facets count only what the caller may see.',
        querystring: searchQuery,
        response: { 200: searchResult, 400: problemSchema },
      },
    },
    async (req) => search(deps.db, ctxOf(req, deps), req.query),
  );
}
