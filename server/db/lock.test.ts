import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { acquireDataDirLock, DataDirLockedError } from './lock.ts';

const fresh = () => mkdtempSync(path.join(tmpdir(), 'concord-lock-'));

describe('data folder lock', () => {
  it('is exclusive while held and free after release', () => {
    const dir = fresh();
    const lock = acquireDataDirLock(dir);
    expect(JSON.parse(readFileSync(lock.file, 'utf8')).pid).toBe(process.pid);
    expect(() => acquireDataDirLock(dir)).toThrow(DataDirLockedError);
    lock.release();
    expect(existsSync(lock.file)).toBe(false);
    acquireDataDirLock(dir).release();
  });

  it('names the folder and the live pid holding it', async () => {
    const dir = fresh();
    const child = spawn(process.execPath, ['-e', 'setTimeout(()=>{}, 20000)']);
    try {
      writeFileSync(path.join(dir, 'concord.lock'), JSON.stringify({ pid: child.pid }));
      try {
        acquireDataDirLock(dir);
        expect.unreachable();
      } catch (err) {
        expect(err).toBeInstanceOf(DataDirLockedError);
        expect((err as Error).message).toContain(path.resolve(dir));
        expect((err as Error).message).toContain(String(child.pid));
      }
    } finally {
      child.kill();
    }
  });

  it('replaces a stale lock left by a dead process', async () => {
    const dir = fresh();
    const child = spawn(process.execPath, ['-e', '0']);
    await new Promise((r) => child.on('exit', r));
    writeFileSync(path.join(dir, 'concord.lock'), JSON.stringify({ pid: child.pid }));
    const lock = acquireDataDirLock(dir);
    expect(JSON.parse(readFileSync(lock.file, 'utf8')).pid).toBe(process.pid);
    lock.release();
  });
});
