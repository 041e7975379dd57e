import { createRoute, lazyRouteComponent } from '@tanstack/react-router';
import { rootRoute } from './root.tsx';

/** The text editor (TipTap) is loaded only when someone opens it, keeping it out of the main bundle. */
export const documentEditRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/documents/$id/edit/$lang',
  component: lazyRouteComponent(() => import('./document-editor.tsx')),
});
