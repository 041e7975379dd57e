import type { MatrixEntry } from './types.ts';

const everyone = ['anonymous', 'otherDelegate', 'observer', 'ownViewer', 'officer'] as const;

/** Public reads of the foundation: health, readiness, the forum profile, the API description. (PUT /api/profile: registry.matrix.ts.) */
export const systemMatrix: MatrixEntry[] = [
  { method: 'GET', route: '/api/health', allow: everyone, positive: 'anonymous', status: 200, request: () => ({ path: '/api/health' }) },
  { method: 'GET', route: '/api/ready', allow: everyone, positive: 'anonymous', status: 200, request: () => ({ path: '/api/ready' }) },
  { method: 'GET', route: '/api/profile', allow: everyone, positive: 'anonymous', status: 200, request: () => ({ path: '/api/profile' }) },
  { method: 'GET', route: '/api/openapi.json', allow: everyone, positive: 'anonymous', status: 200, request: () => ({ path: '/api/openapi.json' }) },
  { method: 'GET', route: '/api/docs', allow: everyone, positive: 'anonymous', status: 200, request: () => ({ path: '/api/docs' }) },
  { method: 'GET', route: '/api/docs.css', allow: everyone, positive: 'anonymous', status: 200, request: () => ({ path: '/api/docs.css' }) },
];
