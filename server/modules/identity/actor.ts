import type { Actor, Ctx } from '../../shared/context.ts';
import { identityErrors } from './identity.errors.ts';
import type { UserRecord } from './identity.repository.ts';

/** The actor a person is when acting through a session (or in the service that signs them in). */
export function actorOfUser(
  u: Pick<UserRecord, 'id' | 'partyId' | 'partyCode' | 'partyKind' | 'role'>,
  session: { id: string | null; mfa: boolean },
  tokenScopes: string[] | null = null,
): Actor {
  return {
    kind: 'user',
    userId: u.id,
    partyId: u.partyId,
    partyCode: u.partyCode,
    partyKind: u.partyKind,
    role: u.role,
    mfa: session.mfa,
    sessionId: session.id,
    tokenScopes,
  };
}

/** Account-security actions need a signed-in session: a leaked API token must not mint more. */
export function requireSession(ctx: Ctx): void {
  if (ctx.actor.kind !== 'user' || !ctx.actor.sessionId || ctx.actor.tokenScopes !== null) throw identityErrors.sessionRequired();
}

/**
 * Step-up for sensitive acts: the session must have been confirmed with a second factor
 * (signed in with a TOTP or recovery code, or two-factor enabled in this session).
 */
export function requireRecentMfa(ctx: Ctx): void {
  requireSession(ctx);
  if (!ctx.actor.mfa) throw identityErrors.mfaRequired();
}
