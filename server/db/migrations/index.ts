import type { Migration } from 'kysely';
import * as foundation from './2026-11-27T0800-foundation.ts';
import * as parties from './2026-11-27T0900-parties.ts';
import * as identity from './2026-11-27T1000-identity.ts';
import * as notifications from './2026-11-27T1100-notifications.ts';
import * as registry from './2026-11-27T1200-registry.ts';
import * as documents from './2026-11-27T1300-documents.ts';
import * as exchange from './2026-11-27T1400-exchange.ts';
import * as decisions from './2026-11-27T1500-decisions.ts';
import * as meetings from './2026-11-27T1600-meetings.ts';
import * as search from './2026-11-27T1700-search.ts';
import * as decisionTallies from './2026-11-28T1000-decision-tallies.ts';
import * as cbm from './2026-11-28T0900-cbm.ts';

/**
 * Every migration, in order. Names are timestamps; a migration that has landed is never edited.
 * Listed statically so the embedded build needs no directory scan.
 */
export const migrations: Record<string, Migration> = {
  '2026-11-27T0800-foundation': foundation,
  '2026-11-27T0900-parties': parties,
  '2026-11-27T1000-identity': identity,
  '2026-11-27T1100-notifications': notifications,
  '2026-11-27T1200-registry': registry,
  '2026-11-27T1300-documents': documents,
  '2026-11-27T1400-exchange': exchange,
  '2026-11-27T1500-decisions': decisions,
  '2026-11-27T1600-meetings': meetings,
  '2026-11-27T1700-search': search,
  '2026-11-28T0900-cbm': cbm,
  '2026-11-28T1000-decision-tallies': decisionTallies,
};
