import { describe, expect, it } from 'vitest';
import { ApiError } from '../../api/client.ts';
import { isFieldProblem, problemFieldMessages, problemMessage } from './problems.ts';

const problem = (status: number, code: string, extra: Record<string, unknown> = {}) =>
  new ApiError({ type: `urn:concord:problem:${code}`, title: 'x', status, code, ...extra });

describe('problem messages', () => {
  it('translates known codes and falls back by status', () => {
    expect(problemMessage(problem(401, 'auth.invalid_credentials'))).toEqual({ id: 'auth.error.invalidCredentials' });
    expect(problemMessage(problem(400, 'something.new'))).toEqual({ id: 'account.error.invalid' });
    expect(problemMessage(problem(503, 'unavailable'))).toEqual({ id: 'account.error.server' });
    expect(problemMessage(new Error('boom'))).toEqual({ id: 'account.error.generic' });
  });

  it('says how many minutes to wait after a 429, rounded up', () => {
    expect(problemMessage(problem(429, 'auth.too_many_attempts', { retryAfterSeconds: 61 }))).toEqual({
      id: 'auth.error.tooManyAttemptsWait',
      values: { minutes: 2 },
    });
    expect(problemMessage(problem(429, 'auth.too_many_attempts', { retryAfterSeconds: 5 }))).toEqual({
      id: 'auth.error.tooManyAttemptsWait',
      values: { minutes: 1 },
    });
    expect(problemMessage(problem(429, 'rate_limited'))).toEqual({ id: 'auth.error.tooManyAttempts' });
  });

  it('puts field errors on their fields: translated for known codes, the English rule otherwise', () => {
    const weak = problem(422, 'identity.password_common', { errors: [{ field: 'next', message: 'is too common' }] });
    expect(problemFieldMessages(weak)).toEqual({ next: { id: 'auth.password.common' } });
    expect(isFieldProblem(weak)).toBe(true);
    const zod = problem(400, 'validation_failed', { errors: [{ field: 'body.email', message: 'must be an e-mail address' }, { field: 'body', message: 'x' }] });
    expect(problemFieldMessages(zod)).toEqual({ email: { text: 'must be an e-mail address' }, form: { text: 'x' } });
    expect(isFieldProblem(zod)).toBe(false);
  });
});
