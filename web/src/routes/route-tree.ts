import { homeRoute } from './home.tsx';
import { rootRoute } from './root.tsx';

/**
 * The code-based route tree. A module adds its routes (each in its own file under routes/) to this
 * list, and its navigation entry to components/layout/nav-items.ts.
 */
export const routeTree = rootRoute.addChildren([homeRoute]);
