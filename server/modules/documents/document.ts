/**
 * Documents: the pure rules. Symbols (UN style), the status machine, access levels and who may
 * read what, when text may be edited. No database, no clock of its own: `now` is passed in.
 */
import type { Actor } from '../../shared/context.ts';

export const documentTypes = [
  'declaration',
  'statement',
  'decision',
  'action-plan',
  'concept-paper',
  'report',
  'note',
  'notification',
  'agenda',
  'minutes',
  'information-paper',
  'letter',
  'other',
] as const;
export type DocumentType = (typeof documentTypes)[number];

export const documentStatuses = ['draft', 'circulated', 'adopted', 'issued', 'superseded', 'withdrawn'] as const;
export type DocumentStatus = (typeof documentStatuses)[number];

export const accessLevels = ['public', 'members', 'members-and-observers', 'restricted'] as const;
export type AccessLevel = (typeof accessLevels)[number];

/** UN distribution series: general (no marker), limited (`L.`, drafts), restricted (`R.`). */
export const seriesValues = ['general', 'limited', 'restricted'] as const;
export type Series = (typeof seriesValues)[number];
export const seriesMarker: Record<Series, '' | 'L' | 'R'> = { general: '', limited: 'L', restricted: 'R' };

export const relationKinds = ['revision', 'addendum', 'corrigendum'] as const;
export type RelationKind = (typeof relationKinds)[number];

export const languageRoles = ['original', 'translation'] as const;
export type LanguageRole = (typeof languageRoles)[number];
export const languageStatuses = ['awaited', 'in-translation', 'ready'] as const;
export type LanguageStatus = (typeof languageStatuses)[number];

// ---------------------------------------------------------------------------------------------
// Symbols

export interface SymbolParts {
  prefix: string;
  body: string;
  year: number;
  series: Series;
  number: number;
  rev: number | null;
  add: number | null;
  corr: number | null;
}

const symbolPattern =
  /^([A-Z][A-Z0-9]{1,11})\/([A-Z][A-Z0-9-]{1,15})\/(\d{4})\/(?:(L|R)\.)?([1-9]\d{0,6})(?:\/Rev\.([1-9]\d{0,3}))?(?:\/Add\.([1-9]\d{0,3}))?(?:\/Corr\.([1-9]\d{0,3}))?$/;

export const bodyCodePattern = /^[A-Z][A-Z0-9-]{1,15}$/;

/** `CICA/SOC/2025/L.3/Rev.1` → parts; null when it is not a well-formed symbol. */
export function parseSymbol(symbol: string): SymbolParts | null {
  const m = symbolPattern.exec(symbol.trim());
  if (!m) return null;
  const year = Number(m[3]);
  if (year < 1900 || year > 2999) return null;
  const n = (s: string | undefined) => (s === undefined ? null : Number(s));
  return {
    prefix: m[1],
    body: m[2],
    year,
    series: m[4] === 'L' ? 'limited' : m[4] === 'R' ? 'restricted' : 'general',
    number: Number(m[5]),
    rev: n(m[6]),
    add: n(m[7]),
    corr: n(m[8]),
  };
}

/** The symbol that names every language version of one document. */
export function formatSymbol(p: SymbolParts): string {
  const marker = seriesMarker[p.series];
  let s = `${p.prefix}/${p.body}/${p.year}/${marker ? `${marker}.` : ''}${p.number}`;
  if (p.rev !== null) s += `/Rev.${p.rev}`;
  if (p.add !== null) s += `/Add.${p.add}`;
  if (p.corr !== null) s += `/Corr.${p.corr}`;
  return s;
}

/** The numbered document a symbol belongs to (no Rev/Add/Corr). */
export function baseSymbol(p: SymbolParts): string {
  return formatSymbol({ ...p, rev: null, add: null, corr: null });
}

/**
 * The symbol of a revision, addendum or corrigendum of `parent`, given the symbols already
 * issued in its family. A revision replaces the whole text (`/Rev.n+1`, dropping Add/Corr); an
 * addendum adds to a text (`/Add.n`); a corrigendum corrects one (`/Corr.n`).
 */
export function nextRelatedSymbol(parent: SymbolParts, kind: RelationKind, family: SymbolParts[]): SymbolParts {
  const same = (a: SymbolParts, b: SymbolParts) =>
    a.prefix === b.prefix && a.body === b.body && a.year === b.year && a.series === b.series && a.number === b.number;
  const kin = family.filter((f) => same(f, parent));
  const max = (xs: (number | null)[]) => xs.reduce<number>((m, x) => (x !== null && x > m ? x : m), 0);
  if (kind === 'revision') {
    if (parent.add !== null || parent.corr !== null) throw new SymbolRuleError('documents.revise_addendum', 'An addendum or corrigendum is not revised; revise the document it belongs to.');
    return { ...parent, rev: max([parent.rev, ...kin.map((f) => f.rev)]) + 1, add: null, corr: null };
  }
  if (kind === 'addendum') {
    if (parent.add !== null || parent.corr !== null) throw new SymbolRuleError('documents.addendum_of_addendum', 'An addendum is added to a document, not to an addendum or a corrigendum.');
    const siblings = kin.filter((f) => f.rev === parent.rev && f.add !== null);
    return { ...parent, add: max(siblings.map((f) => f.add)) + 1, corr: null };
  }
  if (parent.corr !== null) throw new SymbolRuleError('documents.corrigendum_of_corrigendum', 'A corrigendum corrects a document or an addendum, not another corrigendum.');
  const siblings = kin.filter((f) => f.rev === parent.rev && f.add === parent.add && f.corr !== null);
  return { ...parent, corr: max(siblings.map((f) => f.corr)) + 1 };
}

export class SymbolRuleError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'SymbolRuleError';
  }
}

/** Distribution series when the caller does not say: restricted documents go in `R.`, drafts from delegations in `L.`. */
export function defaultSeries(access: AccessLevel, submittedByDelegation: boolean): Series {
  if (access === 'restricted') return 'restricted';
  return submittedByDelegation ? 'limited' : 'general';
}

/** Calendar year of a `YYYY-MM-DD` document date: the year the number is counted in. */
export function yearOf(date: string): number {
  return Number(date.slice(0, 4));
}

// ---------------------------------------------------------------------------------------------
// Status machine: draft → circulated → adopted | issued → superseded | withdrawn

const transitions: Record<DocumentStatus, readonly DocumentStatus[]> = {
  draft: ['circulated', 'withdrawn'],
  circulated: ['adopted', 'issued', 'withdrawn'],
  adopted: ['withdrawn'],
  issued: ['withdrawn'],
  superseded: [],
  withdrawn: [],
};

/** Types a body may adopt; any document may instead be issued (a Chair's statement, a report). */
export const adoptableTypes: readonly DocumentType[] = ['declaration', 'statement', 'decision', 'action-plan', 'concept-paper', 'agenda', 'minutes'];

export type TransitionVerdict = { ok: true } | { ok: false; code: string; message: string };

/** Whether a person may move a document from `from` to `to` (superseding happens only by issuing a revision). */
export function checkTransition(type: DocumentType, from: DocumentStatus, to: DocumentStatus): TransitionVerdict {
  if (to === 'superseded') return { ok: false, code: 'documents.supersede_by_revision', message: 'A document is superseded by issuing a revision of it, not by changing its status.' };
  if (!transitions[from].includes(to)) return { ok: false, code: 'documents.bad_transition', message: `A ${from} document cannot become ${to}.` };
  if (to === 'adopted' && !adoptableTypes.includes(type)) return { ok: false, code: 'documents.not_adoptable', message: `A ${type} is issued, not adopted.` };
  return { ok: true };
}

export function nextStatuses(type: DocumentType, from: DocumentStatus): DocumentStatus[] {
  return documentStatuses.filter((to) => checkTransition(type, from, to).ok);
}

/** A revision may be issued of a document that is out in the world and not withdrawn. */
export function canBeRevised(status: DocumentStatus): boolean {
  return status === 'circulated' || status === 'adopted' || status === 'issued';
}

/** Text may change while the document is a draft or circulated; a translation may be finished later. */
export function canEditText(docStatus: DocumentStatus, languageStatus: LanguageStatus): boolean {
  if (docStatus === 'draft' || docStatus === 'circulated') return true;
  if (docStatus === 'adopted' || docStatus === 'issued') return languageStatus !== 'ready';
  return false;
}

// ---------------------------------------------------------------------------------------------
// Access

export interface AccessFacts {
  status: DocumentStatus;
  accessLevel: AccessLevel;
  /** When set, from this instant the document reads as `derestrictTo`. */
  derestrictAt: Date | null;
  derestrictTo: AccessLevel | null;
  submittingPartyId: string | null;
  /** Restricted documents: the parties they are addressed to. */
  addressedPartyIds: readonly string[];
}

/** The level in force at `now`: a scheduled derestriction takes effect by itself, no job needed. */
export function effectiveAccess(doc: Pick<AccessFacts, 'accessLevel' | 'derestrictAt' | 'derestrictTo'>, now: Date): AccessLevel {
  if (doc.derestrictAt && doc.derestrictTo && doc.derestrictAt.getTime() <= now.getTime()) return doc.derestrictTo;
  return doc.accessLevel;
}

const memberKinds = new Set(['member-state']);
const observerKinds = new Set(['observer-state', 'observer-organization']);

/**
 * Who may read a document. The Secretariat reads all; a draft only its submitting party (and
 * the Secretariat); otherwise by the level in force. Must agree with the SQL predicate
 * `visibleTo` in the repository (a test checks them against each other).
 */
export function canRead(actor: Actor, doc: AccessFacts, now: Date): boolean {
  const user = actor.kind === 'user' && !!actor.partyId;
  if (user && actor.partyKind === 'secretariat') return true;
  const ownParty = user && !!doc.submittingPartyId && actor.partyId === doc.submittingPartyId;
  if (ownParty) return true;
  if (doc.status === 'draft') return false;
  const level = effectiveAccess(doc, now);
  if (level === 'public') return true;
  if (!user) return false;
  const kind = actor.partyKind ?? '';
  if (level === 'members') return memberKinds.has(kind);
  if (level === 'members-and-observers') return memberKinds.has(kind) || observerKinds.has(kind);
  return doc.addressedPartyIds.includes(actor.partyId!);
}

/** Checks on an access setting, before it is stored. */
export function checkAccessSetting(level: AccessLevel, addressedPartyIds: readonly string[]): TransitionVerdict {
  if (level === 'restricted' && addressedPartyIds.length === 0) {
    return { ok: false, code: 'documents.restricted_needs_parties', message: 'A restricted document must name at least one party it is addressed to.' };
  }
  if (level !== 'restricted' && addressedPartyIds.length > 0) {
    return { ok: false, code: 'documents.parties_only_when_restricted', message: 'Only a restricted document is addressed to named parties.' };
  }
  return { ok: true };
}

const openness: Record<AccessLevel, number> = { restricted: 0, members: 1, 'members-and-observers': 2, public: 3 };

/** Derestriction opens a document: it never narrows who may read it. */
export function isWider(from: AccessLevel, to: AccessLevel): boolean {
  return openness[to] > openness[from];
}
