import { z } from 'zod';
import { isIsoDay } from './due-rules.ts';

// ---------------------------------------------------------------------------------------------------------
// Building blocks

const lang = z.string().regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})?$/, { error: 'must be a language code such as en, ru, zh' });
export const exchangeText = z
  .record(lang, z.string().trim().min(1).max(4000))
  .refine((v) => Boolean(v.en), { error: 'needs English (en)' })
  .meta({ id: 'ExchangeLocalizedText', description: 'Text per language code; English is required, other languages fall back to it.' });

const partyCode = z.string().regex(/^[A-Z][A-Z0-9-]{1,15}$/, { error: 'must be a party code such as KZ' });
const formCode = z.string().regex(/^[a-z][a-z0-9-]{1,62}$/, { error: 'must be lower-case letters, digits and dashes' });
const year = z.number().int().min(1990).max(2200);
const isoDay = z.string().refine(isIsoDay, { error: 'must be a date YYYY-MM-DD' });

export const visibility = z
  .enum(['parties', 'members', 'public'])
  .meta({ id: 'ExchangeVisibility', description: 'parties: only the parties named (and recipients); members: every member state; public: anyone. The Secretariat always sees.' });
export const contentKind = z
  .enum(['data', 'nothing-to-declare', 'nothing-new'])
  .meta({ id: 'ExchangeContentKind', description: 'data: answers to the form; nothing-to-declare; nothing-new: nothing new since `nothingNewSince`.' });

export const dueRule = z
  .discriminatedUnion('kind', [
    z.strictObject({
      kind: z.literal('annual'),
      month: z.number().int().min(1).max(12),
      day: z.number().int().min(1).max(31),
      covers: z.enum(['previous-year', 'current-year']),
    }),
    z.strictObject({
      kind: z.literal('before-activity'),
      days: z.number().int().min(0).max(366),
      activityStartField: z.string().regex(/^[A-Za-z][A-Za-z0-9_]{0,63}$/),
    }),
  ])
  .meta({
    id: 'ExchangeDueRule',
    description:
      "When a form is due. annual: on month/day each year, the year being the one it falls due in ('covers' says which calendar year it reports on). before-activity: `days` days before the date in `activityStartField`. Due at the end of the due day in the forum's time zone.",
  });

const fieldLabel = z.strictObject({
  label: exchangeText,
  help: exchangeText.optional(),
  options: z.record(z.string().min(1).max(100), exchangeText).optional(),
});

const formCheck = z.strictObject({ kind: z.literal('date-order'), from: z.string().min(1).max(200), to: z.string().min(1).max(200) });

// ---------------------------------------------------------------------------------------------------------
// Forms

export const createFormBody = z
  .strictObject({
    code: formCode.meta({ description: 'Stable code of the form; posting an existing code adds its next version.' }),
    title: exchangeText,
    description: exchangeText,
    cbmArea: z.string().max(20).nullable().optional(),
    schema: z.record(z.string(), z.unknown()).meta({ description: 'JSON Schema (draft 2020-12) of the answers; the root is an object.' }),
    labels: z
      .record(z.string().min(1).max(300), fieldLabel)
      .meta({ description: 'Label and help per field path (`personnel.total`; list items as `*`: `contacts.*.email`), per language.' }),
    dueRule,
    allowsNothingToDeclare: z.boolean().default(false),
    allowsNothingNew: z.boolean().default(false),
    checks: z.array(formCheck).max(20).optional(),
    summaryField: z.string().max(200).nullable().optional(),
    ackReminderHours: z.number().int().min(1).max(24 * 60).optional(),
  })
  .meta({ id: 'ExchangeNewForm' });
export type CreateFormBody = z.infer<typeof createFormBody>;

export const formView = z
  .object({
    id: z.string(),
    code: z.string(),
    version: z.number().int(),
    isLatest: z.boolean(),
    title: z.record(z.string(), z.string()),
    description: z.record(z.string(), z.string()),
    cbmArea: z.string().nullable(),
    schema: z.record(z.string(), z.unknown()),
    labels: z.record(z.string(), z.unknown()),
    dueRule,
    allowsNothingToDeclare: z.boolean(),
    allowsNothingNew: z.boolean(),
    checks: z.array(formCheck),
    summaryField: z.string().nullable(),
    ackReminderHours: z.number().int(),
    createdAt: z.string(),
  })
  .meta({ id: 'ExchangeForm' });
export type FormView = z.infer<typeof formView>;

export const formList = z.object({ items: z.array(formView) }).meta({ id: 'ExchangeFormList' });
export const formListQuery = z.object({
  all: z
    .enum(['true', 'false'])
    .optional()
    .meta({ description: 'true: every version of every form; default: the latest version of each.' }),
});
export const idParams = z.object({ id: z.uuid({ error: 'must be an id (UUID)' }) });

export const validateBody = z.strictObject({ data: z.unknown() }).meta({ id: 'ExchangeAnswers' });
export const fieldErrorView = z
  .object({ field: z.string(), keyword: z.string(), params: z.record(z.string(), z.unknown()), message: z.string() })
  .meta({ id: 'ExchangeFieldError', description: 'One problem with one field: its dotted path, the rule broken (to translate) and an English message.' });
export const validationResult = z.object({ valid: z.boolean(), errors: z.array(fieldErrorView) }).meta({ id: 'ExchangeValidation' });

// ---------------------------------------------------------------------------------------------------------
// Submissions

const contentFields = {
  kind: contentKind.default('data'),
  nothingNewSince: year.nullable().optional(),
  data: z.record(z.string(), z.unknown()).nullable().optional().meta({ description: "The answers, shaped by the form's JSON Schema." }),
  visibility,
  visibleTo: z.array(partyCode).max(100).optional().meta({ description: "Parties that may see it ('parties' visibility only), by code." }),
  recipients: z.array(partyCode).max(100).optional().meta({ description: 'Parties it is delivered to, by code; each acknowledges receipt.' }),
  submit: z.boolean().default(false).meta({ description: 'Submit at once instead of saving a draft.' }),
};

export const createSubmissionBody = z
  .strictObject({
    formId: z.uuid().optional().meta({ description: 'A form version; or give `form` for the latest version of a form.' }),
    form: formCode.optional(),
    party: partyCode.optional().meta({ description: "Filing party; default: the caller's." }),
    year: year.optional().meta({ description: 'Exchange year of an annual form (default: this year in the forum time zone); a notice takes the year its activity starts.' }),
    ...contentFields,
  })
  .refine((v) => Boolean(v.formId) !== Boolean(v.form), { error: 'give exactly one of formId and form', path: ['form'] })
  .meta({ id: 'ExchangeNewSubmission' });
export type CreateSubmissionBody = z.infer<typeof createSubmissionBody>;

export const updateDraftBody = z
  .strictObject({
    year: year.optional(),
    kind: contentKind.optional(),
    nothingNewSince: year.nullable().optional(),
    data: z.record(z.string(), z.unknown()).nullable().optional(),
    visibility: visibility.optional(),
    visibleTo: z.array(partyCode).max(100).optional(),
    recipients: z.array(partyCode).max(100).optional(),
  })
  .meta({ id: 'ExchangeDraftUpdate' });
export type UpdateDraftBody = z.infer<typeof updateDraftBody>;

export const correctionBody = z
  .strictObject({
    kind: contentKind.default('data'),
    nothingNewSince: year.nullable().optional(),
    data: z.record(z.string(), z.unknown()).nullable().optional(),
    visibility: visibility.optional().meta({ description: "Default: the corrected version's." }),
    visibleTo: z.array(partyCode).max(100).optional(),
    recipients: z.array(partyCode).max(100).optional(),
    submit: z.boolean().default(false),
  })
  .meta({ id: 'ExchangeCorrection' });
export type CorrectionBody = z.infer<typeof correctionBody>;

export const derestrictBody = z
  .strictObject({ to: z.enum(['members', 'public']), reason: z.string().trim().min(1).max(2000).optional() })
  .meta({ id: 'ExchangeDerestriction' });
export const acknowledgeBody = z.strictObject({ note: z.string().trim().min(1).max(2000).optional() }).meta({ id: 'ExchangeAcknowledgementNote' });

export const recipientView = z
  .object({ party: z.string(), acknowledgedAt: z.string().nullable(), remindedAt: z.string().nullable() })
  .meta({ id: 'ExchangeRecipient' });

export const dueView = z
  .object({
    dueDay: z.string().meta({ description: "Due day in the forum's time zone." }),
    dueAt: z.string().meta({ description: 'First instant after the due day ends (UTC).' }),
    timeZone: z.string(),
    onTime: z.boolean().nullable().meta({ description: 'Whether the first submitted version met it; null while not submitted.' }),
  })
  .meta({ id: 'ExchangeDue' });

export const submissionView = z
  .object({
    id: z.string(),
    form: z.object({ id: z.string(), code: z.string(), version: z.number().int() }),
    party: z.string().meta({ description: 'Code of the filing party.' }),
    year: z.number().int(),
    activityStart: z.string().nullable(),
    kind: contentKind,
    nothingNewSince: z.number().int().nullable(),
    title: z.string().nullable(),
    visibility,
    status: z.enum(['draft', 'submitted']),
    version: z.number().int(),
    rootId: z.string(),
    previousId: z.string().nullable(),
    nextId: z.string().nullable().meta({ description: 'The next version, when there is one the caller may see.' }),
    createdAt: z.string(),
    updatedAt: z.string(),
    submittedAt: z.string().nullable(),
    due: dueView.nullable(),
    visibleTo: z.array(z.string()).nullable().meta({ description: 'Named parties; shown to the filing party and the Secretariat only.' }),
    recipients: z.array(recipientView).nullable().meta({ description: 'Delivery and acknowledgement per recipient; filing party and Secretariat only.' }),
    received: z
      .object({ acknowledgedAt: z.string().nullable() })
      .nullable()
      .meta({ description: "When the caller's party is a recipient: its own acknowledgement." }),
    derestrictions: z.array(z.object({ from: visibility, to: visibility, at: z.string(), reason: z.string().nullable() })),
  })
  .meta({ id: 'ExchangeSubmission' });
export type SubmissionView = z.infer<typeof submissionView>;

export const submissionDetail = submissionView
  .extend({
    data: z.record(z.string(), z.unknown()).nullable(),
    history: z.array(z.object({ id: z.string(), version: z.number().int(), status: z.enum(['draft', 'submitted']), submittedAt: z.string().nullable() })),
  })
  .meta({ id: 'ExchangeSubmissionDetail' });
export type SubmissionDetail = z.infer<typeof submissionDetail>;

export const submissionList = z.object({ items: z.array(submissionView), total: z.number().int() }).meta({ id: 'ExchangeSubmissionList' });

const intString = (min: number, max: number) =>
  z
    .string()
    .regex(/^\d{1,6}$/, { error: 'must be a whole number' })
    .transform(Number)
    .refine((n) => n >= min && n <= max, { error: `must be between ${min} and ${max}` });

export const submissionFilterQuery = z.object({
  party: partyCode.optional(),
  form: formCode.optional(),
  year: intString(1990, 2200).optional(),
  status: z.enum(['draft', 'submitted']).optional(),
  box: z.enum(['received', 'sent']).optional().meta({ description: "received: delivered to the caller's party; sent: filed by it." }),
  latest: z.enum(['true', 'false']).optional().meta({ description: 'true: only the latest version of each submission.' }),
});
export const submissionListQuery = submissionFilterQuery.extend({
  limit: intString(1, 200).optional(),
  offset: intString(0, 1_000_000).optional(),
});
export type SubmissionFilterQuery = z.infer<typeof submissionFilterQuery>;
export type SubmissionListQuery = z.infer<typeof submissionListQuery>;

export const exportJson = z
  .object({ exportedAt: z.string(), count: z.number().int(), items: z.array(submissionDetail) })
  .meta({ id: 'ExchangeExport' });

export const acknowledgementView = z
  .object({ submissionId: z.string(), party: z.string(), acknowledgedAt: z.string(), note: z.string().nullable(), created: z.boolean() })
  .meta({ id: 'ExchangeAcknowledgement' });

// ---------------------------------------------------------------------------------------------------------
// Comparison and deadlines

export const compareQuery = z.object({
  party: partyCode,
  form: formCode,
  years: z
    .string()
    .regex(/^\d{4}(,\d{4}){0,9}$/, { error: 'must be up to 10 years separated by commas, e.g. 2024,2025' })
    .transform((s) => [...new Set(s.split(',').map(Number))].sort()),
});

export const comparisonView = z
  .object({
    party: z.string(),
    form: z.string(),
    years: z.array(
      z.object({
        year: z.number().int(),
        submissionId: z.string().nullable(),
        version: z.number().int().nullable(),
        kind: contentKind.nullable(),
        nothingNewSince: z.number().int().nullable(),
        submittedAt: z.string().nullable(),
      }),
    ),
    fields: z.array(
      z.object({
        path: z.string(),
        label: z.record(z.string(), z.string()).nullable(),
        values: z.array(z.union([z.string(), z.number(), z.boolean(), z.null()])),
        changed: z.boolean(),
      }),
    ),
  })
  .meta({ id: 'ExchangeComparison' });
export type ComparisonView = z.infer<typeof comparisonView>;

export const deadlineStatus = z
  .enum(['not-yet-due', 'due', 'overdue', 'submitted-on-time', 'submitted-late'])
  .meta({ id: 'ExchangeDeadlineStatus' });

export const deadlineRow = z
  .object({
    party: z.string(),
    form: z.string(),
    formTitle: z.record(z.string(), z.string()),
    year: z.number().int(),
    covers: z.object({ from: isoDay, to: isoDay }).nullable().meta({ description: 'Calendar period an annual exchange reports on.' }),
    activityStart: z.string().nullable(),
    title: z.string().nullable(),
    dueDay: z.string(),
    dueAt: z.string(),
    status: deadlineStatus,
    daysLeft: z.number().int().nullable().meta({ description: 'Whole days to the due day (negative when past) while not submitted.' }),
    submissionId: z.string().nullable(),
    firstSubmittedAt: z.string().nullable(),
    kind: contentKind.nullable(),
    hasDraft: z.boolean().meta({ description: 'A draft is being prepared (shown to the party itself only).' }),
  })
  .meta({ id: 'ExchangeDeadline' });
export type DeadlineRow = z.infer<typeof deadlineRow>;

export const deadlinesQuery = z.object({
  year: intString(1990, 2200).optional().meta({ description: "Exchange year; default: this year in the forum's time zone." }),
  party: partyCode.optional().meta({ description: 'Secretariat only: one party.' }),
});
export const deadlinesView = z
  .object({
    year: z.number().int(),
    timeZone: z.string().meta({ description: "The forum's time zone, in which due days end." }),
    now: z.string(),
    items: z.array(deadlineRow),
    summary: z.object({
      'not-yet-due': z.number().int(),
      due: z.number().int(),
      overdue: z.number().int(),
      'submitted-on-time': z.number().int(),
      'submitted-late': z.number().int(),
    }),
  })
  .meta({ id: 'ExchangeDeadlines' });
