import { z } from 'zod';
import { itemTypes } from './search.service.ts';

export const itemType = z.enum(itemTypes).meta({ id: 'SearchItemType' });

export const searchQuery = z.object({
  q: z.string().trim().min(1).max(300).meta({ description: 'Words to find, in any language and script; "quoted words" form one phrase.' }),
  lang: z
    .string()
    .regex(/^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, { error: 'must be a BCP 47 language tag such as en, zh' })
    .optional()
    .meta({ description: 'Only hits in this language.' }),
  type: itemType.optional(),
  body: z
    .string()
    .regex(/^[A-Z][A-Z0-9-]{1,15}$/, { error: 'must be a body code such as SOC' })
    .optional(),
  year: z.coerce.number().int().min(1900).max(2200).optional(),
  page: z.coerce.number().int().min(1).max(500).default(1),
  pageSize: z.coerce.number().int().min(1).max(50).default(20),
});

const segment = z.object({ text: z.string(), match: z.boolean() }).meta({ id: 'SearchSegment', description: 'A piece of text; `match` marks the words that matched (render as <mark>).' });
const facetValue = z.object({ value: z.string(), count: z.number().int() });

export const searchResult = z
  .object({
    query: z.string(),
    total: z.number().int().meta({ description: 'Visible hits (one per item and language).' }),
    page: z.number().int(),
    pageSize: z.number().int(),
    hits: z.array(
      z
        .object({
          type: itemType,
          id: z.string(),
          lang: z.string(),
          dir: z.enum(['ltr', 'rtl']),
          title: z.array(segment),
          snippet: z.array(segment),
          bodyCode: z.string().nullable(),
          year: z.number().int().nullable(),
          ref: z.record(z.string(), z.unknown()).meta({ description: 'What to show and link: symbol (documents), code (glossary, parties, bodies), ...' }),
          score: z.number(),
        })
        .meta({ id: 'SearchHit' }),
    ),
    facets: z.object({ type: z.array(facetValue), body: z.array(facetValue), year: z.array(facetValue), lang: z.array(facetValue) }),
    alsoSearched: z.array(z.string()).meta({ description: "Terms of glossary concepts found in the query, searched in the other languages too." }),
  })
  .meta({ id: 'SearchResult' });
