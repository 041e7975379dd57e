import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, testApp } from '../../../test/helpers/app.ts';
import { signIn } from '../../../test/helpers/auth.ts';
import { DEMO_PASSWORD, demoEmail } from '../identity/identity.demo.ts';

let t: TestApp;
beforeAll(async () => {
  t = await testApp({ demo: true });
}, 120_000);
afterAll(() => t?.close());

describe('the demo meeting', () => {
  it('is the SOC in Astana, hybrid, convened, with a numbered agenda and a notice in English and Russian', async () => {
    const cookie = await signIn(t, demoEmail('kz.focal'), DEMO_PASSWORD);
    const list = await t.get('/api/meetings?body=SOC', { cookie });
    expect(list.status).toBe(200);
    const m = list.body.items[0];
    expect(m.venue).toEqual({ city: 'Astana', country: 'KZ' });
    expect(m.format).toBe('hybrid');
    expect(m.status).toBe('convened');
    expect(m.presidingParty.code).toBe('AZ');
    expect(m.can.register).toBe(true);
    const detail = await t.get(`/api/meetings/${m.id}`, { cookie });
    expect(detail.body.notice.en).toContain('Astana, Kazakhstan');
    expect(detail.body.notice.ru).toContain('Астана');
    const agenda = await t.get(`/api/meetings/${m.id}/agenda`, { cookie });
    expect(agenda.body.items.map((i: { number: string }) => i.number)).toEqual(['1', '2', '3', '3.1', '3.2', '4', '5', '6']);
    // The Japanese observer is invited; the meeting shows in the personal calendar.
    const jp = await signIn(t, demoEmail('jp.focal'), DEMO_PASSWORD);
    expect((await t.get(`/api/meetings/${m.id}`, { cookie: jp })).status).toBe(200);
    expect((await t.get('/api/calendar.ics', { cookie: jp })).text).toContain(`meeting-${m.id}@concord`);
  });
});
