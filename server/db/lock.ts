import { closeSync, mkdirSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import path from 'node:path';

/**
 * PGlite has no data-folder lock of its own: two processes on one folder silently corrupt
 * it (electric-sql/pglite#1106). We take an exclusive lock file created with O_EXCL that
 * holds our pid; a stale file (its pid no longer alive) is replaced.
 */
export class DataDirLockedError extends Error {
  constructor(
    readonly dataDir: string,
    readonly pid: number,
  ) {
    super(`The data folder ${dataDir} is in use by another Concord process (pid ${pid}).`);
    this.name = 'DataDirLockedError';
  }
}

export interface DataDirLock {
  readonly file: string;
  release(): void;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function readHolder(file: string): number | null {
  try {
    const info = JSON.parse(readFileSync(file, 'utf8'));
    return Number.isInteger(info.pid) ? info.pid : null;
  } catch {
    return null;
  }
}

export function acquireDataDirLock(dataDir: string): DataDirLock {
  const dir = path.resolve(dataDir);
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, 'concord.lock');
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const fd = openSync(file, 'wx', 0o600);
      writeSync(fd, JSON.stringify({ pid: process.pid, host: hostname(), startedAt: new Date().toISOString() }));
      closeSync(fd);
      // Re-read: a racing process that removed a stale file must not leave us both holding it.
      if (readHolder(file) !== process.pid) continue;
      let released = false;
      return {
        file,
        release() {
          if (released) return;
          released = true;
          if (readHolder(file) === process.pid) {
            try {
              unlinkSync(file);
            } catch {
              /* already gone */
            }
          }
        },
      };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const holder = readHolder(file);
      if (holder !== null && holder !== process.pid && isAlive(holder)) throw new DataDirLockedError(dir, holder);
      if (holder === process.pid) throw new DataDirLockedError(dir, holder);
      // Stale (dead pid or unreadable after a crash mid-write): remove and try again.
      try {
        unlinkSync(file);
      } catch {
        /* someone else removed it */
      }
    }
  }
  const holder = readHolder(file) ?? 0;
  throw new DataDirLockedError(dir, holder);
}
