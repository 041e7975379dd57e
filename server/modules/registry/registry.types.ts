/**
 * Shapes of a forum's reference facts (profile, parties, bodies, chairs, CBM catalogue).
 * They are forum-agnostic so another forum (OSCE, ARF, SCO) can be described by new data, not new code;
 * the CICA values live in `cica.data.ts`.
 */

/**
 * A date known only as precisely as the sources give it: 'YYYY', 'YYYY-MM' or 'YYYY-MM-DD'.
 * How a partial date is read when it bounds a period is defined once, in `membership.ts`.
 */
export type PartialDate = string;

/** BCP 47 language subtag ('en', 'ru', 'zh', ...). */
export type LangCode = string;

export type LocalizedText = Readonly<Record<LangCode, string>>;

/** Names every body must have: English and Russian are CICA's likely working languages. */
export type BodyNames = Readonly<{ en: string; ru: string } & Record<LangCode, string>>;

/** The languages the forum's own name must be given in (the UI locales Concord ships first). */
export type ProfileLang = 'en' | 'ru' | 'zh' | 'vi' | 'ar' | 'fa' | 'kk' | 'tr';
export type ProfileNames = Readonly<Record<ProfileLang, string> & Record<LangCode, string>>;

/** Consensus and silence-procedure settings: a forum's defaults, overridable per decision. */
export interface ConsensusRules {
  /** 'no-objection': adopted when no member objects (CICA practice; no written definition found). */
  definition: 'no-objection' | 'unanimity';
  observersMayComment: boolean;
  /** Default length of a silence procedure, in calendar days. */
  silenceDays: number;
  /** Local time (forum time zone) at which a silence period closes on its last day, 'HH:MM'. */
  silenceClosingHour: string;
  /** Days before the silence deadline at which participants are reminded. */
  reminderDaysBefore: number[];
  /** A text may not be put under silence until it exists in every working language. */
  requireWorkingLanguagesReady: boolean;
}

// Arrays here are mutable so the profile is assignable to the profile module's zod-inferred type.
export interface ForumProfile {
  code: string;
  name: ProfileNames;
  abbreviation: ProfileNames;
  officialLanguages: LangCode[];
  workingLanguages: LangCode[];
  /** Prefix of document symbols, e.g. 'CICA/SOC/2025/3'. */
  symbolPrefix: string;
  seat: { city: string; country: string };
  /** IANA zone of the seat; deadlines are computed in it. */
  timeZone: string;
  consensus: ConsensusRules;
  foundedYear: number;
  /** Language whose alphabetical order lists of participants follow (English when absent). */
  participantsOrder?: LangCode;
  /** Dotted paths of fields whose values are defaults or unconfirmed, not established fact. */
  uncertain: string[];
}

export type PartyKind =
  | 'member-state'
  | 'observer-state'
  | 'observer-organization'
  | 'partner-organization'
  | 'secretariat';

export type PartyStatus = 'member' | 'observer' | 'partner';

/**
 * One period of one status. `from: null` means the start is not known; `knownBy` then gives the
 * latest date by which a source confirms the status held (statusOn counts it from there only).
 */
export interface StatusPeriod {
  status: PartyStatus;
  from: PartialDate | null;
  knownBy?: PartialDate;
  to?: PartialDate;
  uncertain?: string;
}

export interface PartyAgreement {
  kind: 'memorandum' | 'protocol';
  signed: PartialDate | null;
  uncertain?: string;
}

export interface PartyFacts {
  /** ISO 3166-1 alpha-2 for states; a short upper-case code for organisations. */
  code: string;
  kind: PartyKind;
  /** Organisations only: states take their names from i18n-iso-countries. */
  names?: BodyNames;
  abbreviations?: LocalizedText;
  history: readonly StatusPeriod[];
  /** Cooperation instruments with the forum (MoU, protocol), independent of status. */
  agreements?: readonly PartyAgreement[];
  notes?: readonly string[];
}

export type BodyKind = 'decision-making' | 'subsidiary' | 'experts' | 'secretariat' | 'advisory';

/** Who sits on a body: every member state, a CBM coordinator with volunteers, or appointed people. */
export type BodyMembership = 'all-members' | 'coordinator-and-participants' | 'appointed';

export interface BodyFacts {
  code: string;
  kind: BodyKind;
  names: BodyNames;
  /** Earlier names, each valid up to (not including) `until`. */
  historicNames: ReadonlyArray<{ names: BodyNames; until: string }>;
  reportsTo?: string;
  /** Human description; `meetingsPerYear` is the regular minimum, `everyYears` the regular cycle. */
  frequency: { en: string };
  meetingsPerYear?: number;
  everyYears?: number;
  membership: BodyMembership;
  established?: PartialDate;
  dissolved?: PartialDate;
  uncertain?: string;
}

export interface ChairTerm {
  /** Party code of the chairing state. */
  party: string;
  start: PartialDate;
  end?: PartialDate;
  howDecided: string;
  /** When the chair was chosen, where known. */
  decidedOn?: PartialDate;
  uncertain?: string;
}

export interface SecretariatHead {
  /** Latin-script name; null where the sources do not name the holder. */
  name: string | null;
  /** Party code of the nationality. */
  nationality: string | null;
  role: 'head' | 'deputy';
  title: { en: string; ru: string };
  start: PartialDate | null;
  end?: PartialDate | null;
  uncertain?: string;
}

/** Editions of the Catalogue of CICA CBMs. */
export type CatalogueVersion = '2004' | '2021';

export interface CbmArea {
  /**
   * Concord's stable reference '<dimension>.<n>' in the order of the 2021 Catalogue as shown on the
   * CICA site. It is not the Catalogue's own numbering, which was not found (except MP 2.1.1–2.1.5).
   */
  ref: string;
  names: BodyNames;
  catalogues: readonly CatalogueVersion[];
  uncertain?: string;
}

/** Listed in time order: for the same role and scope, a later entry supersedes an earlier one. */
export interface CbmCoordination {
  party: string;
  role: 'coordinator' | 'co-coordinator';
  /** Area `ref`; absent when the role covers the whole dimension. */
  area?: string;
  from?: PartialDate;
  to?: PartialDate;
  uncertain?: string;
}

export interface CbmDimension {
  code: string;
  names: BodyNames;
  areas: readonly CbmArea[];
  coordination: readonly CbmCoordination[];
  notes?: readonly string[];
  uncertain?: string;
}

export interface TimelineEntry {
  date: PartialDate;
  /** Date the event ended, for multi-day meetings. */
  until?: PartialDate;
  event: { en: string };
  place?: string;
  body?: string;
  documents?: readonly string[];
  uncertain?: string;
}
