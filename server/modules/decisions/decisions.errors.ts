import { AppError } from '../../shared/errors.ts';
import { DeadlineError, RuleError } from './decision.ts';

/** The decisions module's error codes; the web app translates them (`errors.<code>`). */
export const decisionErrors = {
  notFound: () => new AppError('not_found', 'not_found', 'The decision was not found.'),
  unknownBody: (code: string) =>
    new AppError('unprocessable', 'decisions.unknown_body', `There is no body with the code ${code}.`, { fields: [{ field: 'bodyCode', message: 'is not a known body' }] }),
  unknownDocument: () =>
    new AppError('unprocessable', 'decisions.unknown_document', 'The text document was not found.', { fields: [{ field: 'textDocumentId', message: 'is not a document you can read' }] }),
  unknownParty: (field: string, code: string) =>
    new AppError('unprocessable', 'decisions.unknown_party', `There is no member state with the code ${code}.`, { fields: [{ field, message: 'is not a member state' }] }),
  proposerMismatch: () =>
    new AppError('unprocessable', 'decisions.proposer_mismatch', 'A member state proposes a decision through its own focal point or head of delegation, or the Secretariat on its behalf.', {
      fields: [{ field: 'proposerPartyCode', message: 'does not fit the proposer kind' }],
    }),
  unknownMeeting: () =>
    new AppError('unprocessable', 'decisions.unknown_meeting', 'The meeting was not found.', { fields: [{ field: 'meetingId', message: 'is not a meeting you can see' }] }),
  meetingOfAnotherBody: (body: string) =>
    new AppError('unprocessable', 'decisions.meeting_body_mismatch', `The meeting is not a meeting of ${body}.`, { fields: [{ field: 'meetingId', message: 'is a meeting of another body' }] }),
  meetingNotInSession: () =>
    new AppError('unprocessable', 'decisions.meeting_not_in_session', 'A meeting is given only for a decision taken in session.', {
      fields: [{ field: 'meetingId', message: 'is only for a decision taken in session' }],
    }),
  textRequired: () =>
    new AppError('unprocessable', 'decisions.text_required', 'Attach the draft text (an L. document) before circulating it.', { fields: [{ field: 'textDocumentId', message: 'is needed' }] }),
  languagesNotReady: (languages: string[]) =>
    new AppError(
      'unprocessable',
      'decisions.languages_not_ready',
      `The text is not ready in every working language (${languages.join(', ')} missing): every state must read the same text.`,
      { fields: [{ field: 'textDocumentId', message: `not ready in ${languages.join(', ')}` }] },
    ),
  noProfile: () => new AppError('unprocessable', 'decisions.no_profile', 'No forum profile is loaded: the consensus settings are unknown.'),
  /** Recording a position needs a fresh two-factor confirmation: the code from the authenticator app, sent with the request. */
  totpRequired: () =>
    new AppError('forbidden', 'decisions.totp_required', 'Confirm with the 6-digit code from your authenticator app (header X-TOTP-Code).', {
      fields: [{ field: 'x-totp-code', message: 'is needed' }],
    }),
  totpInvalid: () =>
    new AppError('unprocessable', 'decisions.totp_invalid', 'The code is not right or has already been used; wait for the next code and try again.', {
      fields: [{ field: 'x-totp-code', message: 'is not right or already used' }],
    }),
  totpNotEnabled: () =>
    new AppError('forbidden', 'decisions.totp_not_enabled', 'Turn on two-factor authentication for your account to record your state’s position.'),
  busy: () => new AppError('conflict', 'decisions.busy', 'The position changed at the same moment; try again.', { retryAfterSeconds: 1 }),
};

/** A broken rule from the pure layer, as an AppError (422 with the rule's code, naming the field if any). */
export function fromRule(err: unknown): unknown {
  if (err instanceof RuleError) {
    const kind = err.code === 'decisions.silence_expired' || err.code === 'decisions.closed' || err.code === 'decisions.withdrawn' || err.code === 'decisions.already_launched' ? 'conflict' : 'unprocessable';
    return new AppError(kind, err.code, err.message, err.field ? { fields: [{ field: err.field, message: err.message }] } : {});
  }
  if (err instanceof DeadlineError) {
    const code = `decisions.deadline_${err.code}`;
    return new AppError('unprocessable', code, err.message, { fields: [{ field: 'expiry', message: err.message }] });
  }
  return err;
}
