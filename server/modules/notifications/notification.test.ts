import { describe, expect, it } from 'vitest';
import { configurableKinds, kindDefinition, kindNames } from './kinds.ts';
import { icuFormatter } from './messages.ts';
import {
  absoluteUrl,
  composeDigestMail,
  composeNotificationMail,
  digestDay,
  digestMaxItems,
  digestRunAt,
  effectiveChannel,
  missingParams,
  nextDay,
  oneLine,
  renderNotification,
  textToHtml,
} from './notification.ts';

describe('channels', () => {
  it('takes the preference, else the default, and always mails mandatory kinds at once', () => {
    expect(effectiveChannel({ params: [] }, null)).toBe('immediate');
    expect(effectiveChannel({ params: [], defaultChannel: 'digest' }, null)).toBe('digest');
    expect(effectiveChannel({ params: [], defaultChannel: 'digest' }, 'none')).toBe('none');
    expect(effectiveChannel({ params: [], mandatory: true }, 'none')).toBe('immediate');
  });

  it('makes every identity kind mandatory and leaves the rest configurable', () => {
    for (const kind of kindNames) {
      expect(kindDefinition(kind)!.mandatory === true, kind).toBe(kind.startsWith('identity.'));
    }
    expect(configurableKinds).toContain('system.test');
    expect(configurableKinds.some((k) => k.startsWith('identity.'))).toBe(false);
    expect(kindDefinition('constructor')).toBeUndefined();
  });

  it('names the parameters a call lacks', () => {
    expect(missingParams(kindDefinition('identity.invitation')!, { inviterName: 'A', link: 'x', partyName: null })).toEqual(['partyName']);
  });
});

describe('composing an e-mail', () => {
  const base = { settingsUrl: 'https://concord.example.org/notifications/settings' };

  it('renders an invitation in Russian with greeting, link and the service footer', () => {
    const mail = composeNotificationMail({
      ...base,
      locale: 'ru',
      kind: 'identity.invitation',
      name: 'Айгерим',
      params: { inviterName: 'Иван Петров', partyName: 'Казахстан', link: 'https://concord.example.org/invite/abc' },
    });
    expect(mail.subject).toBe('Приглашение в Concord от Иван Петров');
    expect(mail.text).toMatch(/^Здравствуйте, Айгерим!\n\nИван Петров приглашает вас в Concord/);
    expect(mail.text).toContain('Казахстан');
    expect(mail.text).toContain('https://concord.example.org/invite/abc');
    expect(mail.text).toContain('служебное сообщение');
    expect(mail.text).not.toContain(base.settingsUrl);
    expect(mail.html).toContain('<html lang="ru" dir="ltr">');
    expect(mail.html).toContain('<a href="https://concord.example.org/invite/abc">https://concord.example.org/invite/abc</a>');
  });

  it('points configurable kinds to the settings and links the object', () => {
    const mail = composeNotificationMail({ ...base, locale: 'en', kind: 'system.test', params: {}, url: 'https://c.example/x/1' });
    expect(mail.text).toMatch(/^Hello,\n\n/);
    expect(mail.text).toContain('Open in Concord: https://c.example/x/1');
    expect(mail.text).toContain(base.settingsUrl);
  });

  it('writes Arabic and Persian right to left', () => {
    expect(composeNotificationMail({ ...base, locale: 'ar', kind: 'system.test', params: {} }).html).toContain('dir="rtl"');
    expect(composeNotificationMail({ ...base, locale: 'fa', kind: 'system.test', params: {} }).html).toContain('<html lang="fa" dir="rtl">');
  });

  it('escapes what people typed and keeps the subject on one line', () => {
    const mail = composeNotificationMail({
      ...base,
      locale: 'en',
      kind: 'identity.invitation',
      name: '<b>Eve</b>',
      params: { inviterName: 'Mallory\r\nBcc: victim@example.org', partyName: '<script>alert(1)</script>', link: 'https://c.example/i?a=1&b="2"' },
    });
    expect(mail.subject).toBe('Invitation to Concord from Mallory Bcc: victim@example.org');
    expect(mail.subject).not.toMatch(/[\r\n]/);
    expect(mail.html).not.toContain('<script>');
    expect(mail.html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(mail.html).toContain('&lt;b&gt;Eve&lt;/b&gt;');
    // A quote ends the link: it cannot break out of the href attribute.
    expect(mail.html).toContain('<a href="https://c.example/i?a=1&amp;b=">https://c.example/i?a=1&amp;b=</a>&quot;2&quot;');
  });

  it('makes the in-app text without greeting or footer', () => {
    const r = renderNotification({ locale: 'zh' }, 'system.test', {});
    expect(r).toEqual({ subject: 'Concord 测试消息', body: '这是一条测试消息。如果您能读到它，说明 Concord 可以联系到您。' });
  });
});

describe('the digest e-mail', () => {
  it('lists each notification with its link and points to the inbox beyond the cap', () => {
    const items = Array.from({ length: digestMaxItems + 5 }, (_, i) => ({ kind: 'system.test', params: {}, url: `https://c.example/n/${i}` }));
    const mail = composeDigestMail({ locale: 'en', items, settingsUrl: 'https://c.example/s', inboxUrl: 'https://c.example/notifications', name: 'Ana' });
    expect(mail.subject).toBe(`${digestMaxItems + 5} new notifications in Concord`);
    expect(mail.text.match(/• Test message from Concord/g)?.length).toBe(digestMaxItems);
    expect(mail.text).toContain('https://c.example/n/0');
    expect(mail.text).not.toContain(`https://c.example/n/${digestMaxItems}\n`);
    expect(mail.text).toContain('… and 5 more: https://c.example/notifications');
  });
});

describe('helpers', () => {
  it('formats dates in the recipient’s time zone, whatever the style', () => {
    const at = new Date('2026-03-01T20:30:00Z');
    expect(icuFormatter('{d, date, short} {d, time, short}', 'en', 'Asia/Almaty').format({ d: at })).toBe('3/2/26 1:30 AM');
    expect(icuFormatter('{d, date, ::yyyyMMdd}', 'en', 'America/New_York').format({ d: at })).toBe('03/01/2026');
  });

  it('makes links absolute against the base URL', () => {
    expect(absoluteUrl('https://c.example/', '/a/b')).toBe('https://c.example/a/b');
    expect(absoluteUrl('https://c.example', 'https://other.example/x')).toBe('https://other.example/x');
  });

  it('keeps one day per digest and runs it at 06:00 UTC', () => {
    expect(digestDay(new Date('2026-11-27T23:59:00Z'))).toBe('2026-11-27');
    expect(nextDay('2026-12-31')).toBe('2027-01-01');
    expect(digestRunAt('2026-11-27').toISOString()).toBe('2026-11-27T06:00:00.000Z');
  });

  it('makes HTML from text, paragraphs at blank lines', () => {
    const html = textToHtml('a\nb\n\nc & d', 'en', 'T');
    expect(html).toContain('<p>a<br>\nb</p>');
    expect(html).toContain('<p>c &amp; d</p>');
    expect(oneLine(' x \n y ')).toBe('x y');
  });
});
