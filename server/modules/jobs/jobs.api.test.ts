import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, testApp } from '../../../test/helpers/app.ts';
import type { ManualClock } from '../../shared/clock.ts';
import { claimDueJobs } from './jobs.repository.ts';
import { enqueueJob, runDueJobs } from './jobs.service.ts';

let t: TestApp;
beforeAll(async () => {
  t = await testApp();
});
afterAll(() => t?.close());

describe('job queue', () => {
  it('runs a due job once and not one that is not yet due', async () => {
    const seen: string[] = [];
    await enqueueJob(t.db, t.clock, 'test.record', { n: 'now' });
    await enqueueJob(t.db, t.clock, 'test.record', { n: 'later' }, { runAt: new Date(t.clock.now().getTime() + 3_600_000) });
    const handlers = { 'test.record': async (p: Record<string, unknown>) => void seen.push(String(p.n)) };
    expect(await runDueJobs(t.db, t.clock, handlers)).toBe(1);
    expect(await runDueJobs(t.db, t.clock, handlers)).toBe(0);
    expect(seen).toEqual(['now']);
    (t.clock as ManualClock).advance(3_600_000);
    await runDueJobs(t.db, t.clock, handlers);
    expect(seen).toEqual(['now', 'later']);
  });

  it('retries a failing job with backoff and never loses it', async () => {
    let calls = 0;
    const handlers = {
      'test.flaky': async () => {
        calls++;
        if (calls < 3) throw new Error('smtp down');
      },
    };
    await enqueueJob(t.db, t.clock, 'test.flaky', {});
    await runDueJobs(t.db, t.clock, handlers);
    let row = await t.db.selectFrom('jobs').selectAll().where('kind', '=', 'test.flaky').executeTakeFirstOrThrow();
    expect(row).toMatchObject({ status: 'pending', attempts: 1, last_error: 'smtp down' });
    expect(new Date(row.run_at).getTime()).toBeGreaterThan(t.clock.now().getTime());
    expect(await runDueJobs(t.db, t.clock, handlers)).toBe(0); // not before its backoff
    (t.clock as ManualClock).advance(2 * 3_600_000);
    await runDueJobs(t.db, t.clock, handlers);
    (t.clock as ManualClock).advance(2 * 3_600_000);
    await runDueJobs(t.db, t.clock, handlers);
    row = await t.db.selectFrom('jobs').selectAll().where('kind', '=', 'test.flaky').executeTakeFirstOrThrow();
    expect(row.status).toBe('done');
    expect(calls).toBe(3);
  });

  it('does not hand the same job to two claimers', async () => {
    for (let i = 0; i < 10; i++) await enqueueJob(t.db, t.clock, 'test.claim', { i });
    const [a, b] = await Promise.all([claimDueJobs(t.db, t.clock.now(), 10, 60_000), claimDueJobs(t.db, t.clock.now(), 10, 60_000)]);
    const ids = [...a, ...b].filter((j) => j.kind === 'test.claim').map((j) => j.id);
    expect(ids.length).toBe(10);
    expect(new Set(ids).size).toBe(10);
  });

  it('claims only kinds it can run, leaving the others for a worker that can', async () => {
    await enqueueJob(t.db, t.clock, 'test.elsewhere', {});
    expect(await runDueJobs(t.db, t.clock, { 'test.other': async () => {} })).toBe(0);
    let row = await t.db.selectFrom('jobs').selectAll().where('kind', '=', 'test.elsewhere').executeTakeFirstOrThrow();
    expect(row).toMatchObject({ status: 'pending', attempts: 0, last_error: null });
    await runDueJobs(t.db, t.clock, { 'test.elsewhere': async () => {} });
    row = await t.db.selectFrom('jobs').selectAll().where('kind', '=', 'test.elsewhere').executeTakeFirstOrThrow();
    expect(row).toMatchObject({ status: 'done', attempts: 1 });
  });

  it('keeps a job that keeps failing as dead, with its error, instead of dropping it', async () => {
    await enqueueJob(t.db, t.clock, 'test.never', {}, { maxAttempts: 2 });
    const handlers = { 'test.never': async () => Promise.reject(new Error('always')) };
    for (let i = 0; i < 3; i++) {
      await runDueJobs(t.db, t.clock, handlers);
      (t.clock as ManualClock).advance(2 * 3_600_000);
    }
    const row = await t.db.selectFrom('jobs').selectAll().where('kind', '=', 'test.never').executeTakeFirstOrThrow();
    expect(row).toMatchObject({ status: 'dead', attempts: 2, last_error: 'always' });
  });
});
