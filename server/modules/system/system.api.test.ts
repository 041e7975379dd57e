import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, testApp } from '../../../test/helpers/app.ts';

let t: TestApp;
beforeAll(async () => {
  t = await testApp();
});
afterAll(() => t?.close());

describe('system routes', () => {
  it('GET /api/health answers with the version', async () => {
    const r = await t.get('/api/health');
    expect(r.status).toBe(200);
    expect(r.body).toEqual({ status: 'ok', version: expect.stringMatching(/^\d+\.\d+\.\d+/) });
    expect(r.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    expect(r.headers.get('cache-control')).toBe('no-store');
  });

  it('GET /api/ready says the database is reachable and migrated', async () => {
    const r = await t.get('/api/ready');
    expect(r.status).toBe(200);
    expect(r.body.status).toBe('ready');
    expect(['pglite', 'postgres']).toContain(r.body.database);
  });

  it('sends security headers with a strict CSP (no inline script)', async () => {
    const r = await t.get('/api/health');
    const csp = r.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).toContain("frame-ancestors 'none'");
    expect(r.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('answers unknown routes with a problem+json 404', async () => {
    const r = await t.get('/api/nothing-here');
    expect(r.status).toBe(404);
    expect(r.headers.get('content-type')).toContain('application/problem+json');
    expect(r.body).toMatchObject({ status: 404, code: 'not_found', title: 'Not found' });
  });

  it('answers a client route with 404 problem+json when it does not want HTML', async () => {
    const r = await t.get('/some/page', { headers: { accept: 'application/json' } });
    expect(r.status).toBe(404);
    expect(r.body.code).toBe('not_found');
  });

  it('refuses malformed JSON with a problem, not a stack trace', async () => {
    const r = await t.request('POST', '/api/health', { body: '{"a":', headers: { 'content-type': 'application/json' } });
    expect(r.status).toBeGreaterThanOrEqual(400);
    expect(r.status).toBeLessThan(500);
    expect(r.headers.get('content-type')).toContain('application/problem+json');
    expect(r.text).not.toMatch(/at .*\.ts:\d+/);
  });

  it('serves the OpenAPI document and a readable reference', async () => {
    const doc = await t.get('/api/openapi.json');
    expect(doc.status).toBe(200);
    expect(doc.body.openapi).toMatch(/^3\./);
    expect(Object.keys(doc.body.paths)).toEqual(expect.arrayContaining(['/api/health', '/api/ready', '/api/profile']));
    const html = await t.get('/api/docs');
    expect(html.status).toBe(200);
    expect(html.headers.get('content-type')).toContain('text/html');
    expect(html.text).toContain('/api/ready');
    expect(html.text).not.toContain('<script');
  });

  it('GET /api/profile is a problem+json 404 before a profile is loaded', async () => {
    const r = await t.get('/api/profile');
    expect(r.status).toBe(404);
    expect(r.body.code).toBe('profile.not_loaded');
  });
});

describe('demo profile', () => {
  let d: TestApp;
  beforeAll(async () => {
    d = await testApp({ demo: true });
  });
  afterAll(() => d?.close());

  it('is loaded on a fresh database when asked, with names in several languages', async () => {
    const r = await d.get('/api/profile');
    expect(r.status).toBe(200);
    expect(r.body.abbreviation.en).toBe('CICA');
    expect(r.body.name.ru).toMatch(/[А-Яа-я]/);
    expect(r.body.name.zh).toMatch(/\p{Script=Han}/u);
    expect(r.body.name.ar).toMatch(/\p{Script=Arabic}/u);
    expect(r.body.workingLanguages.length).toBeGreaterThan(0);
  });
});
