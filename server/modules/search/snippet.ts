/**
 * Snippets with the match highlighted, built on the words (pure). PostgreSQL's ts_headline does not
 * know where Chinese or Thai words end, so snippets are cut here from the same segmentation the index
 * uses. The result is a list of segments with a `match` flag — never HTML — so the web app renders
 * <mark> itself and nothing from a document can inject markup.
 */
import { analyze, type Token } from './analysis.ts';

export interface Segment {
  text: string;
  match: boolean;
}

export type TokenMatcher = (t: Token) => boolean;

export interface SnippetOptions {
  /** Longest snippet, in characters (the cut falls on word ends). */
  maxChars?: number;
  /** Characters of context kept before the first match. */
  lead?: number;
}

/** Characters a snippet gets; dense scripts (Chinese, Japanese) carry more per character. */
export function snippetLength(lang: string): number {
  return ['zh', 'ja', 'ko'].includes(lang) ? 110 : 240;
}

/** Splits `text` into segments, marking the tokens `isMatch` accepts (adjacent matches merge). */
export function markTokens(text: string, tokens: readonly Token[], isMatch: TokenMatcher, from = 0, to = text.length): Segment[] {
  const out: Segment[] = [];
  const push = (s: string, match: boolean) => {
    if (!s) return;
    const last = out[out.length - 1];
    if (last && last.match === match) last.text += s;
    else out.push({ text: s, match });
  };
  let at = from;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (t.end <= from || t.start >= to) continue;
    if (!isMatch(t)) continue;
    push(text.slice(at, t.start), false);
    // Join a run of matches separated only by spaces into one highlight.
    let end = t.end;
    while (i + 1 < tokens.length && tokens[i + 1]!.start < to && isMatch(tokens[i + 1]!) && /^\s*$/u.test(text.slice(end, tokens[i + 1]!.start))) {
      i++;
      end = tokens[i]!.end;
    }
    push(text.slice(t.start, end), true);
    at = end;
  }
  push(text.slice(at, to), false);
  return out;
}

/**
 * The snippet of `text` around its densest cluster of matches: starting a little before the first
 * match of that cluster, cut at word ends, with an ellipsis where text was left out.
 */
export function buildSnippet(text: string, lang: string, isMatch: TokenMatcher, opts: SnippetOptions = {}, tokens?: readonly Token[]): { segments: Segment[]; matched: boolean } {
  const maxChars = opts.maxChars ?? snippetLength(lang);
  const lead = opts.lead ?? Math.floor(maxChars / 4);
  const words = tokens ?? analyze(text, lang);
  const hits = words.map((t, i) => (isMatch(t) ? i : -1)).filter((i) => i >= 0);
  if (text.length <= maxChars) {
    return { segments: markTokens(text, words, isMatch), matched: hits.length > 0 };
  }
  // The window (of maxChars) holding the most matches, anchored at a match.
  let best = hits[0];
  let bestCount = 0;
  for (let a = 0, b = 0; a < hits.length; a++) {
    const startAt = words[hits[a]!]!.start;
    while (b < hits.length && words[hits[b]!]!.end - startAt <= maxChars - lead) b++;
    if (b - a > bestCount) {
      bestCount = b - a;
      best = hits[a];
    }
  }
  let from = 0;
  if (best !== undefined) {
    const anchor = words[best]!.start;
    from = Math.max(0, anchor - lead);
    // Start on a word: the first word starting at or after `from`, unless that passes the anchor.
    const first = words.find((t) => t.start >= from);
    if (from > 0 && first && first.start <= anchor) from = first.start;
  }
  let to = Math.min(text.length, from + maxChars);
  if (to < text.length) {
    const lastWhole = [...words].reverse().find((t) => t.end <= to && t.start >= from);
    if (lastWhole) to = lastWhole.end;
  }
  const segments = markTokens(text, words, isMatch, from, to);
  if (from > 0) segments.unshift({ text: '…', match: false });
  if (to < text.length) segments.push({ text: '…', match: false });
  // Collapse the spaces a cut in the middle of white space leaves behind.
  if (segments[0] && !segments[0].match) segments[0].text = segments[0].text.replace(/^\s+/u, '');
  const merged: Segment[] = [];
  for (const s of segments) {
    const last = merged[merged.length - 1];
    if (last && !last.match && !s.match) last.text += s.text;
    else if (s.text) merged.push({ ...s });
  }
  return { segments: merged, matched: hits.length > 0 };
}
