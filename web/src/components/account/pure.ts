/** Small pure helpers of the account pages (unit-tested in pure.test.ts). */

/**
 * Where to go after signing in: a path of this site from `next`, else the home page. Never another
 * site (`//host`, `/\\host`) and never the sign-in page itself.
 */
export function safeNext(next: string | undefined): string {
  if (!next?.startsWith('/') || next.startsWith('//') || next.startsWith('/\\') || next.startsWith('/sign-in')) return '/';
  return next;
}

/** A short name for the device of a session, from its user agent ("Chrome · Linux"); null when unknown. */
export function deviceName(userAgent: string | null): string | null {
  if (!userAgent) return null;
  const browser = (
    [
      [/Edg\//, 'Edge'],
      [/OPR\//, 'Opera'],
      [/Firefox\//, 'Firefox'],
      [/Chrom(e|ium)\//, 'Chrome'],
      [/Safari\//, 'Safari'],
      [/^curl\//, 'curl'],
      [/^node|undici/i, 'Node.js'],
    ] as const
  ).find(([re]) => re.test(userAgent))?.[1];
  const system = (
    [
      [/Windows/, 'Windows'],
      [/Android/, 'Android'],
      [/iPhone|iPad/, 'iOS'],
      [/Mac OS X/, 'macOS'],
      [/CrOS/, 'ChromeOS'],
      [/Linux/, 'Linux'],
    ] as const
  ).find(([re]) => re.test(userAgent))?.[1];
  const parts = [browser, system].filter(Boolean);
  return parts.length ? parts.join(' · ') : null;
}
