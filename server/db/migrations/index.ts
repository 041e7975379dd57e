import type { Migration } from 'kysely';
import * as foundation from './2026-11-27T0800-foundation.ts';
import * as parties from './2026-11-27T0900-parties.ts';

/**
 * Every migration, in order. Names are timestamps; a migration that has landed is never edited.
 * Listed statically so the embedded build needs no directory scan.
 */
export const migrations: Record<string, Migration> = {
  '2026-11-27T0800-foundation': foundation,
  '2026-11-27T0900-parties': parties,
};
