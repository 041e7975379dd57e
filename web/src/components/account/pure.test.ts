import { describe, expect, it } from 'vitest';
import { deviceName, safeNext } from './pure.ts';

describe('safeNext', () => {
  it('keeps a path of this site, with its query and fragment', () => {
    expect(safeNext('/account')).toBe('/account');
    expect(safeNext('/inbox?show=unread')).toBe('/inbox?show=unread');
    expect(safeNext('/account#two-factor')).toBe('/account#two-factor');
  });

  it('refuses other sites, odd values and the sign-in page itself', () => {
    for (const bad of [undefined, '', 'https://evil.example/', '//evil.example/', '/\\evil.example', 'javascript:alert(1)', '/sign-in?next=/x']) {
      expect(safeNext(bad), String(bad)).toBe('/');
    }
  });
});

describe('deviceName', () => {
  it('names the browser and the system of common user agents', () => {
    expect(deviceName('Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36')).toBe('Chrome · Linux');
    expect(deviceName('Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0')).toBe(
      'Edge · Windows',
    );
    expect(deviceName('Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1')).toBe(
      'Safari · iOS',
    );
    expect(deviceName('Mozilla/5.0 (Macintosh; Intel Mac OS X 14.4; rv:125.0) Gecko/20100101 Firefox/125.0')).toBe('Firefox · macOS');
    expect(deviceName('curl/8.5.0')).toBe('curl');
  });

  it('says nothing it does not know', () => {
    expect(deviceName(null)).toBeNull();
    expect(deviceName('SomethingElse/1.0')).toBeNull();
  });
});
