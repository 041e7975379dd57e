import { z } from 'zod';
import { accessLevels, documentStatuses, documentTypes, languageRoles, languageStatuses, relationKinds, seriesValues } from './document.ts';

export const languageCode = z
  .string()
  .regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})?$/, { error: 'must be a BCP 47 language code such as en, ru, zh-Hans' })
  .meta({ description: 'BCP 47 language code' });
const partyCode = z.string().regex(/^[A-Z][A-Z0-9-]{1,15}$/, { error: 'must be a party code such as KZ' });
const bodyCode = z.string().regex(/^[A-Z][A-Z0-9-]{1,15}$/, { error: 'must be a body code such as SOC' });
const isoDate = z.iso.date({ error: 'must be a date YYYY-MM-DD' });
const instant = z.iso.datetime({ offset: true, error: 'must be an ISO 8601 date-time with a zone, e.g. 2027-01-01T00:00:00Z' });

export const documentType = z.enum(documentTypes).meta({ id: 'DocumentType' });
export const documentStatus = z.enum(documentStatuses).meta({ id: 'DocumentStatus' });
export const accessLevel = z.enum(accessLevels).meta({ id: 'AccessLevel' });
export const series = z.enum(seriesValues).meta({ id: 'DocumentSeries', description: 'general: no marker; limited: `L.` (drafts); restricted: `R.`' });

export const idParams = z.object({ id: z.uuid({ error: 'must be a document id (UUID)' }) });
export const symbolParams = z.object({ symbol: z.string().min(3).max(120) });
export const languageParams = idParams.extend({ lang: languageCode });
export const revisionParams = languageParams.extend({ n: z.coerce.number().int().min(1) });
export const fileParams = idParams.extend({ fileId: z.uuid({ error: 'must be a file id (UUID)' }) });

export const languageSummary = z
  .object({ language: z.string(), role: z.enum(languageRoles), status: z.enum(languageStatuses), authoritative: z.boolean() })
  .meta({ id: 'DocumentLanguageSummary' });

export const documentSummary = z
  .object({
    id: z.uuid(),
    symbol: z.string(),
    type: documentType,
    title: z.string(),
    bodyCode: z.string(),
    year: z.number().int(),
    date: z.string(),
    status: documentStatus,
    accessLevel: accessLevel.meta({ description: 'The level in force now (after any scheduled derestriction).' }),
    series,
    meetingId: z.uuid().nullable(),
    agendaItem: z.string().nullable(),
    submittingParty: z.string().nullable(),
    originalLanguage: z.string(),
    languages: z.array(languageSummary),
    updatedAt: z.string(),
  })
  .meta({ id: 'DocumentSummary' });

export const fileMeta = z
  .object({ id: z.uuid(), language: z.string(), fileName: z.string(), mediaType: z.string(), sizeBytes: z.number().int(), sha256: z.string(), createdAt: z.string() })
  .meta({ id: 'DocumentFile' });

export const languageVersion = z
  .object({
    language: z.string(),
    role: z.enum(languageRoles),
    status: z.enum(languageStatuses),
    authoritative: z.boolean(),
    translator: z.string().nullable(),
    title: z.string().nullable(),
    revision: z.number().int().nullable().meta({ description: 'Number of the current text revision; null before any text is saved.' }),
    files: z.array(fileMeta),
    updatedAt: z.string(),
  })
  .meta({ id: 'DocumentLanguageVersion' });

export const accessHistoryEntry = z
  .object({
    at: z.string(),
    change: z.enum(['set', 'derestricted', 'derestriction-scheduled', 'derestriction-cancelled']),
    fromLevel: accessLevel.nullable(),
    toLevel: accessLevel,
    parties: z.array(z.string()),
    effectiveAt: z.string().nullable(),
    decisionRef: z.string().nullable(),
    note: z.string().nullable(),
  })
  .meta({ id: 'DocumentAccessChange' });

export const documentDetail = documentSummary
  .extend({
    access: z.object({
      level: accessLevel,
      setLevel: accessLevel.meta({ description: 'The level as set, before any scheduled derestriction.' }),
      addressedParties: z.array(z.string()),
      derestrictAt: z.string().nullable(),
      derestrictTo: accessLevel.nullable(),
    }),
    relation: z.enum(relationKinds).nullable(),
    parentId: z.uuid().nullable(),
    family: z.array(z.object({ id: z.uuid(), symbol: z.string(), status: documentStatus, relation: z.enum(relationKinds).nullable() })),
    languageVersions: z.array(languageVersion),
    nextStatuses: z.array(documentStatus),
    can: z.object({ manage: z.boolean(), edit: z.boolean() }),
    accessHistory: z.array(accessHistoryEntry).optional().meta({ description: 'Secretariat only.' }),
    createdAt: z.string(),
  })
  .meta({ id: 'DocumentDetail' });

export const documentPage = z
  .object({ items: z.array(documentSummary), total: z.number().int(), limit: z.number().int(), offset: z.number().int() })
  .meta({ id: 'DocumentPage' });

export const listQuery = z.object({
  body: bodyCode.optional(),
  meeting: z.uuid().optional(),
  type: documentType.optional(),
  status: documentStatus.optional(),
  language: languageCode.optional(),
  year: z.coerce.number().int().min(1900).max(2999).optional(),
  q: z.string().trim().min(1).max(200).optional(),
  sort: z.enum(['date', '-date', 'symbol', '-symbol', 'title', '-title', 'updated', '-updated']).default('-date'),
  limit: z.coerce.number().int().min(1).max(100).default(25),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});

export const createDocumentBody = z
  .object({
    type: documentType,
    bodyCode,
    title: z.string().trim().min(1).max(500),
    originalLanguage: languageCode,
    date: isoDate.optional().meta({ description: 'Date of the document; its year is the year it is numbered in. Default: today (UTC).' }),
    meetingId: z.uuid().nullable().optional(),
    agendaItem: z.string().trim().min(1).max(50).nullable().optional(),
    submittingParty: partyCode.nullable().optional().meta({ description: "Default: the caller's party when a delegation submits; none for the Secretariat." }),
    accessLevel,
    addressedParties: z.array(partyCode).max(200).default([]),
    series: series.optional(),
    derestrictAt: instant.nullable().optional(),
    derestrictTo: accessLevel.nullable().optional(),
    translations: z.array(languageCode).max(20).default([]).meta({ description: 'Languages to open as awaited translations.' }),
  })
  .meta({ id: 'CreateDocument' });
export type CreateDocumentInput = z.infer<typeof createDocumentBody>;

export const statusBody = z.object({ to: documentStatus, note: z.string().trim().max(1000).optional() }).meta({ id: 'DocumentStatusChange' });

export const accessBody = z
  .object({
    level: accessLevel,
    addressedParties: z.array(partyCode).max(200).default([]),
    derestrictAt: instant.nullable().optional(),
    derestrictTo: accessLevel.nullable().optional(),
    note: z.string().trim().max(1000).optional(),
  })
  .meta({ id: 'DocumentAccessChangeRequest' });
export type AccessInput = z.infer<typeof accessBody>;

export const derestrictBody = z
  .object({
    to: accessLevel.default('public'),
    decisionRef: z.string().trim().min(1).max(200).meta({ description: 'The decision that derestricts it (symbol or reference).' }),
    note: z.string().trim().max(1000).optional(),
  })
  .meta({ id: 'DocumentDerestriction' });

export const relatedBody = z
  .object({
    kind: z.enum(relationKinds).default('revision'),
    title: z.string().trim().min(1).max(500).optional(),
    date: isoDate.optional(),
  })
  .meta({ id: 'IssueRelatedDocument' });

export const addLanguageBody = z
  .object({
    language: languageCode,
    status: z.enum(languageStatuses).default('awaited'),
    authoritative: z.boolean().default(false),
    translator: z.string().trim().min(1).max(200).nullable().optional(),
    title: z.string().trim().min(1).max(500).nullable().optional(),
  })
  .meta({ id: 'AddLanguageVersion' });

export const updateLanguageBody = z
  .object({
    status: z.enum(languageStatuses).optional(),
    authoritative: z.boolean().optional(),
    translator: z.string().trim().min(1).max(200).nullable().optional(),
    title: z.string().trim().min(1).max(500).nullable().optional(),
  })
  .refine((v) => Object.keys(v).length > 0, { error: 'name at least one field to change' })
  .meta({ id: 'UpdateLanguageVersion' });

export const paragraph = z.object({ n: z.number().int(), html: z.string(), plain: z.string() }).meta({ id: 'Paragraph' });

export const saveTextBody = z
  .object({
    paragraphs: z.array(z.string().max(100_000)).max(5000).meta({ description: 'HTML of each paragraph in order; sanitised on the server.' }),
    baseRevision: z.number().int().min(0).optional().meta({ description: 'The revision this edit started from; a newer one on the server gives 409.' }),
    note: z.string().trim().max(500).optional(),
  })
  .meta({ id: 'SaveText' });

export const revisionSummary = z
  .object({ n: z.number().int(), createdAt: z.string(), createdBy: z.uuid().nullable(), note: z.string().nullable(), paragraphCount: z.number().int() })
  .meta({ id: 'TextRevision' });

export const languageText = z
  .object({ language: z.string(), revision: z.number().int().nullable(), paragraphs: z.array(paragraph) })
  .meta({ id: 'LanguageText' });

export const compareQuery = z.object({ from: z.coerce.number().int().min(1), to: z.coerce.number().int().min(1) });
export const paragraphChange = z
  .object({
    status: z.enum(['same', 'changed', 'added', 'removed']),
    fromN: z.number().int().nullable(),
    toN: z.number().int().nullable(),
    words: z.array(z.object({ op: z.enum(['same', 'added', 'removed']), text: z.string() })),
  })
  .meta({ id: 'ParagraphChange' });
export const comparison = z
  .object({ language: z.string(), from: z.number().int(), to: z.number().int(), changes: z.array(paragraphChange) })
  .meta({ id: 'TextComparison' });

export const fileRules = z
  .object({
    maxBytes: z.number().int().meta({ description: 'The largest file an upload may be, in bytes.' }),
    kinds: z.array(z.object({ ext: z.string(), mediaType: z.string() })).meta({ description: 'The file types taken, judged by their content.' }),
  })
  .meta({ id: 'DocumentFileRules' });

export const crossCompareQuery = z.object({
  other: z.uuid({ error: 'must be a document id (UUID)' }),
  otherRevision: z.coerce.number().int().min(1).optional(),
  revision: z.coerce.number().int().min(1).optional(),
});
const comparedSide = z.object({ documentId: z.uuid(), symbol: z.string(), revision: z.number().int().nullable() });
export const crossComparison = z
  .object({ language: z.string(), from: comparedSide, to: comparedSide, changes: z.array(paragraphChange) })
  .meta({ id: 'DocumentComparison' });

export const parallelQuery = z.object({
  languages: z
    .string()
    .regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})?(,[a-z]{2,3}(-[A-Za-z0-9]{2,8})?){0,2}$/, { error: 'must be one to three language codes separated by commas' })
    .optional(),
});
export const parallelView = z
  .object({
    languages: z.array(z.object({ language: z.string(), title: z.string().nullable(), status: z.enum(languageStatuses), revision: z.number().int().nullable() })),
    rows: z.array(z.object({ n: z.number().int(), cells: z.record(z.string(), z.string().nullable()) })),
  })
  .meta({ id: 'ParallelView' });

export const aknQuery = z.object({ lang: languageCode.optional() });

export const dashboard = z
  .object({
    languages: z.array(
      z.object({
        language: z.string(),
        awaited: z.number().int(),
        inTranslation: z.number().int(),
        items: z.array(z.object({ documentId: z.uuid(), symbol: z.string(), title: z.string(), date: z.string(), status: z.enum(languageStatuses), translator: z.string().nullable() })),
      }),
    ),
  })
  .meta({ id: 'TranslationDashboard' });
