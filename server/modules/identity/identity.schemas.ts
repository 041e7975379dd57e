import { z } from 'zod';
import { languageCode, timeZone } from '../profile/profile.schemas.ts';
import { type allRoles, tokenScopes } from './identity.ts';

export const role = z.enum(['head-of-delegation', 'focal-point', 'delegate', 'viewer', 'admin', 'officer'] as const satisfies typeof allRoles).meta({
  id: 'Role',
  description: 'Delegation roles: head-of-delegation, focal-point, delegate, viewer. Secretariat roles: admin, officer.',
});
export const userStatus = z.enum(['active', 'suspended']).meta({ id: 'UserStatus' });
export const partyKind = z
  .enum(['member-state', 'observer-state', 'observer-organization', 'partner-organization', 'secretariat'])
  .meta({ id: 'PartyKind' });

const emailInput = z.email({ error: 'must be an e-mail address' }).max(254);
/** New passwords: the length and strength rules are checked by the service (422 with the reason). */
const newPassword = z.string().min(1).max(1024).meta({ description: 'At least 12 characters; not common, not built from your name or e-mail.' });
const totpCode = z.string().regex(/^\s*\d{3}\s?\d{3}\s*$/, { error: 'must be the 6-digit code from the authenticator app' });
const oneTimeToken = z.string().min(20).max(200).regex(/^[A-Za-z0-9_-]+$/, { error: 'is not a valid link token' });

export const partyRef = z
  .object({ id: z.uuid(), code: z.string(), kind: partyKind, names: z.record(z.string(), z.string()) })
  .meta({ id: 'PartyRef' });

export const userView = z
  .object({
    id: z.uuid(),
    email: z.string(),
    name: z.string(),
    language: z.string(),
    timeZone: z.string(),
    role,
    status: userStatus,
    party: partyRef,
    invitationPending: z.boolean().meta({ description: 'Invited, and no password set yet.' }),
    totpEnabled: z.boolean(),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
  })
  .meta({ id: 'User' });

export const me = z
  .object({
    user: userView,
    party: partyRef,
    session: z.object({
      via: z.enum(['session', 'token']),
      mfa: z.boolean().meta({ description: 'This session was confirmed with a second factor.' }),
      mfaRequired: z.boolean().meta({ description: "The forum requires two-factor authentication for this person's role." }),
      tokenScopes: z.array(z.string()).nullable(),
    }),
    powers: z.object({
      isSecretariat: z.boolean(),
      isAdmin: z.boolean(),
      isChair: z.boolean().meta({ description: "The person's party holds the chairmanship today and the person is its focal point or head." }),
      canInvite: z.boolean(),
      canManagePeople: z.boolean().meta({ description: 'May list and change people (all parties for admins, their own delegation for focal points and heads).' }),
      mustEnrolMfa: z.boolean().meta({ description: 'Two-factor is required and not yet confirmed in this session: only enrolment works.' }),
    }),
  })
  .meta({ id: 'Me' });

export const sessionState = z
  .object({
    signedIn: z.boolean(),
    me: me.nullable().meta({ description: 'Who is signed in, as in GET /api/me; null for a visitor.' }),
  })
  .meta({ id: 'SessionState' });

export const loginBody = z
  .object({
    email: z.string().trim().min(1).max(254),
    password: z.string().min(1).max(1024),
    totp: totpCode.optional(),
    recoveryCode: z.string().trim().min(8).max(40).optional(),
  })
  .meta({ id: 'LoginRequest' });

export const invitationBody = z
  .object({
    email: emailInput,
    name: z.string().trim().min(1).max(200),
    partyCode: z.string().trim().min(2).max(16),
    role,
    language: languageCode.default('en'),
    timeZone: timeZone.optional(),
  })
  .meta({ id: 'InvitationRequest' });

export const invitationResult = z
  .object({ user: userView, expiresAt: z.iso.datetime() })
  .meta({ id: 'Invitation', description: 'The invited person and when the link expires. The link is e-mailed, never returned.' });

export const acceptInvitationBody = z.object({ token: oneTimeToken, password: newPassword }).meta({ id: 'AcceptInvitationRequest' });
export const resetRequestBody = z.object({ email: z.string().trim().min(1).max(254) }).meta({ id: 'PasswordResetRequest' });
export const resetCompleteBody = z.object({ token: oneTimeToken, password: newPassword }).meta({ id: 'PasswordResetCompletion' });
export const accepted = z
  .object({ status: z.literal('accepted') })
  .meta({ id: 'Accepted', description: 'Received. The same answer whether or not the address has an account.' });

export const userListQuery = z.object({
  party: z.string().trim().min(2).max(16).optional().meta({ description: 'Party code.' }),
  status: userStatus.optional(),
  role: role.optional(),
  q: z.string().trim().min(1).max(100).optional().meta({ description: 'Part of the name or e-mail.' }),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});
export const userList = z
  .object({ items: z.array(userView), total: z.number().int(), page: z.number().int(), pageSize: z.number().int() })
  .meta({ id: 'UserList' });

export const idParam = z.object({ id: z.uuid({ error: 'must be a UUID' }) });

export const userPatch = z
  .object({
    name: z.string().trim().min(1).max(200).optional(),
    language: languageCode.optional(),
    timeZone: timeZone.optional(),
    role: role.optional(),
    status: userStatus.optional(),
  })
  .strict()
  .refine((v) => Object.keys(v).length > 0, { error: 'names nothing to change' })
  .meta({ id: 'UserUpdate' });

export const mePatch = z
  .object({
    name: z.string().trim().min(1).max(200).optional(),
    language: languageCode.optional(),
    timeZone: timeZone.optional(),
  })
  .strict()
  .refine((v) => Object.keys(v).length > 0, { error: 'names nothing to change' })
  .meta({ id: 'AccountUpdate' });

export const passwordChangeBody = z.object({ current: z.string().min(1).max(1024), next: newPassword }).meta({ id: 'PasswordChange' });

export const sessionView = z
  .object({
    id: z.string(),
    current: z.boolean(),
    createdAt: z.iso.datetime(),
    lastSeenAt: z.iso.datetime(),
    expiresAt: z.iso.datetime().meta({ description: 'The latest it can last, used or not (absolute timeout).' }),
    idleExpiresAt: z.iso.datetime().meta({ description: 'When it ends if not used before (idle timeout).' }),
    mfa: z.boolean(),
    userAgent: z.string().nullable(),
    ip: z.string().nullable(),
  })
  .meta({ id: 'Session' });
export const sessionList = z.object({ items: z.array(sessionView) }).meta({ id: 'SessionList' });
export const sessionIdParam = z.object({ id: z.string().regex(/^[0-9a-f]{64}$/, { error: 'is not a session id' }) });

export const tokenScope = z.enum(tokenScopes).meta({ id: 'TokenScope', description: '`read`: GET requests; `write`: requests that change things.' });
export const apiTokenView = z
  .object({
    id: z.uuid(),
    name: z.string(),
    scopes: z.array(tokenScope),
    createdAt: z.iso.datetime(),
    lastUsedAt: z.iso.datetime().nullable(),
    expiresAt: z.iso.datetime().nullable(),
    revokedAt: z.iso.datetime().nullable(),
  })
  .meta({ id: 'ApiToken' });
export const apiTokenList = z.object({ items: z.array(apiTokenView) }).meta({ id: 'ApiTokenList' });
export const apiTokenCreate = z
  .object({
    name: z.string().trim().min(1).max(100),
    scopes: z.array(tokenScope).min(1).max(2),
    expiresInDays: z.number().int().min(1).max(366).optional().meta({ description: 'Omit for a token that lasts until revoked.' }),
  })
  .meta({ id: 'ApiTokenRequest' });
export const apiTokenCreated = z
  .object({
    token: apiTokenView,
    secret: z.string().meta({ description: 'Send as `Authorization: Bearer <secret>`. Shown this once; only its hash is kept.' }),
  })
  .meta({ id: 'ApiTokenCreated' });

export const totpSetup = z
  .object({
    secret: z.string().meta({ description: 'Base32 secret, for typing into an app that cannot scan.' }),
    otpauthUri: z.string(),
    qrCode: z.string().meta({ description: 'The otpauth URI as an SVG QR code, a data: URL.' }),
  })
  .meta({ id: 'TotpSetup' });
export const totpEnableBody = z.object({ code: totpCode }).meta({ id: 'TotpEnable' });
export const totpDisableBody = z
  .object({ password: z.string().min(1).max(1024), code: z.string().trim().min(6).max(40).meta({ description: 'A current code or a recovery code.' }) })
  .meta({ id: 'TotpDisable' });
export const recoveryCodes = z
  .object({ recoveryCodes: z.array(z.string()).meta({ description: 'Ten single-use codes. Shown this once; keep them safe.' }) })
  .meta({ id: 'RecoveryCodes' });

export const securitySettings = z
  .object({ requireMfaForRoles: z.array(role).max(6).meta({ description: 'Roles that must use two-factor authentication.' }) })
  .meta({ id: 'SecuritySettings' });
