/**
 * Text of a language version: numbered paragraphs of rich text, sanitised on the way in with an
 * allow-list, and compared paragraph by paragraph (aligned by content, then word by word).
 */
import { diffArrays, diffWords } from 'diff';
import sanitizeHtml from 'sanitize-html';

const blockTags = ['h1', 'h2', 'h3', 'h4', 'p', 'ol', 'ul', 'table', 'blockquote'];

const policy: sanitizeHtml.IOptions = {
  allowedTags: [...blockTags, 'li', 'strong', 'em', 'a', 'thead', 'tbody', 'tr', 'td', 'th', 'br'],
  allowedAttributes: { a: ['href'], td: ['colspan', 'rowspan'], th: ['colspan', 'rowspan'] },
  allowedSchemes: ['http', 'https', 'mailto'],
  allowedSchemesByTag: { a: ['http', 'https', 'mailto'] },
  allowedSchemesAppliedToAttributes: ['href'],
  allowProtocolRelative: false,
  // Tags outside the list vanish but keep their text (b → text); script/style/… lose their content too.
  disallowedTagsMode: 'discard',
  nonTextTags: ['script', 'style', 'textarea', 'option', 'noscript', 'template', 'iframe', 'object', 'svg', 'math', 'title', 'head'],
  transformTags: { b: 'strong', i: 'em', h5: 'h4', h6: 'h4' },
  parser: { lowerCaseTags: true, lowerCaseAttributeNames: true },
};

/** The allow-listed subset of one paragraph's HTML; inline content on its own is wrapped in `<p>`. */
export function sanitizeParagraph(html: string): string {
  const clean = sanitizeHtml(html.normalize('NFC'), policy).trim();
  if (clean === '') return '';
  const first = /^<([a-z0-9]+)/.exec(clean)?.[1];
  return first && blockTags.includes(first) ? clean : `<p>${clean}</p>`;
}

// ---------------------------------------------------------------------------------------------
// A tree of sanitised HTML (the sanitiser's output is well-formed: lower-case tags, quoted attributes)

export type HtmlNode = { tag: string; attrs: Record<string, string>; children: HtmlNode[] } | { text: string };

const entities: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0', '#39': "'", '#x27': "'" };
export const decodeEntities = (s: string) =>
  s.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (m, e: string) => {
    if (entities[e.toLowerCase()] !== undefined) return entities[e.toLowerCase()];
    if (e[0] === '#') {
      const cp = e[1] === 'x' || e[1] === 'X' ? Number.parseInt(e.slice(2), 16) : Number(e.slice(1));
      return Number.isFinite(cp) && cp > 0 && cp <= 0x10ffff ? String.fromCodePoint(cp) : m;
    }
    return m;
  });

const voidTags = new Set(['br']);

export function parseSanitized(html: string): HtmlNode[] {
  const root: HtmlNode = { tag: '#root', attrs: {}, children: [] };
  const stack: Extract<HtmlNode, { tag: string }>[] = [root as Extract<HtmlNode, { tag: string }>];
  const re = /<(\/?)([a-z][a-z0-9]*)((?:\s+[a-z-]+(?:="[^"]*")?)*)\s*(\/?)>|([^<]+)/g;
  for (const m of html.matchAll(re)) {
    const top = stack[stack.length - 1];
    if (m[5] !== undefined) {
      top.children.push({ text: decodeEntities(m[5]) });
      continue;
    }
    const [, closing, tag, rawAttrs, selfClose] = m;
    if (closing) {
      const i = stack.map((n) => n.tag).lastIndexOf(tag);
      if (i > 0) stack.length = i;
      continue;
    }
    const attrs: Record<string, string> = {};
    for (const a of rawAttrs.matchAll(/([a-z-]+)(?:="([^"]*)")?/g)) attrs[a[1]] = decodeEntities(a[2] ?? '');
    const node = { tag, attrs, children: [] as HtmlNode[] };
    top.children.push(node);
    if (!selfClose && !voidTags.has(tag)) stack.push(node);
  }
  return root.children;
}

const blockish = new Set([...blockTags, 'li', 'tr', 'td', 'th', 'br']);

/** Plain text of sanitised HTML, blocks separated by a space; used for search and word diffs. */
export function plainText(html: string): string {
  const out: string[] = [];
  const walk = (nodes: HtmlNode[]) => {
    for (const n of nodes) {
      if ('text' in n) out.push(n.text);
      else {
        if (blockish.has(n.tag)) out.push(' ');
        walk(n.children);
        if (blockish.has(n.tag)) out.push(' ');
      }
    }
  };
  walk(parseSanitized(html));
  return out.join('').replace(/\s+/g, ' ').trim();
}

// ---------------------------------------------------------------------------------------------
// Comparing two revisions

export interface ParagraphText {
  n: number;
  plain: string;
}

export interface WordChange {
  op: 'same' | 'added' | 'removed';
  text: string;
}

export interface ParagraphChange {
  status: 'same' | 'changed' | 'added' | 'removed';
  /** Paragraph number in the earlier revision (null when added). */
  fromN: number | null;
  /** Paragraph number in the later revision (null when removed). */
  toN: number | null;
  words: WordChange[];
}

function wordsOf(a: string, b: string): WordChange[] {
  return diffWords(a, b).map((p) => ({ op: p.added ? 'added' : p.removed ? 'removed' : 'same', text: p.value }));
}

const wordSet = (s: string) => new Set(s.toLowerCase().split(/[\s\p{P}]+/u).filter(Boolean));

/** Share of words two paragraphs have in common (0..1). */
export function similarity(a: string, b: string): number {
  if (a === b) return 1;
  const x = wordSet(a);
  const y = wordSet(b);
  if (x.size === 0 || y.size === 0) return 0;
  let common = 0;
  for (const w of x) if (y.has(w)) common++;
  return common / Math.max(x.size, y.size);
}

/**
 * Pairs removed with added paragraphs in order, matching those that share enough words (a
 * weighted longest-common-subsequence); unmatched ones stay removed or added.
 */
function pairBlock(removed: ParagraphText[], added: ParagraphText[]): ParagraphChange[] {
  const r = removed.length;
  const a = added.length;
  const out: ParagraphChange[] = [];
  if (r * a > 250_000) {
    // Too large to align finely: pair by position.
    const paired = Math.min(r, a);
    for (let k = 0; k < paired; k++) out.push({ status: 'changed', fromN: removed[k].n, toN: added[k].n, words: wordsOf(removed[k].plain, added[k].plain) });
    for (let k = paired; k < r; k++) out.push({ status: 'removed', fromN: removed[k].n, toN: null, words: [{ op: 'removed', text: removed[k].plain }] });
    for (let k = paired; k < a; k++) out.push({ status: 'added', fromN: null, toN: added[k].n, words: [{ op: 'added', text: added[k].plain }] });
    return out;
  }
  const sim = removed.map((x) => added.map((y) => similarity(x.plain, y.plain)));
  const score: number[][] = Array.from({ length: r + 1 }, () => new Array<number>(a + 1).fill(0));
  for (let i = r - 1; i >= 0; i--) {
    for (let j = a - 1; j >= 0; j--) {
      const match = sim[i][j] >= 0.3 ? sim[i][j] + score[i + 1][j + 1] : -1;
      score[i][j] = Math.max(match, score[i + 1][j], score[i][j + 1]);
    }
  }
  let i = 0;
  let j = 0;
  while (i < r || j < a) {
    if (i < r && j < a && sim[i][j] >= 0.3 && score[i][j] === sim[i][j] + score[i + 1][j + 1]) {
      out.push({ status: 'changed', fromN: removed[i].n, toN: added[j].n, words: wordsOf(removed[i].plain, added[j].plain) });
      i++;
      j++;
    } else if (j < a && (i >= r || score[i][j] === score[i][j + 1])) {
      out.push({ status: 'added', fromN: null, toN: added[j].n, words: [{ op: 'added', text: added[j].plain }] });
      j++;
    } else {
      out.push({ status: 'removed', fromN: removed[i].n, toN: null, words: [{ op: 'removed', text: removed[i].plain }] });
      i++;
    }
  }
  return out;
}

/**
 * Aligns paragraphs by content (an inserted paragraph does not mark every later one as changed),
 * then pairs similar removed and added paragraphs as changed, with a word-level diff.
 */
export function compareParagraphs(from: ParagraphText[], to: ParagraphText[]): ParagraphChange[] {
  const parts = diffArrays(
    from.map((p) => p.plain),
    to.map((p) => p.plain),
  );
  const out: ParagraphChange[] = [];
  let i = 0;
  let j = 0;
  for (let k = 0; k < parts.length; k++) {
    const part = parts[k];
    const count = part.value.length;
    if (!part.added && !part.removed) {
      for (let c = 0; c < count; c++, i++, j++) out.push({ status: 'same', fromN: from[i].n, toN: to[j].n, words: [{ op: 'same', text: from[i].plain }] });
      continue;
    }
    // A run of changes: removed and/or added paragraphs, in either order.
    let removedCount = 0;
    let addedCount = 0;
    while (k < parts.length && (parts[k].added || parts[k].removed)) {
      if (parts[k].removed) removedCount += parts[k].value.length;
      else addedCount += parts[k].value.length;
      k++;
    }
    k--;
    out.push(...pairBlock(from.slice(i, i + removedCount), to.slice(j, j + addedCount)));
    i += removedCount;
    j += addedCount;
  }
  return out;
}
