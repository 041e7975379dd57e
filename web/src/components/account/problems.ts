import { isApiError } from '../../api/client.ts';
import { retryAfterOf } from '../../api/account.ts';
import type { MessageId } from '../../i18n/messages.ts';

/**
 * A message a person reads: a catalogue id (with values), or text the server wrote in English that we
 * have no translation for (a field rule from the schema), shown marked as English.
 */
export type Message = { id: MessageId; values?: Record<string, string | number> } | { text: string };

/** The API's error codes with a message of their own (identity, sign-in, notifications). */
const codeMessages: Record<string, MessageId> = {
  'auth.invalid_credentials': 'auth.error.invalidCredentials',
  'auth.totp_required': 'auth.error.totpRequired',
  'auth.totp_invalid': 'auth.error.totpInvalid',
  'auth.account_suspended': 'auth.error.suspended',
  'auth.token_invalid': 'auth.error.linkInvalid',
  'auth.session_required': 'auth.error.sessionRequired',
  'auth.mfa_required': 'auth.error.mfaRequired',
  'auth.mfa_enrolment_required': 'auth.error.mfaEnrolmentRequired',
  'auth.required': 'auth.error.signInRequired',
  'auth.csrf': 'auth.error.csrf',
  'identity.password_too_short': 'auth.password.tooShort',
  'identity.password_too_long': 'auth.password.tooLong',
  'identity.password_common': 'auth.password.common',
  'identity.password_too_simple': 'auth.password.tooSimple',
  'identity.password_personal': 'auth.password.personal',
  'identity.wrong_password': 'account.error.wrongPassword',
  'identity.email_taken': 'people.error.emailTaken',
  'identity.unknown_party': 'people.error.unknownParty',
  'identity.role_party_mismatch': 'people.error.roleMismatch',
  'identity.cannot_change_own_access': 'people.error.cannotChangeSelf',
  'identity.last_admin': 'people.error.lastAdmin',
  'identity.already_active': 'people.error.alreadyActive',
  'identity.totp_already_enabled': 'account.error.totpAlreadyEnabled',
  'identity.totp_not_started': 'account.error.totpNotStarted',
  'identity.totp_not_enabled': 'account.error.totpNotEnabled',
  'identity.totp_required_by_forum': 'account.error.totpRequiredByForum',
  'identity.code_invalid': 'account.error.codeInvalid',
  not_found: 'account.error.notFound',
  forbidden: 'account.error.forbidden',
  network: 'account.error.network',
};

/** Codes whose message can stand for any field the problem names (the message is about that field). */
const fieldCodes = new Set([
  'auth.token_invalid',
  'identity.password_too_short',
  'identity.password_too_long',
  'identity.password_common',
  'identity.password_too_simple',
  'identity.password_personal',
  'identity.wrong_password',
  'identity.email_taken',
  'identity.unknown_party',
  'identity.role_party_mismatch',
  'identity.code_invalid',
]);

/** The general message for a failure: by its code, with the wait of a 429, else a generic one. */
export function problemMessage(err: unknown): Message {
  if (!isApiError(err)) return { id: 'account.error.generic' };
  if (err.status === 429) {
    const seconds = retryAfterOf(err);
    return seconds ? { id: 'auth.error.tooManyAttemptsWait', values: { minutes: Math.max(1, Math.ceil(seconds / 60)) } } : { id: 'auth.error.tooManyAttempts' };
  }
  const id = codeMessages[err.code];
  if (id) return { id };
  if (err.status === 400) return { id: 'account.error.invalid' };
  if (err.status >= 500) return { id: 'account.error.server' };
  return { id: 'account.error.generic' };
}

/** Field errors of a problem, keyed by the field name without its `body.` prefix. */
export function problemFieldMessages(err: unknown): Record<string, Message> {
  const out: Record<string, Message> = {};
  if (!isApiError(err)) return out;
  const byCode = fieldCodes.has(err.code) ? codeMessages[err.code] : undefined;
  for (const e of err.problem.errors ?? []) {
    const field = e.field.replace(/^(body|querystring|params)\.?/, '') || 'form';
    out[field] ??= byCode ? { id: byCode } : { text: e.message };
  }
  return out;
}

/** Whether a problem's own message is fully told by its field messages (no need to say it twice). */
export function isFieldProblem(err: unknown): boolean {
  return isApiError(err) && fieldCodes.has(err.code) && (err.problem.errors?.length ?? 0) > 0;
}
