import type { Problem } from './types.ts';

/**
 * A deliberately tiny typed fetch wrapper for the Concord API (same origin, under /api).
 * Every failure becomes an ApiError carrying RFC 9457 problem details, so the UI has one thing
 * to translate: `problem.code`. To be replaced by an openapi-fetch client generated from openapi.json.
 */
export class ApiError extends Error {
  constructor(readonly problem: Problem) {
    super(`${problem.status} ${problem.code}: ${problem.detail ?? problem.title}`);
    this.name = 'ApiError';
  }

  get status(): number {
    return this.problem.status;
  }

  get code(): string {
    return this.problem.code;
  }
}

/** Code used when the server could not be reached at all (offline, DNS, connection refused). */
export const networkErrorCode = 'network';

export interface RequestOptions {
  signal?: AbortSignal;
}

async function problemFrom(res: Response): Promise<Problem> {
  const type = res.headers.get('content-type') ?? '';
  if (type.includes('json')) {
    try {
      const body = (await res.json()) as Partial<Problem>;
      if (body && typeof body.code === 'string') {
        return { type: body.type ?? 'about:blank', title: body.title ?? res.statusText, ...body, status: res.status, code: body.code };
      }
    } catch {
      // Not JSON after all: fall through to a problem built from the status line.
    }
  }
  return { type: 'about:blank', title: res.statusText, status: res.status, code: `http_${res.status}` };
}

export async function apiGet<T>(path: string, options: RequestOptions = {}): Promise<T> {
  let res: Response;
  try {
    res = await fetch(`/api${path}`, {
      method: 'GET',
      headers: { accept: 'application/json' },
      credentials: 'same-origin',
      signal: options.signal,
    });
  } catch (err) {
    if (err instanceof DOMException && err.name === 'AbortError') throw err;
    throw new ApiError({ type: 'about:blank', title: 'Network error', status: 0, code: networkErrorCode });
  }
  if (!res.ok) throw new ApiError(await problemFrom(res));
  return (await res.json()) as T;
}

export function isApiError(err: unknown): err is ApiError {
  return err instanceof ApiError;
}
