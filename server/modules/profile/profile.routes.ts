import { type AppDeps, ctxOf } from '../../http/deps.ts';
import { problemSchema } from '../../http/problem.ts';
import type { App } from '../../http/routes.ts';
import { forumProfile } from './profile.schemas.ts';
import { requireProfile, updateProfile } from './profile.service.ts';

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

  app.put(
    '/api/profile',
    {
      config: { access: 'signed-in' },
      schema: {
        tags: ['profile'],
        summary: "Replace the forum's profile (Secretariat admins); audited with before and after.",
        body: forumProfile,
        response: { 200: forumProfile, 400: problemSchema, 401: problemSchema, 403: problemSchema },
      },
    },
    async (req) => updateProfile(deps.db, ctxOf(req, deps), req.body),
  );
}
