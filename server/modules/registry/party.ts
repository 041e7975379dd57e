/**
 * Pure rules about parties: their names in every UI language, the kind that follows from a status, and
 * how a new status period closes the current one. No database here.
 */
import { createRequire } from 'node:module';
import countries from 'i18n-iso-countries';
import { earliestDay, isPartialDate, latestDay } from './membership.ts';
import type { PartyKind, PartyStatus } from './registry.types.ts';

/** The languages Concord's web app speaks; every party gets a name in each of them where one is known. */
export const UI_LANGUAGES = ['en', 'ru', 'zh', 'vi', 'ar', 'fa', 'kk', 'tr'] as const;
export type UiLanguage = (typeof UI_LANGUAGES)[number];

// The node entry of i18n-iso-countries registers every locale it ships; registering ours again is a no-op
// there and keeps this working under a bundler that picks the browser entry (which registers none).
const require = createRequire(import.meta.url);
for (const lang of UI_LANGUAGES) countries.registerLocale(require(`i18n-iso-countries/langs/${lang}.json`));

/** An alias shorter than this is an abbreviation ('UAE'), not a short name. */
const MIN_SHORT_NAME = 4;
/** An official name this short is already the name people use ('Türkiye'). */
const SHORT_ENOUGH = 12;

/**
 * Where i18n-iso-countries' entry is wrong for a forum's use (an abbreviation as the official name, a
 * region instead of the state, "Palestinian territories" for the State of Palestine, a name the state
 * no longer uses), the name a foreign ministry would write. `name` and/or `short` per language.
 */
const NAME_CORRECTIONS: Record<string, Partial<Record<UiLanguage, { name?: string; short?: string }>>> = {
  CN: { ru: { name: 'Китайская Народная Республика', short: 'Китай' } },
  AE: { ru: { name: 'Объединённые Арабские Эмираты', short: 'ОАЭ' } },
  PS: {
    ru: { short: 'Палестина' },
    vi: { name: 'Nhà nước Palestine', short: 'Palestine' },
    fa: { name: 'دولت فلسطین', short: 'فلسطین' },
    kk: { name: 'Палестина Мемлекеті', short: 'Палестина' },
    tr: { name: 'Filistin Devleti', short: 'Filistin' },
  },
  MY: { vi: { name: 'Malaysia', short: 'Malaysia' } },
  US: {
    en: { short: 'United States' },
    ru: { name: 'Соединённые Штаты Америки', short: 'США' },
    vi: { short: 'Hoa Kỳ' },
    tr: { name: 'Amerika Birleşik Devletleri', short: 'ABD' },
  },
  LA: { en: { short: 'Laos' }, vi: { short: 'Lào' } },
  IR: { vi: { short: 'Iran' } },
  BY: { ar: { name: 'بيلاروس', short: 'بيلاروس' }, tr: { name: 'Belarus', short: 'Belarus' } },
};

/**
 * Names of a state in every UI language, from i18n-iso-countries (with the corrections above). `names` is the library's official form
 * ('Russian Federation'); `shortNames` its everyday alias ('Russia') where it gives one that is a real
 * name (no comma, not an abbreviation) and the official form is long, else the official form again.
 */
export function stateNames(code: string): { names: Record<string, string>; shortNames: Record<string, string> } {
  if (!countries.isValid(code)) throw new RangeError(`not an ISO 3166-1 alpha-2 code: ${code}`);
  const names: Record<string, string> = {};
  const shortNames: Record<string, string> = {};
  for (const lang of UI_LANGUAGES) {
    const official = countries.getName(code, lang, { select: 'official' });
    if (!official) continue;
    names[lang] = official;
    const all = (countries.getNames(lang, { select: 'all' }) as unknown as Record<string, string[]>)[code] ?? [official];
    const alias = all.length === 2 ? all[1] : undefined;
    const useAlias = alias !== undefined && official.length > SHORT_ENOUGH && alias.length >= MIN_SHORT_NAME && !alias.includes(',');
    shortNames[lang] = useAlias ? alias : official;
    const fix = NAME_CORRECTIONS[code]?.[lang];
    if (fix?.name) names[lang] = fix.name;
    if (fix?.short) shortNames[lang] = fix.short;
    else if (fix?.name) shortNames[lang] = fix.name;
  }
  return { names, shortNames };
}

export function isStateCode(code: string): boolean {
  return /^[A-Z]{2}$/.test(code) && countries.isValid(code);
}

export function alpha3Of(code: string): string | null {
  return countries.alpha2ToAlpha3(code) ?? null;
}

export const isStateKind = (kind: PartyKind) => kind === 'member-state' || kind === 'observer-state';

/**
 * The kind a party has once it holds `status`: states are member or observer states; organisations are
 * observer or partner organisations. Null when the status does not fit the party (a state as partner,
 * an organisation as member, anything for the Secretariat).
 */
export function kindForStatus(kind: PartyKind, status: PartyStatus): PartyKind | null {
  if (kind === 'secretariat') return null;
  if (isStateKind(kind)) {
    if (status === 'member') return 'member-state';
    if (status === 'observer') return 'observer-state';
    return null;
  }
  if (status === 'observer') return 'observer-organization';
  if (status === 'partner') return 'partner-organization';
  return null;
}

/** The status a party of this kind would hold on creation. */
export function statusOfKind(kind: PartyKind): PartyStatus | null {
  switch (kind) {
    case 'member-state':
      return 'member';
    case 'observer-state':
    case 'observer-organization':
      return 'observer';
    case 'partner-organization':
      return 'partner';
    default:
      return null;
  }
}

export interface StoredPeriod {
  id: string;
  status: PartyStatus;
  from: string | null;
  knownBy: string | null;
  to: string | null;
}

export interface RuleProblem {
  code: string;
  field: string;
  message: string;
}

export type StatusChangePlan =
  | { ok: true; close: { id: string; to: string } | null; kind: PartyKind | null }
  | { ok: false; problem: RuleProblem };

/**
 * A new status from `from` closes the open period (its `to` becomes `from`: under the reading rule of
 * membership.ts the later-starting period takes that day) and, unless `status` is 'none', opens a new one.
 * Refused when the new start is before the open period's start, when nothing would change, or when the
 * status does not fit the party.
 */
export function planStatusChange(kind: PartyKind, history: readonly StoredPeriod[], status: PartyStatus | 'none', from: string): StatusChangePlan {
  const fail = (code: string, field: string, message: string): StatusChangePlan => ({ ok: false, problem: { code, field, message } });
  if (!isPartialDate(from)) return fail('registry.bad_date', 'from', 'must be a date: YYYY, YYYY-MM or YYYY-MM-DD');
  if (kind === 'secretariat') return fail('registry.secretariat_has_no_status', 'status', 'the Secretariat holds no status');
  let newKind: PartyKind | null = null;
  if (status !== 'none') {
    newKind = kindForStatus(kind, status);
    if (newKind === null) return fail('registry.status_not_for_kind', 'status', `a ${isStateKind(kind) ? 'state' : 'organisation'} cannot hold the status ${status}`);
  }
  const open = history.filter((p) => p.to === null);
  const current = open[open.length - 1] ?? null;
  if (current === null) {
    if (status === 'none') return fail('registry.status_unchanged', 'status', 'the party holds no status to end');
    return { ok: true, close: null, kind: newKind };
  }
  if (current.status === status) return fail('registry.status_unchanged', 'status', `the party already holds the status ${status}`);
  const currentStart = current.from ?? current.knownBy;
  if (currentStart !== null && latestDay(from) < earliestDay(currentStart)) {
    return fail('registry.status_before_current', 'from', `must not be before the start of the current status (${currentStart})`);
  }
  // An open period that must end: others may also be open in odd legacy data, but only the latest counts.
  return { ok: true, close: { id: current.id, to: from }, kind: newKind ?? kind };
}

/** A period's end must not come before its start (compared as the widest reading of both). */
export function periodProblem(from: string | null, to: string | null, fromField = 'from', toField = 'to'): RuleProblem | null {
  if (from !== null && !isPartialDate(from)) return { code: 'registry.bad_date', field: fromField, message: 'must be a date: YYYY, YYYY-MM or YYYY-MM-DD' };
  if (to !== null && !isPartialDate(to)) return { code: 'registry.bad_date', field: toField, message: 'must be a date: YYYY, YYYY-MM or YYYY-MM-DD' };
  if (from !== null && to !== null && latestDay(to) < earliestDay(from)) {
    return { code: 'registry.end_before_start', field: toField, message: `must not be before ${fromField} (${from})` };
  }
  return null;
}
