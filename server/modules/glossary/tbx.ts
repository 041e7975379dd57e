/**
 * TBX-Basic (ISO 30042:2019, TBX v2 core structure, DCA style) for the glossary: export and import.
 *
 * Mapping (data categories permitted by the TBX-Basic dialect, at their permitted levels):
 * - conceptEntry @id ........................ the concept's code
 * - conceptEntry/descrip[subjectField] ...... subject
 * - conceptEntry/adminGrp/admin[source] ..... source publication; its sibling <note> holds the source date
 * - conceptEntry/xref[externalCrossReference] @target: source address
 * - conceptEntry/note "concord:status=…" .... status (draft, approved, deprecated)
 * - langSec @xml:lang ........................ language; langSec/descrip[definition]: definition;
 *   langSec/note: the explanatory note
 * - termSec/term + termNote[administrativeStatus] preferredTerm-admn-sts (preferred) or
 *   admittedTerm-admn-sts (synonyms, abbreviations) + termNote[termType] fullForm or abbreviation.
 *
 * Import uses a real XML parser (@xmldom/xmldom). A DOCTYPE is refused before parsing: TBX needs none,
 * and refusing it rules out entity expansion ("billion laughs") and external entities (XXE).
 */
import { DOMParser, type Element } from '@xmldom/xmldom';
import type { ConceptInput, ConceptLanguageInput, ConceptStatus } from './glossary.ts';

export const tbxNamespace = 'urn:iso:std:iso:30042:ed-2';

export interface ExportConcept extends ConceptInput {}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const attr = (s: string) => esc(s).replace(/"/g, '&quot;');
// Characters XML 1.0 cannot carry are dropped (they cannot be in valid entries anyway).
const xmlSafe = (s: string) => s.replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '');
const text = (s: string) => esc(xmlSafe(s));

export function buildTbx(concepts: readonly ExportConcept[], meta: { title: string; sourceNote: string; lang?: string }): string {
  const out: string[] = [];
  out.push('<?xml version="1.0" encoding="UTF-8"?>');
  out.push(`<tbx xmlns="${tbxNamespace}" type="TBX-Basic" style="dca" xml:lang="${attr(meta.lang ?? 'en')}">`);
  out.push('  <tbxHeader>');
  out.push('    <fileDesc>');
  out.push(`      <titleStmt><title>${text(meta.title)}</title></titleStmt>`);
  out.push(`      <sourceDesc><p>${text(meta.sourceNote)}</p></sourceDesc>`);
  out.push('    </fileDesc>');
  out.push('  </tbxHeader>');
  out.push('  <text>');
  if (concepts.length) {
    out.push('    <body>');
    for (const c of concepts) {
      out.push(`      <conceptEntry id="${attr(c.code)}">`);
      if (c.subject) out.push(`        <descrip type="subjectField">${text(c.subject)}</descrip>`);
      if (c.source?.title || c.source?.date) {
        out.push('        <adminGrp>');
        out.push(`          <admin type="source">${text(c.source.title ?? '')}</admin>`);
        if (c.source.date) out.push(`          <note>${text(c.source.date)}</note>`);
        out.push('        </adminGrp>');
      }
      if (c.source?.url) out.push(`        <xref type="externalCrossReference" target="${attr(c.source.url)}">${text(c.source.title ?? c.source.url)}</xref>`);
      out.push(`        <note>concord:status=${c.status}</note>`);
      for (const l of c.languages) {
        out.push(`        <langSec xml:lang="${attr(l.lang)}">`);
        if (l.definition) out.push(`          <descrip type="definition">${text(l.definition)}</descrip>`);
        if (l.note) out.push(`          <note>${text(l.note)}</note>`);
        const term = (t: string, status: string, type: string) =>
          `          <termSec><term>${text(t)}</term><termNote type="termType">${type}</termNote><termNote type="administrativeStatus">${status}</termNote></termSec>`;
        out.push(term(l.preferred, 'preferredTerm-admn-sts', 'fullForm'));
        for (const s of l.synonyms ?? []) out.push(term(s, 'admittedTerm-admn-sts', 'fullForm'));
        for (const a of l.abbreviations ?? []) out.push(term(a, 'admittedTerm-admn-sts', 'abbreviation'));
        out.push('        </langSec>');
      }
      out.push('      </conceptEntry>');
    }
    out.push('    </body>');
  }
  out.push('  </text>');
  out.push('</tbx>');
  return `${out.join('\n')}\n`;
}

// ---------------------------------------------------------------------------------------------
// Import

/** An entry read from a file, with the line it starts on and where each language starts. */
export interface ParsedEntry {
  line: number;
  input: ConceptInput;
  /** Line of each language section, by index in `input.languages`. */
  languageLines: number[];
}

export interface Refusal {
  line: number;
  /** The entry's code when known. */
  code: string | null;
  field: string | null;
  reason: string;
}

export interface ParseResult {
  entries: ParsedEntry[];
  refused: Refusal[];
  /** The whole file was refused (not well-formed, not TBX): nothing in it was read. */
  fatal: boolean;
}

const lineOf = (el: Element) => (el as unknown as { lineNumber?: number }).lineNumber ?? 0;
const elementsOf = (el: Element, name?: string): Element[] => {
  const out: Element[] = [];
  for (let n = el.firstChild; n; n = n.nextSibling) {
    if (n.nodeType === 1 && (!name || (n as Element).localName === name)) out.push(n as Element);
  }
  return out;
};
const textOf = (el: Element) => (el.textContent ?? '').trim();
const typed = (el: Element, name: string, type: string) => elementsOf(el, name).filter((e) => e.getAttribute('type') === type);

const codeFrom = (id: string) => {
  let c = id.toLowerCase().replace(/[^a-z0-9-]+/g, '-').replace(/^-+|-+$/g, '');
  if (!/^[a-z]/.test(c)) c = `c-${c}`;
  return c.slice(0, 80);
};

/**
 * The line and reason for a file that is not well-formed. For a tag mismatch the parser points at
 * the element left open; the line reported is where the wrong end tag closes it.
 */
function notWellFormed(xml: string, line: number, message: string): [number, string] {
  const m = /Opening and ending tag mismatch: "([^"]+)" != "([^"]+)"/.exec(message);
  if (m && line > 0) {
    const lines = xml.split('\n');
    for (let i = line - 1; i < lines.length; i++) {
      if (lines[i]!.includes(`</${m[2]}`)) return [i + 1, `The file is not well-formed XML: <${m[1]}> opened on line ${line} is closed by </${m[2]}> on line ${i + 1}.`];
    }
  }
  return [line, `The file is not well-formed XML: ${message}`];
}

/** Reads a TBX-Basic file into entries, refusing what cannot be read, each with its line and reason. */
export function parseTbx(xml: string): ParseResult {
  const refused: Refusal[] = [];
  const fatal = (line: number, reason: string): ParseResult => ({ entries: [], refused: [{ line, code: null, field: null, reason }], fatal: true });
  const doctype = /<!DOCTYPE|<!ENTITY/i.exec(xml);
  if (doctype) return fatal(xml.slice(0, doctype.index).split('\n').length, 'A DOCTYPE or entity declaration is not accepted in a TBX file (entities are refused for safety).');

  let doc: ReturnType<DOMParser['parseFromString']>;
  const errors: Array<{ line: number; message: string }> = [];
  try {
    doc = new DOMParser({
      onError: (level, message, context) => {
        if (level === 'warning') return;
        const loc = (context as unknown as { locator?: { lineNumber?: number } })?.locator;
        errors.push({ line: loc?.lineNumber ?? 0, message: String(message) });
      },
    }).parseFromString(xml, 'text/xml');
  } catch (err) {
    const e = err as { message?: string; locator?: { lineNumber?: number } };
    const first = errors[0];
    return fatal(...notWellFormed(xml, e.locator?.lineNumber ?? first?.line ?? 0, first?.message ?? e.message ?? 'parse error'));
  }
  if (errors.length) return fatal(...notWellFormed(xml, errors[0]!.line, errors[0]!.message));
  const root = doc.documentElement;
  if (root?.localName !== 'tbx') return fatal(root ? lineOf(root as unknown as Element) : 1, 'The root element must be <tbx>.');
  if (root.namespaceURI !== tbxNamespace) return fatal(lineOf(root as unknown as Element), `The <tbx> element must be in the namespace ${tbxNamespace} (TBX v2, ISO 30042:2019).`);
  const type = root.getAttribute('type') ?? '';
  if (type !== 'TBX-Basic') return fatal(lineOf(root as unknown as Element), `Only TBX-Basic is read (the file says type="${type}").`);
  if ((root.getAttribute('style') ?? '') !== 'dca') return fatal(lineOf(root as unknown as Element), 'Only the DCA style of TBX-Basic is read (style="dca").');

  const textEl = elementsOf(root as unknown as Element, 'text')[0];
  if (!textEl) return fatal(lineOf(root as unknown as Element), 'The <tbx> element has no <text>.');
  const bodyEl = elementsOf(textEl, 'body')[0];
  const entries: ParsedEntry[] = [];
  for (const ce of bodyEl ? elementsOf(bodyEl, 'conceptEntry') : []) {
    const line = lineOf(ce);
    const id = ce.getAttribute('id') ?? '';
    const code = id ? codeFrom(id) : null;
    const refuse = (reason: string, at = line, field: string | null = null) => refused.push({ line: at, code, field, reason });
    if (!id) {
      refuse('The conceptEntry has no id.');
      continue;
    }
    let status: ConceptStatus = 'draft';
    for (const n of elementsOf(ce, 'note')) {
      const m = /^concord:status=(draft|approved|deprecated)$/.exec(textOf(n));
      if (m) status = m[1] as ConceptStatus;
    }
    const subject = typed(ce, 'descrip', 'subjectField')[0];
    const adminGrp = elementsOf(ce, 'adminGrp').find((g) => typed(g, 'admin', 'source').length > 0);
    const sourceAdmin = adminGrp ? typed(adminGrp, 'admin', 'source')[0] : typed(ce, 'admin', 'source')[0];
    const sourceDate = adminGrp ? elementsOf(adminGrp, 'note').map(textOf).find((t) => /^\d{4}(-\d{2}){0,2}$/.test(t)) : undefined;
    const xref = typed(ce, 'xref', 'externalCrossReference')[0];
    const languages: ConceptLanguageInput[] = [];
    const languageLines: number[] = [];
    let bad = false;
    for (const ls of elementsOf(ce, 'langSec')) {
      const lang = ls.getAttribute('xml:lang') ?? ls.getAttributeNS('http://www.w3.org/XML/1998/namespace', 'lang') ?? '';
      if (!lang) {
        refuse('A langSec has no xml:lang.', lineOf(ls), 'lang');
        bad = true;
        continue;
      }
      const termSecs = elementsOf(ls, 'termSec');
      if (termSecs.length === 0) {
        refuse(`The ${lang} langSec has no termSec.`, lineOf(ls), 'terms');
        bad = true;
        continue;
      }
      const terms: Array<{ term: string; preferred: boolean; abbreviation: boolean; line: number }> = [];
      for (const ts of termSecs) {
        const t = elementsOf(ts, 'term')[0];
        if (!t || !textOf(t)) {
          refuse(`A ${lang} termSec has no term.`, lineOf(ts), 'term');
          bad = true;
          continue;
        }
        const notes = elementsOf(ts, 'termNote');
        const status = notes.find((n) => n.getAttribute('type') === 'administrativeStatus');
        const termType = notes.find((n) => n.getAttribute('type') === 'termType');
        terms.push({
          term: textOf(t),
          preferred: !!status && textOf(status) === 'preferredTerm-admn-sts',
          abbreviation: !!termType && ['abbreviation', 'acronym', 'shortForm'].includes(textOf(termType)),
          line: lineOf(ts),
        });
      }
      const marked = terms.filter((t) => t.preferred);
      if (marked.length > 1) {
        refuse(`The ${lang} langSec marks ${marked.length} terms as preferred; one is allowed.`, marked[1]!.line, 'preferred');
        bad = true;
        continue;
      }
      // Without a preferred mark, the first full form (else the first term) is the preferred one.
      const preferred = marked[0] ?? terms.find((t) => !t.abbreviation) ?? terms[0];
      if (!preferred) continue;
      const definition = typed(ls, 'descrip', 'definition')[0];
      const notes = elementsOf(ls, 'note').map(textOf).filter(Boolean);
      languages.push({
        lang,
        preferred: preferred.term,
        synonyms: terms.filter((t) => t !== preferred && !t.abbreviation).map((t) => t.term),
        abbreviations: terms.filter((t) => t !== preferred && t.abbreviation).map((t) => t.term),
        definition: definition ? textOf(definition) : null,
        note: notes.length ? notes.join('\n\n') : null,
      });
      languageLines.push(lineOf(ls));
    }
    if (bad) continue;
    if (languages.length === 0) {
      refuse('The conceptEntry has no langSec.');
      continue;
    }
    entries.push({
      line,
      languageLines,
      input: {
        code: code!,
        subject: subject ? textOf(subject) : null,
        status,
        source: sourceAdmin || xref ? { title: sourceAdmin ? textOf(sourceAdmin) || null : null, date: sourceDate ?? null, url: xref?.getAttribute('target') ?? null } : null,
        languages,
      },
    });
  }
  return { entries, refused, fatal: false };
}
