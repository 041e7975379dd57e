/**
 * Documents: load → authorize → rule → save → audit, one transaction per change. Reads go
 * through the repository's `visibleTo` predicate; what the caller may not read is "not found".
 */
import { createHash } from 'node:crypto';
import type { DB } from '../../db/database.ts';
import type { Ctx } from '../../shared/context.ts';
import { AppError } from '../../shared/errors.ts';
import { authorize, can } from '../../shared/policy.ts';
import { type AuditEntry, recordAudit } from '../audit/audit.service.ts';
import { requireProfile } from '../profile/profile.service.ts';
import { currentChairPartyId } from '../registry/registry.service.ts';
import { buildAkn } from './akn.ts';
import {
  type AccessLevel,
  canBeRevised,
  canEditText,
  checkAccessSetting,
  checkTransition,
  defaultSeries,
  type DocumentStatus,
  type DocumentType,
  effectiveAccess,
  formatSymbol,
  isWider,
  type LanguageStatus,
  nextRelatedSymbol,
  nextStatuses,
  parseSymbol,
  type RelationKind,
  SymbolRuleError,
  type SymbolParts,
  yearOf,
} from './document.ts';
import './documents.policy.ts';
import * as repo from './documents.repository.ts';
import type { DocumentRow, FileMeta, LanguageRow } from './documents.repository.ts';
import type { AccessInput, CreateDocumentInput } from './documents.schemas.ts';
import { checkFileName, fileKinds, sniffFile } from './files.ts';
import { compareParagraphs, plainText, sanitizeParagraph } from './text.ts';

const notFound = () => new AppError('not_found', 'not_found', 'The document was not found.');
const iso = (d: Date | string) => new Date(d).toISOString();
const today = (ctx: Ctx) => ctx.clock.now().toISOString().slice(0, 10);

/** Loads a document the actor may read, with its access facts; 404 otherwise. */
async function loadReadable(db: DB, ctx: Ctx, id: string) {
  const now = ctx.clock.now();
  const row = await repo.findVisibleDocument(db, ctx.actor, now, { id });
  if (!row) throw notFound();
  const addressed = await repo.addressedPartyIds(db, row.id);
  const facts = repo.accessFactsOf(row, addressed);
  // Belt and braces: the pure rule must agree with the SQL predicate.
  authorize(ctx.actor, 'documents.read', facts, { now }, { hide: true, what: 'document' });
  return { row, addressed, facts };
}

/** For a change: readable (else 404), then locked in the transaction, then the action checked (403). */
async function loadForChange(trx: DB, ctx: Ctx, id: string, action: 'documents.manage' | 'documents.edit') {
  const { addressed } = await loadReadable(trx, ctx, id);
  const row = await repo.lockDocument(trx, id);
  if (!row) throw notFound();
  authorize(ctx.actor, action, { status: row.status, submittingPartyId: row.submitting_party_id }, { now: ctx.clock.now() });
  return { row, addressed };
}

async function partyIdsFor(db: DB, codes: string[], field: string): Promise<string[]> {
  const unique = [...new Set(codes)];
  const found = await repo.partiesByCodes(db, unique);
  const missing = unique.filter((c) => !found.some((p) => p.code === c));
  if (missing.length) {
    throw new AppError('unprocessable', 'documents.unknown_party', `No party with code ${missing.join(', ')}.`, { fields: [{ field, message: `unknown party ${missing.join(', ')}` }] });
  }
  return unique.map((c) => found.find((p) => p.code === c)!.id);
}

function ruleError(v: { ok: false; code: string; message: string }, field?: string): AppError {
  return new AppError('unprocessable', v.code, v.message, field ? { fields: [{ field, message: v.message }] } : {});
}

function checkDerestriction(level: AccessLevel, at: string | null | undefined, to: AccessLevel | null | undefined) {
  if (!at && !to) return { at: null, to: null };
  if (!at || !to) throw new AppError('bad_input', 'documents.derestriction_incomplete', 'A scheduled derestriction needs both derestrictAt and derestrictTo.', { fields: [{ field: at ? 'derestrictTo' : 'derestrictAt', message: 'is required with the other' }] });
  if (!isWider(level, to)) throw new AppError('unprocessable', 'documents.derestriction_narrows', 'A derestriction must open the document to more readers than its current level.', { fields: [{ field: 'derestrictTo', message: 'must be wider than the level' }] });
  return { at: new Date(at), to };
}

function summaryOf(row: DocumentRow, languages: LanguageRow[], codes: Map<string, string>, now: Date) {
  return {
    id: row.id,
    symbol: row.symbol,
    type: row.type as DocumentType,
    title: row.title,
    bodyCode: row.body_code,
    year: row.year,
    date: row.document_date,
    status: row.status,
    accessLevel: effectiveAccess({ accessLevel: row.access_level, derestrictAt: row.derestrict_at ? new Date(row.derestrict_at) : null, derestrictTo: row.derestrict_to }, now),
    series: row.series,
    meetingId: row.meeting_id,
    agendaItem: row.agenda_item,
    submittingParty: row.submitting_party_id ? (codes.get(row.submitting_party_id) ?? null) : null,
    originalLanguage: row.original_language,
    languages: languages.map((l) => ({ language: l.language, role: l.role, status: l.status, authoritative: l.authoritative })),
    updatedAt: iso(row.updated_at),
  };
}

// ---------------------------------------------------------------------------------------------
// Create, read, list

export async function createDocument(db: DB, ctx: Ctx, input: CreateDocumentInput) {
  const actor = ctx.actor;
  const profile = await requireProfile(db);
  const date = input.date ?? today(ctx);
  return db.transaction().execute(async (trx) => {
    const submittingCode = input.submittingParty === undefined ? (actor.partyKind === 'secretariat' ? null : actor.partyCode) : input.submittingParty;
    const [submittingPartyId] = submittingCode ? await partyIdsFor(trx, [submittingCode], 'submittingParty') : [null];
    authorize(actor, 'documents.create', { submittingPartyId: submittingPartyId ?? null }, { now: ctx.clock.now() });
    if (!(await repo.bodyExists(trx, input.bodyCode))) {
      throw new AppError('unprocessable', 'documents.unknown_body', `No body with code ${input.bodyCode}.`, { fields: [{ field: 'bodyCode', message: 'unknown body' }] });
    }
    const access = checkAccessSetting(input.accessLevel, input.addressedParties);
    if (!access.ok) throw ruleError(access, 'addressedParties');
    const addressed = await partyIdsFor(trx, input.addressedParties, 'addressedParties');
    const derestriction = checkDerestriction(input.accessLevel, input.derestrictAt, input.derestrictTo);
    const translations = [...new Set(input.translations)].filter((l) => l !== input.originalLanguage);

    const byDelegation = actor.partyKind !== 'secretariat';
    const series = input.series ?? defaultSeries(input.accessLevel, byDelegation);
    const year = yearOf(date);
    const number = await repo.takeNextNumber(trx, { prefix: profile.symbolPrefix, bodyCode: input.bodyCode, year, series });
    const parts: SymbolParts = { prefix: profile.symbolPrefix, body: input.bodyCode, year, series, number, rev: null, add: null, corr: null };
    const now = ctx.clock.now();
    const row = await repo.insertDocument(trx, {
      symbol: formatSymbol(parts),
      prefix: parts.prefix,
      body_code: parts.body,
      year,
      series,
      number,
      type: input.type,
      title: input.title,
      original_language: input.originalLanguage,
      meeting_id: input.meetingId ?? null,
      agenda_item: input.agendaItem ?? null,
      submitting_party_id: submittingPartyId ?? null,
      document_date: date,
      status: 'draft',
      access_level: input.accessLevel,
      derestrict_at: derestriction.at,
      derestrict_to: derestriction.to,
      created_by: actor.userId,
      created_at: now,
      updated_at: now,
    });
    await repo.setAddressedParties(trx, row.id, addressed);
    await repo.insertLanguage(trx, {
      document_id: row.id,
      language: input.originalLanguage,
      role: 'original',
      status: 'ready',
      authoritative: true,
      title: input.title,
      created_at: now,
      updated_at: now,
    });
    for (const language of translations) {
      await repo.insertLanguage(trx, { document_id: row.id, language, role: 'translation', status: 'awaited', authoritative: false, created_at: now, updated_at: now });
    }
    await repo.insertAccessHistory(trx, { documentId: row.id, at: now, actorUserId: actor.userId, change: 'set', from: null, to: input.accessLevel, partyIds: addressed });
    if (derestriction.at) {
      await repo.insertAccessHistory(trx, {
        documentId: row.id,
        at: now,
        actorUserId: actor.userId,
        change: 'derestriction-scheduled',
        from: input.accessLevel,
        to: derestriction.to!,
        partyIds: [],
        effectiveAt: derestriction.at,
      });
    }
    await recordAudit(trx, ctx, {
      action: 'documents.create',
      objectType: 'document',
      objectId: row.id,
      after: { symbol: row.symbol, type: row.type, title: row.title, body: row.body_code, access: row.access_level, addressed: input.addressedParties, languages: [input.originalLanguage, ...translations] },
    });
    return detailIn(trx, ctx, row.id);
  });
}

/** The full view of one document, inside the caller's transaction or on the pool. */
async function detailIn(db: DB, ctx: Ctx, id: string) {
  const now = ctx.clock.now();
  const { row, addressed } = await loadReadable(db, ctx, id);
  const languages = await repo.languagesOf(db, [row.id]);
  const files = await repo.filesOf(db, row.id);
  const revisions = await repo.latestRevisionNumbers(
    db,
    languages.map((l) => l.id),
  );
  const family = await repo.visibleFamily(db, ctx.actor, now, row.base_id ?? row.id);
  const oversee = can(ctx.actor, 'documents.oversee', null, { now });
  const history = oversee ? await repo.accessHistory(db, row.id) : [];
  const partyIds = [...addressed, ...(row.submitting_party_id ? [row.submitting_party_id] : []), ...history.flatMap((h) => h.party_ids as string[])];
  const codes = await repo.partyCodesByIds(db, [...new Set(partyIds)]);
  const manage = can(ctx.actor, 'documents.manage', null, { now });
  const edit = can(ctx.actor, 'documents.edit', { status: row.status, submittingPartyId: row.submitting_party_id }, { now });
  const fileOut = (f: FileMeta, language: string) => ({
    id: f.id,
    language,
    fileName: f.file_name,
    mediaType: f.media_type,
    sizeBytes: f.size_bytes,
    sha256: f.sha256,
    createdAt: iso(f.created_at),
  });
  return {
    ...summaryOf(row, languages, codes, now),
    access: {
      level: effectiveAccess({ accessLevel: row.access_level, derestrictAt: row.derestrict_at ? new Date(row.derestrict_at) : null, derestrictTo: row.derestrict_to }, now),
      setLevel: row.access_level,
      addressedParties: addressed.map((p) => codes.get(p) ?? p).sort(),
      derestrictAt: row.derestrict_at ? iso(row.derestrict_at) : null,
      derestrictTo: row.derestrict_to,
    },
    relation: row.relation,
    parentId: row.parent_id,
    family: family.map((f) => ({ id: f.id, symbol: f.symbol, status: f.status, relation: f.relation })),
    languageVersions: languages.map((l) => ({
      language: l.language,
      role: l.role,
      status: l.status,
      authoritative: l.authoritative,
      translator: l.translator,
      title: l.title,
      revision: revisions.get(l.id) ?? null,
      files: files.filter((f) => f.language_id === l.id).map((f) => fileOut(f, l.language)),
      updatedAt: iso(l.updated_at),
    })),
    nextStatuses: manage ? nextStatuses(row.type as DocumentType, row.status) : [],
    can: { manage, edit },
    accessHistory: oversee
      ? history.map((h) => ({
          at: iso(h.at),
          change: h.change,
          fromLevel: h.from_level,
          toLevel: h.to_level,
          parties: (h.party_ids as string[]).map((p) => codes.get(p) ?? p),
          effectiveAt: h.effective_at ? iso(h.effective_at) : null,
          decisionRef: h.decision_ref,
          note: h.note,
        }))
      : undefined,
    createdAt: iso(row.created_at),
  };
}

export const getDocument = (db: DB, ctx: Ctx, id: string) => detailIn(db, ctx, id);

export async function getDocumentBySymbol(db: DB, ctx: Ctx, symbol: string) {
  const parts = parseSymbol(symbol);
  if (!parts) throw notFound();
  const row = await repo.findVisibleDocument(db, ctx.actor, ctx.clock.now(), { symbol: formatSymbol(parts) });
  if (!row) throw notFound();
  return detailIn(db, ctx, row.id);
}

export async function listDocuments(db: DB, ctx: Ctx, f: repo.ListFilters) {
  const now = ctx.clock.now();
  const { rows, total } = await repo.listVisibleDocuments(db, ctx.actor, now, f);
  const languages = await repo.languagesOf(
    db,
    rows.map((r) => r.id),
  );
  const codes = await repo.partyCodesByIds(db, [...new Set(rows.map((r) => r.submitting_party_id).filter((x): x is string => !!x))]);
  return {
    items: rows.map((r) =>
      summaryOf(
        r,
        languages.filter((l) => l.document_id === r.id),
        codes,
        now,
      ),
    ),
    total,
    limit: f.limit,
    offset: f.offset,
  };
}

// ---------------------------------------------------------------------------------------------
// Status, access, derestriction, revisions

export async function changeStatus(db: DB, ctx: Ctx, id: string, input: { to: DocumentStatus; note?: string }) {
  return db.transaction().execute(async (trx) => {
    const { row } = await loadForChange(trx, ctx, id, 'documents.manage');
    const verdict = checkTransition(row.type as DocumentType, row.status, input.to);
    if (!verdict.ok) throw ruleError(verdict, 'to');
    const now = ctx.clock.now();
    await repo.updateDocument(trx, id, { status: input.to, updated_at: now });
    await recordAudit(trx, ctx, { action: 'documents.status', objectType: 'document', objectId: id, before: { status: row.status }, after: { status: input.to, note: input.note ?? null } });
    return detailIn(trx, ctx, id);
  });
}

export async function changeAccess(db: DB, ctx: Ctx, id: string, input: AccessInput) {
  return db.transaction().execute(async (trx) => {
    const { row, addressed: before } = await loadForChange(trx, ctx, id, 'documents.manage');
    const verdict = checkAccessSetting(input.level, input.addressedParties);
    if (!verdict.ok) throw ruleError(verdict, 'addressedParties');
    const addressed = await partyIdsFor(trx, input.addressedParties, 'addressedParties');
    const d = checkDerestriction(input.level, input.derestrictAt, input.derestrictTo);
    const now = ctx.clock.now();
    await repo.updateDocument(trx, id, { access_level: input.level, derestrict_at: d.at, derestrict_to: d.to, updated_at: now });
    await repo.setAddressedParties(trx, id, addressed);
    await repo.insertAccessHistory(trx, { documentId: id, at: now, actorUserId: ctx.actor.userId, change: 'set', from: row.access_level, to: input.level, partyIds: addressed, note: input.note });
    const hadSchedule = !!row.derestrict_at;
    if (d.at) {
      await repo.insertAccessHistory(trx, { documentId: id, at: now, actorUserId: ctx.actor.userId, change: 'derestriction-scheduled', from: input.level, to: d.to!, partyIds: [], effectiveAt: d.at });
    } else if (hadSchedule) {
      await repo.insertAccessHistory(trx, { documentId: id, at: now, actorUserId: ctx.actor.userId, change: 'derestriction-cancelled', from: input.level, to: input.level, partyIds: [] });
    }
    await recordAudit(trx, ctx, {
      action: 'documents.access',
      objectType: 'document',
      objectId: id,
      before: { level: row.access_level, addressed: before, derestrictAt: row.derestrict_at, derestrictTo: row.derestrict_to },
      after: { level: input.level, addressed, derestrictAt: d.at, derestrictTo: d.to, note: input.note ?? null },
    });
    return detailIn(trx, ctx, id);
  });
}

/** Derestriction by decision: the level opens now, and the decision is recorded in the history. */
export async function derestrictDocument(db: DB, ctx: Ctx, id: string, input: { to: AccessLevel; decisionRef: string; note?: string }) {
  return db.transaction().execute(async (trx) => {
    const { row } = await loadForChange(trx, ctx, id, 'documents.manage');
    const now = ctx.clock.now();
    const current = effectiveAccess({ accessLevel: row.access_level, derestrictAt: row.derestrict_at ? new Date(row.derestrict_at) : null, derestrictTo: row.derestrict_to }, now);
    if (!isWider(current, input.to)) {
      throw new AppError('unprocessable', 'documents.derestriction_narrows', `The document is already ${current}; derestriction must open it wider.`, { fields: [{ field: 'to', message: 'must be wider than the level in force' }] });
    }
    await repo.updateDocument(trx, id, { access_level: input.to, derestrict_at: null, derestrict_to: null, updated_at: now });
    if (input.to !== 'restricted') await repo.setAddressedParties(trx, id, []);
    await repo.insertAccessHistory(trx, { documentId: id, at: now, actorUserId: ctx.actor.userId, change: 'derestricted', from: current, to: input.to, partyIds: [], decisionRef: input.decisionRef, note: input.note });
    await recordAudit(trx, ctx, { action: 'documents.derestrict', objectType: 'document', objectId: id, before: { level: current }, after: { level: input.to, decisionRef: input.decisionRef } });
    return detailIn(trx, ctx, id);
  });
}

const relationAction: Record<RelationKind, string> = { revision: 'documents.revise', addendum: 'documents.add', corrigendum: 'documents.correct' };

/**
 * Issues a revision (`/Rev.n`: the earlier text becomes superseded), an addendum or a corrigendum.
 * The new document keeps the access of its parent and starts with copies of its language
 * versions and their current text.
 */
export async function issueRelated(db: DB, ctx: Ctx, id: string, input: { kind: RelationKind; title?: string; date?: string }) {
  return db.transaction().execute(async (trx) => {
    const { row: parent, addressed } = await loadForChange(trx, ctx, id, 'documents.manage');
    if (!canBeRevised(parent.status)) {
      throw new AppError('unprocessable', 'documents.not_revisable', `A ${parent.status} document cannot be revised, added to or corrected; only circulated, adopted or issued ones.`);
    }
    const baseId = parent.base_id ?? parent.id;
    // Lock the numbered document so concurrent revisions of one family queue for their number.
    await repo.lockDocument(trx, baseId);
    const family = (await repo.familySymbols(trx, baseId)).map((s) => parseSymbol(s)).filter((p): p is SymbolParts => !!p);
    let next: SymbolParts;
    try {
      next = nextRelatedSymbol(parseSymbol(parent.symbol)!, input.kind, family);
    } catch (err) {
      if (err instanceof SymbolRuleError) throw new AppError('unprocessable', err.code, err.message);
      throw err;
    }
    const now = ctx.clock.now();
    const date = input.date ?? today(ctx);
    const row = await repo.insertDocument(trx, {
      symbol: formatSymbol(next),
      prefix: next.prefix,
      body_code: next.body,
      year: next.year,
      series: next.series,
      number: next.number,
      rev_no: next.rev,
      add_no: next.add,
      corr_no: next.corr,
      base_id: baseId,
      parent_id: parent.id,
      relation: input.kind,
      type: parent.type,
      title: input.title ?? parent.title,
      original_language: parent.original_language,
      meeting_id: parent.meeting_id,
      agenda_item: parent.agenda_item,
      submitting_party_id: parent.submitting_party_id,
      document_date: date,
      status: parent.status === 'issued' ? 'issued' : 'circulated',
      access_level: parent.access_level,
      derestrict_at: parent.derestrict_at,
      derestrict_to: parent.derestrict_to,
      created_by: ctx.actor.userId,
      created_at: now,
      updated_at: now,
    });
    await repo.setAddressedParties(trx, row.id, addressed);
    await repo.insertAccessHistory(trx, { documentId: row.id, at: now, actorUserId: ctx.actor.userId, change: 'set', from: null, to: row.access_level, partyIds: addressed, note: `${input.kind} of ${parent.symbol}` });
    if (input.kind === 'revision') {
      for (const lang of await repo.languagesOf(trx, [parent.id])) {
        const copy = await repo.insertLanguage(trx, {
          document_id: row.id,
          language: lang.language,
          role: lang.role,
          status: lang.status,
          authoritative: lang.authoritative,
          translator: lang.translator,
          title: lang.role === 'original' && input.title ? input.title : lang.title,
          created_at: now,
          updated_at: now,
        });
        const latest = await repo.latestRevision(trx, lang.id);
        if (latest) {
          const paragraphs = await repo.paragraphsOf(trx, latest.id);
          await repo.insertRevision(trx, { languageId: copy.id, n: 1, at: now, by: ctx.actor.userId, note: `from ${parent.symbol}`, paragraphs });
        }
      }
      await repo.updateDocument(trx, parent.id, { status: 'superseded', updated_at: now });
    } else {
      const original = (await repo.languagesOf(trx, [parent.id])).find((l) => l.role === 'original');
      await repo.insertLanguage(trx, {
        document_id: row.id,
        language: parent.original_language,
        role: 'original',
        status: 'ready',
        authoritative: original?.authoritative ?? true,
        title: input.title ?? parent.title,
        created_at: now,
        updated_at: now,
      });
    }
    await recordAudit(trx, ctx, {
      action: relationAction[input.kind],
      objectType: 'document',
      objectId: row.id,
      before: input.kind === 'revision' ? { id: parent.id, symbol: parent.symbol, status: parent.status } : { id: parent.id, symbol: parent.symbol },
      after: { symbol: row.symbol, status: row.status, parentStatus: input.kind === 'revision' ? 'superseded' : parent.status },
    });
    return detailIn(trx, ctx, row.id);
  });
}

// ---------------------------------------------------------------------------------------------
// Language versions

async function languageOf(db: DB, documentId: string, language: string) {
  const l = await repo.findLanguage(db, documentId, language);
  if (!l) throw new AppError('not_found', 'documents.language_not_found', `The document has no ${language} version.`);
  return l;
}

export async function addLanguage(
  db: DB,
  ctx: Ctx,
  id: string,
  input: { language: string; status: LanguageStatus; authoritative: boolean; translator?: string | null; title?: string | null },
) {
  return db.transaction().execute(async (trx) => {
    await loadForChange(trx, ctx, id, 'documents.edit');
    if (await repo.findLanguage(trx, id, input.language)) {
      throw new AppError('conflict', 'documents.language_exists', `The document already has a ${input.language} version.`, { fields: [{ field: 'language', message: 'exists already' }] });
    }
    const now = ctx.clock.now();
    const l = await repo.insertLanguage(trx, {
      document_id: id,
      language: input.language,
      role: 'translation',
      status: input.status,
      authoritative: input.authoritative,
      translator: input.translator ?? null,
      title: input.title ?? null,
      created_at: now,
      updated_at: now,
    });
    await repo.updateDocument(trx, id, { updated_at: now });
    await recordAudit(trx, ctx, { action: 'documents.language_add', objectType: 'document', objectId: id, after: { language: l.language, status: l.status, authoritative: l.authoritative } });
    return detailIn(trx, ctx, id);
  });
}

export async function updateLanguage(
  db: DB,
  ctx: Ctx,
  id: string,
  language: string,
  patch: { status?: LanguageStatus; authoritative?: boolean; translator?: string | null; title?: string | null },
) {
  return db.transaction().execute(async (trx) => {
    const { row } = await loadForChange(trx, ctx, id, 'documents.edit');
    const l = await languageOf(trx, id, language);
    if (patch.authoritative !== undefined && patch.authoritative !== l.authoritative && !can(ctx.actor, 'documents.manage', null, { now: ctx.clock.now() })) {
      throw new AppError('forbidden', 'forbidden', 'Only the Secretariat decides which language versions are authoritative.');
    }
    const now = ctx.clock.now();
    const next = await repo.updateLanguage(trx, l.id, { ...patch, updated_at: now });
    if (l.role === 'original' && patch.title) await repo.updateDocument(trx, id, { title: patch.title, updated_at: now });
    else await repo.updateDocument(trx, id, { updated_at: now });
    await recordAudit(trx, ctx, {
      action: 'documents.language_update',
      objectType: 'document',
      objectId: row.id,
      before: { language, status: l.status, authoritative: l.authoritative, translator: l.translator, title: l.title },
      after: { language, status: next.status, authoritative: next.authoritative, translator: next.translator, title: next.title },
    });
    return detailIn(trx, ctx, id);
  });
}

export async function removeLanguage(db: DB, ctx: Ctx, id: string, language: string) {
  return db.transaction().execute(async (trx) => {
    await loadForChange(trx, ctx, id, 'documents.manage');
    const l = await languageOf(trx, id, language);
    if (l.role === 'original') throw new AppError('unprocessable', 'documents.original_kept', 'The original language version cannot be removed.');
    if (await repo.languageHasContent(trx, l.id)) throw new AppError('conflict', 'documents.language_has_content', 'The language version has text or files; it is kept.');
    await repo.deleteLanguage(trx, l.id);
    await repo.updateDocument(trx, id, { updated_at: ctx.clock.now() });
    await recordAudit(trx, ctx, { action: 'documents.language_remove', objectType: 'document', objectId: id, before: { language } });
    return detailIn(trx, ctx, id);
  });
}

// ---------------------------------------------------------------------------------------------
// Text

export async function saveText(db: DB, ctx: Ctx, id: string, language: string, input: { paragraphs: string[]; baseRevision?: number; note?: string }) {
  return db.transaction().execute(async (trx) => {
    const { row } = await loadForChange(trx, ctx, id, 'documents.edit');
    const l = await languageOf(trx, id, language);
    if (!canEditText(row.status, l.status)) {
      throw new AppError('unprocessable', 'documents.text_locked', `The ${language} text of a ${row.status} document cannot change; issue a revision instead.`);
    }
    const latest = await repo.latestRevision(trx, l.id);
    const current = latest?.n ?? 0;
    if (input.baseRevision !== undefined && input.baseRevision !== current) {
      throw new AppError('conflict', 'documents.text_conflict', `The text was saved by someone else meanwhile (revision ${current}); reload and merge your changes.`);
    }
    const paragraphs = input.paragraphs
      .map(sanitizeParagraph)
      .filter((h) => h !== '')
      .map((html) => ({ html, plain: plainText(html) }))
      .filter((p) => p.plain !== '' || /<table/.test(p.html));
    const now = ctx.clock.now();
    const rev = await repo.insertRevision(trx, { languageId: l.id, n: current + 1, at: now, by: ctx.actor.userId, note: input.note ?? null, paragraphs });
    await repo.updateLanguage(trx, l.id, { updated_at: now });
    await repo.updateDocument(trx, id, { updated_at: now });
    await recordAudit(trx, ctx, { action: 'documents.text_save', objectType: 'document', objectId: id, after: { language, revision: rev.n, paragraphs: paragraphs.length } });
    return { language, revision: rev.n, paragraphs: paragraphs.map((p, i) => ({ n: i + 1, ...p })) };
  });
}

export async function getText(db: DB, ctx: Ctx, id: string, language: string, n?: number) {
  await loadReadable(db, ctx, id);
  const l = await languageOf(db, id, language);
  const rev = n === undefined ? await repo.latestRevision(db, l.id) : await repo.findRevision(db, l.id, n);
  if (!rev && n !== undefined) throw new AppError('not_found', 'documents.revision_not_found', `No revision ${n} of the ${language} text.`);
  return { language, revision: rev?.n ?? null, paragraphs: rev ? await repo.paragraphsOf(db, rev.id) : [] };
}

export async function listTextRevisions(db: DB, ctx: Ctx, id: string, language: string) {
  await loadReadable(db, ctx, id);
  const l = await languageOf(db, id, language);
  const rows = await repo.listRevisions(db, l.id);
  return rows.map((r) => ({ n: r.n, createdAt: iso(r.created_at), createdBy: r.created_by, note: r.note, paragraphCount: r.paragraph_count }));
}

export async function compareTextRevisions(db: DB, ctx: Ctx, id: string, language: string, from: number, to: number) {
  const a = await getText(db, ctx, id, language, from);
  const b = await getText(db, ctx, id, language, to);
  return { language, from, to, changes: compareParagraphs(a.paragraphs, b.paragraphs) };
}

/**
 * Compares the text of one language across two documents of the same family (`/Rev.1` against the
 * original it revised, a corrigendum against its base): `other` is the earlier side, `id` the later.
 * Each side is a saved revision (the latest unless given). Both documents must be readable (else 404)
 * and belong to one family (else 422 naming `other`).
 */
export async function compareAcrossDocuments(
  db: DB,
  ctx: Ctx,
  id: string,
  language: string,
  q: { other: string; otherRevision?: number; revision?: number },
) {
  const later = await loadReadable(db, ctx, id);
  const earlier = await loadReadable(db, ctx, q.other);
  if ((later.row.base_id ?? later.row.id) !== (earlier.row.base_id ?? earlier.row.id)) {
    throw new AppError('unprocessable', 'documents.not_same_family', 'Only documents of one family (a document, its revisions, addenda and corrigenda) are compared.', {
      fields: [{ field: 'other', message: 'is not of the same family' }],
    });
  }
  const a = await getText(db, ctx, earlier.row.id, language, q.otherRevision);
  const b = await getText(db, ctx, later.row.id, language, q.revision);
  const side = (row: DocumentRow, t: { revision: number | null }) => ({ documentId: row.id, symbol: row.symbol, revision: t.revision });
  return { language, from: side(earlier.row, a), to: side(later.row, b), changes: compareParagraphs(a.paragraphs, b.paragraphs) };
}

/** Two or three language versions side by side, aligned by paragraph number. */
export async function parallelView(db: DB, ctx: Ctx, id: string, languages?: string[]) {
  await loadReadable(db, ctx, id);
  const all = await repo.languagesOf(db, [id]);
  const chosen = languages?.length
    ? languages.map((code) => {
        const l = all.find((x) => x.language === code);
        if (!l) throw new AppError('not_found', 'documents.language_not_found', `The document has no ${code} version.`);
        return l;
      })
    : [...all.filter((l) => l.role === 'original'), ...all.filter((l) => l.role !== 'original')].slice(0, 3);
  const paragraphs = await repo.currentParagraphs(
    db,
    chosen.map((l) => l.id),
  );
  const max = paragraphs.reduce((m, p) => Math.max(m, p.n), 0);
  const byLang = new Map(chosen.map((l) => [l.id, new Map<number, string>()]));
  const revs = new Map<string, number>();
  for (const p of paragraphs) {
    byLang.get(p.language_id)?.set(p.n, p.html);
    revs.set(p.language_id, p.revision);
  }
  return {
    languages: chosen.map((l) => ({ language: l.language, title: l.title, status: l.status, revision: revs.get(l.id) ?? null })),
    rows: Array.from({ length: max }, (_, i) => ({
      n: i + 1,
      cells: Object.fromEntries(chosen.map((l) => [l.language, byLang.get(l.id)?.get(i + 1) ?? null])),
    })),
  };
}

// ---------------------------------------------------------------------------------------------
// Files


export async function uploadFile(db: DB, ctx: Ctx, id: string, language: string, upload: { fileName: string; bytes: Buffer; hint?: { mime: string } | null }) {
  const sniff = sniffFile(upload.bytes, upload.hint);
  if (!sniff.ok) throw new AppError('unprocessable', sniff.code, sniff.message, { fields: [{ field: 'file', message: sniff.message }] });
  const name = checkFileName(upload.fileName, sniff.kind);
  if (!name.ok) throw new AppError(name.code === 'documents.file_name_unsafe' ? 'bad_input' : 'unprocessable', name.code, name.message, { fields: [{ field: 'file', message: name.message }] });
  return db.transaction().execute(async (trx) => {
    await loadForChange(trx, ctx, id, 'documents.edit');
    const l = await languageOf(trx, id, language);
    const now = ctx.clock.now();
    const f = await repo.insertFile(trx, {
      document_id: id,
      language_id: l.id,
      file_name: name.name,
      media_type: fileKinds[sniff.kind].mime,
      size_bytes: upload.bytes.length,
      sha256: createHash('sha256').update(upload.bytes).digest('hex'),
      content: upload.bytes,
      created_at: now,
      created_by: ctx.actor.userId,
    });
    await repo.updateDocument(trx, id, { updated_at: now });
    await recordAudit(trx, ctx, { action: 'documents.file_upload', objectType: 'document', objectId: id, after: { language, file: f.id, name: f.file_name, type: f.media_type, size: f.size_bytes, sha256: f.sha256 } });
    return { id: f.id, language, fileName: f.file_name, mediaType: f.media_type, sizeBytes: f.size_bytes, sha256: f.sha256, createdAt: iso(f.created_at) };
  });
}

export async function downloadFile(db: DB, ctx: Ctx, id: string, fileId: string) {
  await loadReadable(db, ctx, id);
  const f = await repo.findVisibleFile(db, ctx.actor, ctx.clock.now(), id, fileId);
  if (!f) throw new AppError('not_found', 'not_found', 'The file was not found.');
  return f;
}

// ---------------------------------------------------------------------------------------------
// Exports and dashboards

export async function exportAkn(db: DB, ctx: Ctx, id: string, language?: string) {
  const { row } = await loadReadable(db, ctx, id);
  const profile = await requireProfile(db);
  const languages = await repo.languagesOf(db, [id]);
  const expression = language ? languages.find((l) => l.language === language) : languages.find((l) => l.role === 'original');
  if (!expression) throw new AppError('not_found', 'documents.language_not_found', `The document has no ${language} version.`);
  const latest = await repo.latestRevision(db, expression.id);
  const paragraphs = latest ? await repo.paragraphsOf(db, latest.id) : [];
  const xml = buildAkn({
    forumCode: profile.code,
    forumName: profile.abbreviation.en ?? profile.code,
    symbol: row.symbol,
    type: row.type,
    title: row.title,
    date: row.document_date,
    bodyCode: row.body_code,
    status: row.status,
    expression: { language: expression.language, role: expression.role, authoritative: expression.authoritative, title: expression.title },
    languages: languages.map((l) => ({ language: l.language, role: l.role, authoritative: l.authoritative, title: l.title })),
    paragraphs,
    generatedAt: ctx.clock.now(),
  });
  return { xml, fileName: `${row.symbol.replace(/\//g, '_')}.${expression.language}.akn.xml` };
}

export async function translationDashboard(db: DB, ctx: Ctx) {
  authorize(ctx.actor, 'documents.oversee', null, { now: ctx.clock.now() });
  const rows = await repo.pendingTranslations(db, ctx.actor, ctx.clock.now());
  const byLang = new Map<string, typeof rows>();
  for (const r of rows) byLang.set(r.language, [...(byLang.get(r.language) ?? []), r]);
  return {
    languages: [...byLang.entries()].map(([language, items]) => ({
      language,
      awaited: items.filter((i) => i.status === 'awaited').length,
      inTranslation: items.filter((i) => i.status === 'in-translation').length,
      items: items.map((i) => ({ documentId: i.document_id, symbol: i.symbol, title: i.title, date: i.document_date, status: i.status, translator: i.translator })),
    })),
  };
}

// ---------------------------------------------------------------------------------------------
// Changes a decision makes, inside the decision's transaction

/** How a change joins a caller's transaction. */
export interface InTrxOptions {
  /**
   * Where to put the audit entries when the caller writes its audit trail last (its lock order);
   * without it they are recorded at once, in the same transaction.
   */
  audits?: AuditEntry[];
}

async function auditIn(trx: DB, ctx: Ctx, entry: AuditEntry, opts: InTrxOptions): Promise<void> {
  if (opts.audits) opts.audits.push(entry);
  else await recordAudit(trx, ctx, entry);
}

/** The actor may change documents on a decision's account (`documents.applyDecision`), else 403. */
async function authorizeForDecision(trx: DB, ctx: Ctx): Promise<void> {
  const now = ctx.clock.now();
  const member = ctx.actor.kind === 'user' && ctx.actor.partyKind === 'member-state';
  authorize(ctx.actor, 'documents.applyDecision', null, { now, chairPartyId: member ? await currentChairPartyId(trx, now) : null });
}

/**
 * Moves a document to `to` because a decision says so (circulated when its silence procedure starts,
 * adopted when it is adopted), in the caller's transaction. Only from the statuses in `onlyFrom` (any,
 * when not given) and only where the life-cycle rule allows the move; otherwise nothing changes and
 * the answer is false. Audited as `documents.status`.
 */
export async function changeStatusForDecisionInTrx(
  trx: DB,
  ctx: Ctx,
  id: string,
  input: { to: DocumentStatus; onlyFrom?: readonly DocumentStatus[]; note: string },
  opts: InTrxOptions = {},
): Promise<boolean> {
  await authorizeForDecision(trx, ctx);
  const row = await repo.lockDocument(trx, id);
  if (!row) throw notFound();
  if (input.onlyFrom && !input.onlyFrom.includes(row.status)) return false;
  if (!checkTransition(row.type as DocumentType, row.status, input.to).ok) return false;
  await repo.updateDocument(trx, id, { status: input.to, updated_at: ctx.clock.now() });
  await auditIn(trx, ctx, { action: 'documents.status', objectType: 'document', objectId: id, before: { status: row.status }, after: { status: input.to, note: input.note } }, opts);
  return true;
}

/** One language version's facts and current text, as a decision reads its draft. */
export interface DecisionDraftLanguage {
  language: string;
  role: 'original' | 'translation';
  authoritative: boolean;
  title: string | null;
  paragraphs: Array<{ html: string; plain: string }>;
}

/**
 * A decision's draft text, locked in the caller's transaction: its facts and its language versions
 * that are ready, with their current paragraphs. Undefined when the document does not exist.
 */
export async function draftForDecisionInTrx(trx: DB, ctx: Ctx, id: string) {
  await authorizeForDecision(trx, ctx);
  const row = await repo.lockDocument(trx, id);
  if (!row) return undefined;
  const ready = (await repo.languagesOf(trx, [row.id])).filter((l) => l.status === 'ready');
  const paragraphs = await repo.currentParagraphs(
    trx,
    ready.map((l) => l.id),
  );
  const languages: DecisionDraftLanguage[] = ready.map((l) => ({
    language: l.language,
    role: l.role,
    authoritative: l.authoritative,
    title: l.title,
    paragraphs: paragraphs.filter((p) => p.language_id === l.id).map((p) => ({ html: p.html, plain: p.plain })),
  }));
  return { id: row.id, symbol: row.symbol, title: row.title, originalLanguage: row.original_language, meetingId: row.meeting_id, agendaItem: row.agenda_item, languages };
}

/**
 * Issues a document a decision produced (the adopted decision), numbered in the general series of its
 * body and year, with its language versions ready and each one's text as revision 1 (sanitised here),
 * in the caller's transaction. Audited as `documents.create`, with `auditDetail` added to the entry.
 */
export async function issueForDecisionInTrx(
  trx: DB,
  ctx: Ctx,
  input: {
    bodyCode: string;
    type: DocumentType;
    status: 'adopted' | 'issued';
    title: string;
    /** The document's date (YYYY-MM-DD), also the year it is numbered in. */
    date: string;
    accessLevel: 'public' | 'members' | 'members-and-observers';
    originalLanguage: string;
    meetingId?: string | null;
    agendaItem?: string | null;
    /** The symbol prefix; the forum profile's when not given. */
    prefix?: string;
    languages: ReadonlyArray<{ language: string; role: 'original' | 'translation'; authoritative: boolean; title: string | null; paragraphs: ReadonlyArray<{ html: string }>; note: string }>;
    auditDetail?: Record<string, unknown>;
  },
  opts: InTrxOptions = {},
): Promise<{ id: string; symbol: string }> {
  await authorizeForDecision(trx, ctx);
  if (!(await repo.bodyExists(trx, input.bodyCode))) {
    throw new AppError('unprocessable', 'documents.unknown_body', `No body with code ${input.bodyCode}.`, { fields: [{ field: 'bodyCode', message: 'unknown body' }] });
  }
  const now = ctx.clock.now();
  const prefix = input.prefix ?? (await requireProfile(trx)).symbolPrefix;
  const year = yearOf(input.date);
  const number = await repo.takeNextNumber(trx, { prefix, bodyCode: input.bodyCode, year, series: 'general' });
  const parts: SymbolParts = { prefix, body: input.bodyCode, year, series: 'general', number, rev: null, add: null, corr: null };
  const row = await repo.insertDocument(trx, {
    symbol: formatSymbol(parts),
    prefix,
    body_code: input.bodyCode,
    year,
    series: 'general',
    number,
    type: input.type,
    title: input.title,
    original_language: input.originalLanguage,
    meeting_id: input.meetingId ?? null,
    agenda_item: input.agendaItem ?? null,
    submitting_party_id: null,
    document_date: input.date,
    status: input.status,
    access_level: input.accessLevel,
    derestrict_at: null,
    derestrict_to: null,
    created_by: ctx.actor.userId,
    created_at: now,
    updated_at: now,
  });
  for (const v of input.languages) {
    const lang = await repo.insertLanguage(trx, {
      document_id: row.id,
      language: v.language,
      role: v.role,
      status: 'ready',
      authoritative: v.authoritative,
      title: v.title,
      created_at: now,
      updated_at: now,
    });
    const paragraphs = v.paragraphs
      .map((p) => sanitizeParagraph(p.html))
      .filter((h) => h !== '')
      .map((html) => ({ html, plain: plainText(html) }));
    await repo.insertRevision(trx, { languageId: lang.id, n: 1, at: now, by: ctx.actor.userId, note: v.note, paragraphs });
  }
  await repo.insertAccessHistory(trx, { documentId: row.id, at: now, actorUserId: ctx.actor.userId, change: 'set', from: null, to: input.accessLevel, partyIds: [] });
  await auditIn(
    trx,
    ctx,
    {
      action: 'documents.create',
      objectType: 'document',
      objectId: row.id,
      after: { symbol: row.symbol, type: row.type, title: row.title, body: row.body_code, access: row.access_level, languages: input.languages.map((v) => v.language), ...input.auditDetail },
    },
    opts,
  );
  return { id: row.id, symbol: row.symbol };
}
