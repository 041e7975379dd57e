import { saveProfile } from '../../server/modules/profile/profile.service.ts';
import { cicaProfile } from '../../server/modules/registry/cica.data.ts';
import type { Role } from '../../server/shared/context.ts';
import type { TestApp } from '../helpers/app.ts';
import { createUser, ensureParty, signIn, systemCtx, type TestUser } from '../helpers/auth.ts';
import type { MatrixWorld, PartyKey, Persona, SignedInPersona } from './types.ts';

const partyCodes: Record<PartyKey, string> = {
  own: 'KZ',
  other: 'CN',
  observer: 'JP',
  observerOrganization: 'OSCE',
  chair: 'AZ',
  secretariat: 'SEC',
};

const personaOf: Record<SignedInPersona, { party: PartyKey; role: Role }> = {
  otherDelegate: { party: 'other', role: 'delegate' },
  observer: { party: 'observer', role: 'focal-point' },
  ownViewer: { party: 'own', role: 'viewer' },
  officer: { party: 'secretariat', role: 'officer' },
  admin: { party: 'secretariat', role: 'admin' },
  ownFocalPoint: { party: 'own', role: 'focal-point' },
  ownHead: { party: 'own', role: 'head-of-delegation' },
  ownDelegate: { party: 'own', role: 'delegate' },
  chairFocalPoint: { party: 'chair', role: 'focal-point' },
  observerOrganization: { party: 'observerOrganization', role: 'focal-point' },
};

/**
 * Builds the matrix world on a fresh test app: the forum profile, the parties, Azerbaijan's chair
 * term in force on the test clock's day, and one signed-in user per persona.
 */
export async function buildWorld(t: TestApp): Promise<MatrixWorld> {
  const ctx = systemCtx(t);
  await t.db.transaction().execute((trx) => saveProfile(trx, ctx, cicaProfile as Parameters<typeof saveProfile>[2]));
  const parties = {} as MatrixWorld['parties'];
  for (const [key, code] of Object.entries(partyCodes) as [PartyKey, string][]) parties[key] = await ensureParty(t, code);
  const hasTerm = await t.db.selectFrom('chair_terms').select('id').where('party_id', '=', parties.chair.id).executeTakeFirst();
  if (!hasTerm) {
    await t.db
      .insertInto('chair_terms')
      .values({ party_id: parties.chair.id, start_date: '2024-12-17', end_date: '2026', how_decided: 'authorization-matrix world' })
      .execute();
  }

  const users = {} as Record<SignedInPersona, TestUser>;
  const cookies = {} as Record<SignedInPersona, string>;
  for (const [p, def] of Object.entries(personaOf) as [SignedInPersona, { party: PartyKey; role: Role }][]) {
    users[p] = await createUser(t, { partyCode: partyCodes[def.party], role: def.role });
    cookies[p] = await signIn(t, users[p].email, users[p].password);
  }

  const makeUser = (party: PartyKey, role: Role) => createUser(t, { partyCode: partyCodes[party], role });
  return {
    t,
    parties,
    users,
    cookie: (p: Persona) => (p === 'anonymous' ? undefined : cookies[p]),
    async fresh(p: Persona) {
      if (p === 'anonymous') return { user: null, cookie: undefined };
      const def = personaOf[p];
      const user = await makeUser(def.party, def.role);
      return { user, cookie: await signIn(t, user.email, user.password) };
    },
    makeUser,
  };
}
