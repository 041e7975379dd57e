/**
 * The one error base for the domain. Services throw AppError with a stable code; the HTTP
 * layer maps it once to RFC 9457 problem+json. Services never throw HTTP classes.
 */
export type ErrorKind = 'bad_input' | 'unauthenticated' | 'forbidden' | 'not_found' | 'conflict' | 'unprocessable' | 'rate_limited' | 'unavailable';

const statusByKind: Record<ErrorKind, number> = {
  bad_input: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  unprocessable: 422,
  rate_limited: 429,
  unavailable: 503,
};

export interface FieldProblem {
  field: string;
  message: string;
}

export class AppError extends Error {
  readonly status: number;
  constructor(
    readonly kind: ErrorKind,
    /** Stable, dotted code: `documents.symbol_taken`. The web app translates it. */
    readonly code: string,
    message: string,
    readonly extra: { fields?: FieldProblem[]; retryAfterSeconds?: number } = {},
  ) {
    super(message);
    this.name = 'AppError';
    this.status = statusByKind[kind];
  }
}

export const notFound = (what = 'resource') => new AppError('not_found', 'not_found', `The ${what} was not found.`);
