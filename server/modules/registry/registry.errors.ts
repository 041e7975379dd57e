import { AppError } from '../../shared/errors.ts';
import type { RuleProblem } from './party.ts';

/** The registry's error codes; the web app translates them. Fields name the request body's keys. */
export const registryErrors = {
  partyNotFound: (code: string) => new AppError('not_found', 'registry.party_not_found', `There is no party with the code ${code}.`),
  bodyNotFound: (code: string) => new AppError('not_found', 'registry.body_not_found', `There is no body with the code ${code}.`),
  chairTermNotFound: () => new AppError('not_found', 'registry.chair_term_not_found', 'There is no such chair term.'),
  bidNotFound: () => new AppError('not_found', 'registry.bid_not_found', 'There is no such chairmanship bid.'),
  periodNotFound: () => new AppError('not_found', 'registry.period_not_found', 'The party has no such status period.'),
  unknownParty: (code: string, field = 'party') =>
    new AppError('unprocessable', 'registry.unknown_party', `There is no party with the code ${code}.`, {
      fields: [{ field, message: 'is not a known party' }],
    }),
  unknownBody: (code: string, field = 'reportsTo') =>
    new AppError('unprocessable', 'registry.unknown_body', `There is no body with the code ${code}.`, {
      fields: [{ field, message: 'is not a known body' }],
    }),
  partyExists: (code: string) =>
    new AppError('conflict', 'registry.party_exists', `A party with the code ${code} exists already.`, { fields: [{ field: 'code', message: 'is taken' }] }),
  bodyExists: (code: string) =>
    new AppError('conflict', 'registry.body_exists', `A body with the code ${code} exists already.`, { fields: [{ field: 'code', message: 'is taken' }] }),
  secretariatExists: () =>
    new AppError('conflict', 'registry.secretariat_exists', 'The forum has a Secretariat already.', { fields: [{ field: 'kind', message: 'only one Secretariat' }] }),
  notAStateCode: (code: string) =>
    new AppError('unprocessable', 'registry.not_a_state_code', `${code} is not an ISO 3166-1 alpha-2 country code.`, {
      fields: [{ field: 'code', message: 'must be an ISO 3166-1 alpha-2 code for a state' }],
    }),
  namesRequired: () =>
    new AppError('unprocessable', 'registry.names_required', 'An organisation needs its name, at least in English.', {
      fields: [{ field: 'names.en', message: 'is required' }],
    }),
  bodyCycle: () =>
    new AppError('unprocessable', 'registry.body_cycle', 'A body cannot report to itself or to a body that reports to it.', {
      fields: [{ field: 'reportsTo', message: 'would make a loop' }],
    }),
  chairNotMember: (code: string) =>
    new AppError('unprocessable', 'registry.chair_not_member', `${code} is not a member state; only member states chair the forum.`, {
      fields: [{ field: 'party', message: 'must be a member state' }],
    }),
  bidNotMember: (code: string) =>
    new AppError('unprocessable', 'registry.bid_not_member', `${code} is not a member state; only member states bid to chair the forum.`, {
      fields: [{ field: 'party', message: 'must be a member state' }],
    }),
  bidMove: (from: string, to: string) =>
    new AppError('conflict', 'registry.bid_status_change', `A bid that is ${from} cannot become ${to}.`, { fields: [{ field: 'status', message: `not allowed from ${from}` }] }),
  submittedInFuture: () =>
    new AppError('unprocessable', 'registry.submitted_in_future', 'A bid cannot have been submitted in the future.', {
      fields: [{ field: 'submittedAt', message: 'is in the future' }],
    }),
  historicNamesOrder: () =>
    new AppError('unprocessable', 'registry.rename_before_last', 'A rename must come after the last recorded change of name.', {
      fields: [{ field: 'renamedOn', message: 'is not after the last change of name' }],
    }),
  rule: (p: RuleProblem) => new AppError('unprocessable', p.code, `${p.field} ${p.message}.`, { fields: [{ field: p.field, message: p.message }] }),
};
