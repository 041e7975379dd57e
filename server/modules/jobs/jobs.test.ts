import { describe, expect, it } from 'vitest';
import { backoffMs } from './jobs.ts';

describe('job backoff', () => {
  it('grows and is capped at an hour (with jitter ±20%)', () => {
    expect(backoffMs(1, () => 0.5)).toBe(30_000);
    expect(backoffMs(2, () => 0.5)).toBe(60_000);
    expect(backoffMs(30, () => 0.5)).toBe(3_600_000);
    expect(backoffMs(3, () => 0)).toBe(96_000);
    expect(backoffMs(3, () => 1)).toBe(144_000);
  });
});
