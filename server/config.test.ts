import { describe, expect, it } from 'vitest';
import { ConfigError, formatConfigError, loadConfig } from './config.ts';

describe('loadConfig', () => {
  it('gives the documented defaults', () => {
    const c = loadConfig({});
    expect(c).toMatchObject({ port: 3000, host: '127.0.0.1', dataDir: './data', baseUrl: 'http://127.0.0.1:3000', secureCookies: false });
    expect(c.databaseUrl).toBeUndefined();
    expect(c.smtp).toBeUndefined();
  });

  it('refuses PORT=abc naming the variable and what it must be', () => {
    expect(() => loadConfig({ PORT: 'abc' })).toThrow(ConfigError);
    try {
      loadConfig({ PORT: 'abc' });
    } catch (err) {
      const msg = formatConfigError(err as ConfigError);
      expect(msg).toContain('PORT');
      expect(msg).toContain('whole number between 0 and 65535');
      expect(msg).toContain('"abc"');
    }
  });

  it.each([
    ['PORT', '70000'],
    ['PORT', '3.5'],
    ['DATABASE_URL', 'mysql://x'],
    ['CONCORD_BASE_URL', 'not a url'],
    ['CONCORD_DEMO', 'maybe'],
    ['CONCORD_LOG_LEVEL', 'loud'],
    ['SMTP_PORT', 'x'],
  ])('refuses %s=%s', (variable, value) => {
    try {
      loadConfig({ [variable]: value });
      expect.unreachable();
    } catch (err) {
      expect((err as ConfigError).problems.map((p) => p.variable)).toContain(variable);
    }
  });

  it('reads PostgreSQL, base URL and SMTP', () => {
    const c = loadConfig({ DATABASE_URL: 'postgres://u:p@h:5432/db', CONCORD_BASE_URL: 'https://concord.example.org/', SMTP_HOST: 'mail', SMTP_PORT: '2525', CONCORD_DEMO: '0' });
    expect(c.databaseUrl).toBe('postgres://u:p@h:5432/db');
    expect(c.baseUrl).toBe('https://concord.example.org');
    expect(c.secureCookies).toBe(true);
    expect(c.smtp).toMatchObject({ host: 'mail', port: 2525, secure: false });
    expect(c.demo).toBe(false);
  });

  it('treats empty values as unset', () => {
    expect(loadConfig({ PORT: '', DATABASE_URL: '' }).port).toBe(3000);
  });
});
