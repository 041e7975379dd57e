import type { Kysely } from 'kysely';
import { saveProfile } from '../../server/modules/profile/profile.service.ts';
import { cicaProfile } from '../../server/modules/registry/cica.data.ts';
import { systemActor } from '../../server/shared/context.ts';
import type { TestApp } from './app.ts';

/** The CICA profile (symbol prefix) and the bodies documents are filed under, on a fresh test database. */
export async function seedDocumentBasics(t: Pick<TestApp, 'db' | 'clock'>): Promise<void> {
  const db = t.db as unknown as Kysely<any>;
  const profile = await db.selectFrom('forum_profile').select('id').executeTakeFirst();
  if (!profile) {
    await t.db.transaction().execute((trx) =>
      saveProfile(trx, { actor: systemActor, requestId: null, clock: t.clock }, cicaProfile as Parameters<typeof saveProfile>[2]),
    );
  }
  const bodies: [string, string, string][] = [
    ['SOC', 'Senior Officials Committee', 'decision-making'],
    ['MC', 'Ministerial Council', 'decision-making'],
    ['CHS', 'Summit', 'decision-making'],
    ['SWG', 'Special Working Group', 'subsidiary'],
    ['EM', 'Experts Meeting', 'experts'],
  ];
  for (const [code, en, kind] of bodies) {
    await db
      .insertInto('bodies')
      .values({ code, kind, names: JSON.stringify({ en, ru: en }), membership: 'all-members' })
      .onConflict((oc) => oc.column('code').doNothing())
      .execute();
  }
}
