import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadConfig } from '../../server/config.ts';
import { type Concord, startConcord } from '../../server/main.ts';
import type { Clock } from '../../server/shared/clock.ts';

export interface TestServer {
  url: string;
  concord: Concord;
  close(): Promise<void>;
}

/**
 * The real server for browser tests: a fresh temporary data folder (embedded database), the
 * CICA demo loaded (unless demo: false), the built web app from web/dist, a random port.
 * Pass a ManualClock to control time (decisions, deadlines).
 */
export async function startTestServer(opts: { demo?: boolean; clock?: Clock; env?: Record<string, string> } = {}): Promise<TestServer> {
  const dir = mkdtempSync(path.join(tmpdir(), 'concord-e2e-'));
  const config = loadConfig({
    PORT: '0',
    HOST: '127.0.0.1',
    CONCORD_DATA_DIR: path.join(dir, 'data'),
    CONCORD_DEMO: opts.demo === false ? '0' : '1',
    CONCORD_LOG_LEVEL: 'silent',
    ...opts.env,
  });
  const concord = await startConcord(config, { clock: opts.clock, logger: false, serveWeb: true });
  return {
    url: concord.url,
    concord,
    async close() {
      await concord.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
