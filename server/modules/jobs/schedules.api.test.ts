import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, testApp } from '../../../test/helpers/app.ts';
import { loadConfig } from '../../config.ts';
import { ManualClock } from '../../shared/clock.ts';
import { jobSchedules } from './handlers.ts';

/**
 * Every app instance runs the same recurring schedules against the one database. They must add up to
 * one job per day and kind, whatever the number of instances and passes: the dedupe key decides.
 */
let t: TestApp;
beforeAll(async () => {
  t = await testApp({ demo: true });
});
afterAll(() => t?.close());

describe('recurring schedules across instances', () => {
  it('three instances, each passing five times on each of two days, queue one digest and one reminders job per day', async () => {
    const clock = new ManualClock('2026-03-10T10:00:00Z');
    const config = loadConfig({ CONCORD_BASE_URL: t.url });
    const instances = [jobSchedules({ config }), jobSchedules({ config }), jobSchedules({ config })];
    const passes = async () => {
      for (let pass = 0; pass < 5; pass++) await Promise.all(instances.flatMap((schedules) => schedules.map((run) => run(t.db, clock))));
    };
    await passes();
    clock.advance(24 * 3_600_000);
    await passes();

    const rows = await t.db
      .selectFrom('jobs')
      .select(['kind', 'dedupe_key'])
      .where((eb) => eb.or([eb('dedupe_key', 'like', 'digest:2026-03-%'), eb('dedupe_key', 'like', 'exchange.%:2026-03-%')]))
      .orderBy('dedupe_key')
      .execute();
    const keys = rows.map((r) => r.dedupe_key);
    expect(new Set(keys).size, 'no key twice').toBe(keys.length);
    // Today and tomorrow are queued on each day: the 10th, 11th and 12th, once each.
    expect(keys.filter((k) => k?.startsWith('digest:'))).toEqual(['digest:2026-03-10', 'digest:2026-03-11', 'digest:2026-03-12']);
    expect(keys.filter((k) => k?.startsWith('exchange.')).map((k) => k?.slice(-10))).toEqual(['2026-03-10', '2026-03-11', '2026-03-12']);
  });
});
