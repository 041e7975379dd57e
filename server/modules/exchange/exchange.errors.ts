import { AppError, type FieldProblem } from '../../shared/errors.ts';

/** Error codes of the information exchange; the web app translates them by code. */
export const exchangeErrors = {
  formNotFound: () => new AppError('not_found', 'exchange.form_not_found', 'The form was not found.'),
  unknownForm: () =>
    new AppError('unprocessable', 'exchange.unknown_form', 'There is no such form.', { fields: [{ field: 'form', message: 'is not a known form' }] }),
  invalidTemplate: (fields: FieldProblem[]) =>
    new AppError('bad_input', 'exchange.invalid_template', `The form template is invalid: ${fields.map((f) => `${f.field} ${f.message}`).join('; ')}`, { fields }),
  submissionNotFound: () => new AppError('not_found', 'not_found', 'The submission was not found.'),
  unknownParties: (fields: FieldProblem[]) =>
    new AppError('unprocessable', 'exchange.unknown_party', `Unknown or unsuitable parties: ${fields.map((f) => f.field).join(', ')}.`, { fields }),
  invalidAnswers: (fields: FieldProblem[], stored: boolean) =>
    new AppError(
      stored ? 'unprocessable' : 'bad_input',
      'exchange.invalid_answers',
      `The answers do not fit the form: ${fields.map((f) => `${f.field} ${f.message}`).join('; ')}`,
      { fields },
    ),
  kindNotAllowed: (kind: string) =>
    new AppError('unprocessable', 'exchange.kind_not_allowed', `This form does not allow "${kind}".`, { fields: [{ field: 'kind', message: `"${kind}" is not allowed by this form` }] }),
  badContent: (field: string, message: string) => new AppError('bad_input', 'exchange.bad_content', `${field} ${message}`, { fields: [{ field, message }] }),
  alreadyFiled: (existingId: string) =>
    new AppError('conflict', 'exchange.already_filed', `This party already has a submission of this form for that year (${existingId}); file a correction of it instead.`),
  notDraft: () => new AppError('conflict', 'exchange.not_draft', 'The submission has been submitted and cannot change; file a correction instead.'),
  notSubmitted: () => new AppError('conflict', 'exchange.not_submitted', 'Only a submitted submission can be corrected, derestricted or acknowledged.'),
  alreadyCorrected: () => new AppError('conflict', 'exchange.already_corrected', 'This version already has a correction; correct the latest version.'),
  notWider: (from: string, to: string) =>
    new AppError('conflict', 'exchange.not_wider', `Derestriction only widens who may see a submission: "${from}" to "${to}" is not wider.`),
  notRecipient: () => new AppError('forbidden', 'exchange.not_recipient', 'Only a party the submission was delivered to acknowledges it, through its focal point.'),
};
