import { z } from 'zod';
import { conceptStatuses, limits } from './glossary.ts';

const lang = z
  .string()
  .min(2)
  .max(35)
  .regex(/^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, { error: 'must be a BCP 47 language tag such as en, zh-Hans' })
  .meta({ description: 'BCP 47 language tag' });
const term = z.string().trim().min(1).max(limits.term);

export const conceptStatus = z.enum(conceptStatuses).meta({ id: 'GlossaryStatus', description: 'draft: Secretariat only; approved: public; deprecated: public, marked as no longer in use.' });

export const conceptSource = z
  .object({
    title: z.string().max(limits.sourceTitle).nullish().meta({ description: 'The publication the entry comes from.' }),
    date: z.string().max(10).nullish().meta({ description: 'Its date: YYYY, YYYY-MM or YYYY-MM-DD.' }),
    url: z.string().max(limits.url).nullish().meta({ description: 'Its address (http or https).' }),
  });

export const conceptLanguageInput = z
  .object({
    lang,
    preferred: term,
    synonyms: z.array(term).max(limits.termsPerLanguage).optional(),
    abbreviations: z.array(term).max(limits.termsPerLanguage).optional(),
    definition: z.string().max(limits.definition).nullish(),
    note: z.string().max(limits.note).nullish().meta({ description: 'A long explanatory note; paragraphs separated by blank lines.' }),
  });

export const conceptInput = z
  .object({
    code: z.string().regex(/^[a-z][a-z0-9-]{0,79}$/, { error: 'must be lower-case letters, digits and hyphens, starting with a letter' }),
    subject: z.string().max(limits.subject).nullish(),
    status: conceptStatus,
    source: conceptSource.nullish(),
    languages: z.array(conceptLanguageInput).min(1).max(limits.languages),
  })
  .meta({ id: 'GlossaryNewConcept' });
export type ConceptInputBody = z.infer<typeof conceptInput>;

export const conceptPatch = z
  .object({
    code: conceptInput.shape.code.optional(),
    subject: z.string().max(limits.subject).nullish(),
    status: conceptStatus.optional(),
    source: conceptSource.nullish(),
    languages: z.array(conceptLanguageInput).max(limits.languages).optional().meta({ description: 'Languages to add or replace (whole language sections).' }),
    removeLanguages: z.array(lang).max(limits.languages).optional(),
  })
  .meta({ id: 'GlossaryConceptPatch' });
export type ConceptPatchBody = z.infer<typeof conceptPatch>;

export const conceptLanguage = z
  .object({
    lang: z.string(),
    dir: z.enum(['ltr', 'rtl']),
    preferred: z.string(),
    synonyms: z.array(z.string()),
    abbreviations: z.array(z.string()),
    definition: z.string().nullable(),
    note: z.string().nullable(),
  })
  .meta({ id: 'GlossaryLanguage' });

export const concept = z
  .object({
    id: z.uuid(),
    code: z.string(),
    subject: z.string().nullable(),
    status: conceptStatus,
    source: z.object({ title: z.string().nullable(), date: z.string().nullable(), url: z.string().nullable() }).nullable(),
    languages: z.array(conceptLanguage),
    createdAt: z.string(),
    updatedAt: z.string(),
    can: z.object({ manage: z.boolean() }),
  })
  .meta({ id: 'GlossaryConcept' });

export const glossaryIndex = z
  .object({
    lang: z.string(),
    dir: z.enum(['ltr', 'rtl']),
    order: z.enum(['alphabetical', 'pinyin', 'stroke']),
    languages: z.array(z.object({ lang: z.string(), count: z.number().int() })),
    letters: z.array(z.object({ letter: z.string(), count: z.number().int() })),
    entries: z.array(
      z.object({
        id: z.uuid(),
        code: z.string(),
        status: conceptStatus,
        subject: z.string().nullable(),
        letter: z.string(),
        term: z.string(),
        abbreviations: z.array(z.string()),
        definition: z.string().nullable(),
        languages: z.array(z.string()),
      }),
    ),
    can: z.object({ manage: z.boolean() }),
  })
  .meta({ id: 'GlossaryIndex' });

export const indexQuery = z.object({
  lang: lang.optional().meta({ description: 'Language of the index (default en).' }),
  order: z.enum(['pinyin', 'stroke']).optional().meta({ description: 'Chinese only: letters by pinyin initial (default) or first characters in stroke order.' }),
});

export const idParams = z.object({ id: z.string().min(1).max(80).meta({ description: 'The concept id (UUID) or its code.' }) });

export const importBody = z
  .object({
    format: z.enum(['tbx', 'csv']),
    content: z.string().min(1).max(8_000_000).meta({ description: 'The file: TBX-Basic XML or CSV (UTF-8 text).' }),
    dryRun: z.boolean().optional().meta({ description: 'Check and report only; nothing is stored.' }),
  })
  .meta({ id: 'GlossaryImport' });

export const importReport = z
  .object({
    format: z.enum(['tbx', 'csv']),
    dryRun: z.boolean(),
    imported: z.boolean().meta({ description: 'Whether anything was stored (only when nothing was refused).' }),
    entries: z.number().int(),
    created: z.number().int(),
    updated: z.number().int(),
    unchanged: z.number().int(),
    refused: z.array(z.object({ line: z.number().int(), code: z.string().nullable(), field: z.string().nullable(), reason: z.string() })),
  })
  .meta({ id: 'GlossaryImportReport' });

export const exportQuery = z.object({ format: z.enum(['tbx', 'csv']).default('tbx') });
