import { randomUUID } from 'node:crypto';
import type { TestApp } from '../../../test/helpers/app.ts';
import type { DB } from '../../db/database.ts';
import { type Actor, type Ctx, systemActor } from '../../shared/context.ts';

/** Test support for the notifications tests: people straight in the database, contexts, polling. */

export interface TestUser {
  id: string;
  email: string;
  partyId: string;
}

export async function makeUser(
  db: DB,
  u: { language?: string; timeZone?: string; name?: string; status?: 'active' | 'suspended' } = {},
): Promise<TestUser> {
  const code = `T${randomUUID().replace(/[^0-9a-f]/g, '').slice(0, 8).toUpperCase()}`;
  const party = await db
    .insertInto('parties')
    .values({ code, kind: 'member-state', names: JSON.stringify({ en: `Party ${code}` }), short_names: '{}', notes: '[]' })
    .returning('id')
    .executeTakeFirstOrThrow();
  const email = `${randomUUID().slice(0, 8)}@example.org`;
  const user = await db
    .insertInto('users')
    .values({
      email,
      name: u.name ?? 'Test Person',
      language: u.language ?? 'en',
      time_zone: u.timeZone ?? 'UTC',
      party_id: party.id,
      role: 'delegate',
      status: u.status ?? 'active',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { id: user.id, email, partyId: party.id };
}

export function systemCtx(t: TestApp): Ctx {
  return { actor: systemActor, requestId: 'test', clock: t.clock, baseUrl: t.url };
}

export function userCtx(t: TestApp, user: TestUser): Ctx {
  const actor: Actor = {
    kind: 'user',
    userId: user.id,
    partyId: user.partyId,
    partyCode: null,
    partyKind: 'member-state',
    role: 'delegate',
    mfa: false,
    sessionId: null,
    tokenScopes: null,
  };
  return { actor, requestId: 'test', clock: t.clock, baseUrl: t.url };
}

/** Polls until `probe` returns something truthy. */
export async function until<T>(probe: () => Promise<T | undefined | null | false>, what: string, timeoutMs = 20_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}
