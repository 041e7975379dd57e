import type { Config } from '../../config.ts';
import type { JobHandlers } from './jobs.service.ts';

/** Every kind of job the server runs. Modules add their handlers here. */
export function jobHandlers(_deps: { config: Config }): JobHandlers {
  return {
    // A job the CLI and tests use to check the queue end to end.
    'system.noop': async () => {},
  };
}
