import { describe, expect, it } from 'vitest';
import { analyze } from './analysis.ts';
import { buildSnippet, markTokens } from './snippet.ts';

const render = (segments: Array<{ text: string; match: boolean }>) => segments.map((s) => (s.match ? `[${s.text}]` : s.text)).join('');

describe('snippets', () => {
  it('marks matched words in Chinese without breaking characters, as segments', () => {
    const text = '亚信会议是一个促进亚洲和平的多边论坛，致力于建立信任措施。';
    const wanted = new Set(['信任', '措施']);
    const s = buildSnippet(text, 'zh', (t) => wanted.has(t.folded));
    expect(render(s.segments)).toBe('亚信会议是一个促进亚洲和平的多边论坛，致力于建立[信任措施]。');
    expect(s.matched).toBe(true);
  });

  it('cuts a long text around the densest cluster of matches, on word ends, with ellipses', () => {
    const filler = 'The meeting discussed many other subjects at length. '.repeat(20);
    const text = `${filler}The silence procedure ended without objection and the silence was kept. ${filler}`;
    const s = buildSnippet(text, 'en', (t) => t.folded === 'silence');
    const out = render(s.segments);
    expect(out.startsWith('…')).toBe(true);
    expect(out.endsWith('…')).toBe(true);
    expect(out).toContain('[silence] procedure');
    expect(out.length).toBeLessThan(260);
  });

  it('merges adjacent matches separated by spaces and keeps HTML as plain text', () => {
    const text = '<b>confidence building</b> measures';
    const tokens = analyze(text, 'en');
    const segs = markTokens(text, tokens, (t) => ['confidence', 'building'].includes(t.folded));
    expect(segs).toEqual([
      { text: '<b>', match: false },
      { text: 'confidence building', match: true },
      { text: '</b> measures', match: false },
    ]);
  });
});
