import type { DB } from '../../db/database.ts';

export async function readProfile(db: DB): Promise<Record<string, unknown> | null> {
  const row = await db.selectFrom('forum_profile').select('data').where('id', '=', 1).executeTakeFirst();
  return (row?.data as Record<string, unknown>) ?? null;
}

export async function writeProfile(trx: DB, data: Record<string, unknown>, now: Date): Promise<void> {
  await trx
    .insertInto('forum_profile')
    .values({ id: 1, data: JSON.stringify(data), updated_at: now })
    .onConflict((oc) => oc.column('id').doUpdateSet({ data: JSON.stringify(data), updated_at: now }))
    .execute();
}
