import { z } from 'zod';

export const languageCode = z.string().regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})?$/, { error: 'must be a BCP 47 language code such as en, ru, zh-Hans' });
export const localizedText = z
  .record(languageCode, z.string().trim().min(1).max(500))
  .refine((v) => Object.keys(v).length > 0, { error: 'needs at least one language' })
  .meta({ id: 'LocalizedText', description: 'Text per language code.' });

export function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

export const timeZone = z.string().refine(isTimeZone, { error: 'must be an IANA time zone such as Asia/Almaty' });

export const consensusSettings = z
  .object({
    definition: z.enum(['no-objection', 'unanimity']).meta({ description: 'no-objection: adopted when no member objects; unanimity: every member must join.' }),
    observersMayComment: z.boolean(),
    silenceDays: z.number().int().min(1).max(120),
    silenceClosingHour: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, { error: 'must be HH:MM' }),
    reminderDaysBefore: z.array(z.number().int().min(0).max(60)).max(5),
    requireWorkingLanguagesReady: z.boolean(),
  })
  .meta({ id: 'ConsensusSettings' });

export const forumProfile = z
  .object({
    code: z.string().regex(/^[a-z0-9-]{2,20}$/),
    name: localizedText,
    abbreviation: localizedText,
    officialLanguages: z.array(languageCode).min(1),
    workingLanguages: z.array(languageCode).min(1),
    symbolPrefix: z.string().regex(/^[A-Z][A-Z0-9]{1,11}$/, { error: 'must be 2–12 capital letters or digits' }),
    seat: z.object({ city: z.string().min(1), country: z.string().regex(/^[A-Z]{2}$/) }),
    timeZone,
    consensus: consensusSettings,
    foundedYear: z.number().int().optional(),
    participantsOrder: languageCode.optional().meta({
      description:
        'The order of lists of participants: alphabetical by party name in this language (one of the official or working languages), e.g. en for English order, ru for Russian order. English when absent.',
    }),
    uncertain: z.array(z.string()).default([]).meta({ description: 'Fields whose facts the sources leave uncertain.' }),
  })
  .superRefine((p, ctx) => {
    if (p.participantsOrder !== undefined && !p.officialLanguages.includes(p.participantsOrder) && !p.workingLanguages.includes(p.participantsOrder)) {
      ctx.addIssue({ code: 'custom', path: ['participantsOrder'], message: 'must be one of the official or working languages' });
    }
  })
  .meta({ id: 'ForumProfile' });
export type ForumProfile = z.infer<typeof forumProfile>;
