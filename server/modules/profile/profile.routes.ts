import type { AppDeps } from '../../http/deps.ts';
import { problemSchema } from '../../http/problem.ts';
import type { App } from '../../http/routes.ts';
import { forumProfile } from './profile.schemas.ts';
import { requireProfile } from './profile.service.ts';

export async function profileRoutes(app: App, deps: AppDeps) {
  app.get(
    '/api/profile',
    {
      config: { access: 'public' },
      schema: {
        tags: ['profile'],
        summary: "The forum's profile: names per language, languages, seat, consensus settings.",
        response: { 200: forumProfile, 404: problemSchema },
      },
    },
    async () => requireProfile(deps.db),
  );
}
