import { AppError } from '../../shared/errors.ts';
import { type PasswordProblem, passwordProblemMessages } from './passwords.ts';

/** The identity module's error codes; the web app translates them. */
export const identityErrors = {
  invalidCredentials: () => new AppError('unauthenticated', 'auth.invalid_credentials', 'The e-mail address or the password is not right.'),
  totpRequired: () =>
    new AppError('unauthenticated', 'auth.totp_required', 'Enter the 6-digit code from your authenticator app, or one of your recovery codes.'),
  totpInvalid: () => new AppError('unauthenticated', 'auth.totp_invalid', 'The code is not right or has already been used.'),
  suspended: () => new AppError('forbidden', 'auth.account_suspended', 'This account is suspended. Ask your focal point or the Secretariat.'),
  throttled: (seconds: number) =>
    new AppError('rate_limited', 'auth.too_many_attempts', `Too many attempts. Try again in ${Math.ceil(seconds / 60)} minute(s).`, {
      retryAfterSeconds: seconds,
    }),
  tokenInvalid: () =>
    new AppError('bad_input', 'auth.token_invalid', 'This link is not valid: it has expired or has already been used. Ask for a new one.', {
      fields: [{ field: 'token', message: 'is expired, used or unknown' }],
    }),
  weakPassword: (problem: PasswordProblem, field = 'password') =>
    new AppError('unprocessable', `identity.password_${problem}`, `The password ${passwordProblemMessages[problem]}.`, {
      fields: [{ field, message: passwordProblemMessages[problem] }],
    }),
  wrongPassword: (field = 'current') =>
    new AppError('unprocessable', 'identity.wrong_password', 'The current password is not right.', { fields: [{ field, message: 'is not right' }] }),
  sessionRequired: () =>
    new AppError('forbidden', 'auth.session_required', 'Sign in with your password to do this; an API token is not enough.'),
  mfaRequired: () => new AppError('forbidden', 'auth.mfa_required', 'Confirm with two-factor authentication to do this.'),
  emailTaken: () =>
    new AppError('conflict', 'identity.email_taken', 'Someone with this e-mail address already has an account.', {
      fields: [{ field: 'email', message: 'is already in use' }],
    }),
  unknownParty: (code: string) =>
    new AppError('unprocessable', 'identity.unknown_party', `There is no party with the code ${code}.`, {
      fields: [{ field: 'partyCode', message: 'is not a known party' }],
    }),
  roleMismatch: (role: string, kind: string) =>
    new AppError(
      'unprocessable',
      'identity.role_party_mismatch',
      kind === 'secretariat'
        ? `The Secretariat has the roles admin and officer, not ${role}.`
        : `A delegation has the roles head-of-delegation, focal-point, delegate and viewer, not ${role}.`,
      { fields: [{ field: 'role', message: 'does not fit the party' }] },
    ),
  cannotChangeSelf: () =>
    new AppError('unprocessable', 'identity.cannot_change_own_access', 'You cannot change your own role or suspend yourself; ask another administrator.'),
  lastAdmin: () =>
    new AppError('conflict', 'identity.last_admin', 'This is the last active administrator; appoint another one first.'),
  totpAlreadyEnabled: () => new AppError('conflict', 'identity.totp_already_enabled', 'Two-factor authentication is already on.'),
  totpNotStarted: () => new AppError('conflict', 'identity.totp_not_started', 'Start the two-factor set-up first.'),
  totpNotEnabled: () => new AppError('conflict', 'identity.totp_not_enabled', 'Two-factor authentication is not on.'),
  totpRequiredByForum: () =>
    new AppError('unprocessable', 'identity.totp_required_by_forum', 'Your role must use two-factor authentication; it cannot be turned off.'),
  codeInvalid: (field = 'code') =>
    new AppError('unprocessable', 'identity.code_invalid', 'The code is not right or has already been used.', {
      fields: [{ field, message: 'is not right' }],
    }),
  alreadyAccepted: () => new AppError('conflict', 'identity.already_active', 'This person has already set a password; an invitation is not needed.'),
} as const;
