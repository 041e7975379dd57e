/**
 * Akoma Ntoso 3.0 export of one document: the Work (the document under its symbol), the Expression
 * of one language (its authoritative flag, and the other language versions as FRBRtranslation
 * links), the XML Manifestation, and the paragraphs in `mainBody`. Statements export as
 * `<statement>`, everything else as `<doc name="type">`.
 */
import { type HtmlNode, parseSanitized } from './text.ts';

export interface AknLanguage {
  language: string;
  role: 'original' | 'translation';
  authoritative: boolean;
  title: string | null;
}

export interface AknInput {
  forumCode: string;
  forumName: string;
  symbol: string;
  type: string;
  title: string;
  date: string;
  bodyCode: string;
  status: string;
  /** The Expression exported. */
  expression: AknLanguage;
  /** Every language version, including the exported one. */
  languages: AknLanguage[];
  paragraphs: { n: number; html: string }[];
  generatedAt: Date;
}

const iso639_2: Record<string, string> = {
  en: 'eng', ru: 'rus', zh: 'zho', ar: 'ara', fr: 'fra', es: 'spa', vi: 'vie', fa: 'fas', kk: 'kaz', tr: 'tur',
  de: 'deu', ja: 'jpn', ko: 'kor', hi: 'hin', mn: 'mon', uz: 'uzb', ky: 'kir', tg: 'tgk', az: 'aze', th: 'tha',
  km: 'khm', ur: 'urd', bn: 'ben', he: 'heb', ps: 'pus', ka: 'kat', hy: 'hye', id: 'ind', ms: 'msa', my: 'mya',
  lo: 'lao', ne: 'nep', si: 'sin', ta: 'tam', tk: 'tuk', uk: 'ukr', be: 'bel', pt: 'por', it: 'ita',
};
/** AKN names languages with ISO 639-2 three-letter codes. */
export const aknLanguage = (bcp47: string) => iso639_2[bcp47.split('-')[0]] ?? bcp47.split('-')[0];

export const xmlEscape = (s: string) =>
  s
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    // biome-ignore lint/suspicious/noControlCharactersInRegex: characters XML 1.0 does not allow
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '');

const attr = (name: string, value: string) => ` ${name}="${xmlEscape(value)}"`;

/** `CICA/SOC/2025/L.3/Rev.1` → `soc-2025-l-3-rev-1`, a path segment for FRBR URIs. */
export function symbolSlug(symbol: string): string {
  return symbol
    .split('/')
    .slice(1)
    .join('-')
    .replace(/\./g, '-')
    .toLowerCase()
    .replace(/[^a-z0-9-]/g, '');
}

const inlineMap: Record<string, string> = { strong: 'b', em: 'i', a: 'a', br: 'br' };

function inline(nodes: HtmlNode[]): string {
  let out = '';
  for (const n of nodes) {
    if ('text' in n) out += xmlEscape(n.text);
    else if (n.tag === 'br') out += '<eol/>';
    else if (n.tag === 'a') out += n.attrs.href ? `<a${attr('href', n.attrs.href)}>${inline(n.children)}</a>` : inline(n.children);
    else if (inlineMap[n.tag]) out += `<${inlineMap[n.tag]}>${inline(n.children)}</${inlineMap[n.tag]}>`;
    else out += inline(n.children);
  }
  return out;
}

function block(n: HtmlNode, eId: string): string {
  if ('text' in n) return n.text.trim() ? `<p${attr('eId', eId)}>${xmlEscape(n.text)}</p>` : '';
  switch (n.tag) {
    case 'h1':
    case 'h2':
    case 'h3':
    case 'h4':
      return `<p${attr('eId', eId)}${attr('class', `heading-${n.tag.slice(1)}`)}>${inline(n.children)}</p>`;
    case 'p':
      return `<p${attr('eId', eId)}>${inline(n.children)}</p>`;
    case 'blockquote':
      return n.children.map((c, i) => block(c, `${eId}__q_${i + 1}`)).join('');
    case 'ul':
    case 'ol': {
      const items = n.children.filter((c): c is Extract<HtmlNode, { tag: string }> => !('text' in c) && c.tag === 'li');
      if (items.length === 0) return '';
      const lis = items.map((li) => {
        const nested = li.children.filter((c) => !('text' in c) && (c.tag === 'ul' || c.tag === 'ol'));
        const flat = li.children.filter((c) => !nested.includes(c));
        return `<li>${inline(flat)}${nested.map((c, k) => block(c, `${eId}__list_${k + 1}`)).join('')}</li>`;
      });
      return `<${n.tag}${attr('eId', eId)}>${lis.join('')}</${n.tag}>`;
    }
    case 'table': {
      const rows: Extract<HtmlNode, { tag: string }>[] = [];
      const collect = (ns: HtmlNode[]) => {
        for (const c of ns) if (!('text' in c)) c.tag === 'tr' ? rows.push(c) : collect(c.children);
      };
      collect(n.children);
      if (rows.length === 0) return '';
      const trs = rows.map((tr) => {
        const cells = tr.children.filter((c): c is Extract<HtmlNode, { tag: string }> => !('text' in c) && (c.tag === 'td' || c.tag === 'th'));
        return `<tr>${cells
          .map((c) => {
            const span = (c.attrs.colspan ? attr('colspan', String(Number(c.attrs.colspan) || 1)) : '') + (c.attrs.rowspan ? attr('rowspan', String(Number(c.attrs.rowspan) || 1)) : '');
            return `<${c.tag}${span}><p>${inline(c.children)}</p></${c.tag}>`;
          })
          .join('')}</tr>`;
      });
      return `<table${attr('eId', eId)}>${trs.join('')}</table>`;
    }
    default:
      return `<p${attr('eId', eId)}>${inline(n.children)}</p>`;
  }
}

/** The paragraphs as AKN blocks; paragraph n gets eId `para_n` (its blocks `para_n__k`). */
export function paragraphsToAkn(paragraphs: { n: number; html: string }[]): string {
  const parts: string[] = [];
  for (const p of paragraphs) {
    const nodes = parseSanitized(p.html).filter((n) => !('text' in n) || n.text.trim());
    nodes.forEach((node, k) => {
      parts.push(block(node, nodes.length === 1 ? `para_${p.n}` : `para_${p.n}__${k + 1}`));
    });
  }
  return parts.join('\n      ');
}

export function buildAkn(d: AknInput): string {
  const kind = d.type === 'statement' ? 'statement' : 'doc';
  const country = d.forumCode.toLowerCase().replace(/[^a-z0-9-]/g, '') || 'forum';
  const work = `/akn/${country}/${kind}/${d.type}/${d.date}/${symbolSlug(d.symbol)}`;
  const lang = aknLanguage(d.expression.language);
  const expr = `${work}/${lang}@`;
  const manif = `${expr}/!main.xml`;
  const author = `#${d.bodyCode.toLowerCase()}`;
  const original = d.languages.find((l) => l.role === 'original');
  const others = d.languages.filter((l) => l.language !== d.expression.language);
  const translations = others
    .map(
      (l) =>
        `<FRBRtranslation${attr('href', `${work}/${aknLanguage(l.language)}@`)}${attr('fromLanguage', aknLanguage(original?.language ?? d.expression.language))}${attr('authoritative', String(l.authoritative))}${attr('by', '#secretariat')}/>`,
    )
    .join('\n            ');
  const body = paragraphsToAkn(d.paragraphs);
  const title = d.expression.title ?? d.title;
  return `<?xml version="1.0" encoding="UTF-8"?>
<akomaNtoso xmlns="http://docs.oasis-open.org/legaldocml/ns/akn/3.0">
  <${kind}${attr('name', d.type)}>
    <meta>
      <identification${attr('source', '#concord')}>
        <FRBRWork>
          <FRBRthis${attr('value', `${work}/!main`)}/>
          <FRBRuri${attr('value', work)}/>
          <FRBRalias${attr('value', d.symbol)}${attr('name', 'symbol')}/>
          <FRBRdate${attr('date', d.date)}${attr('name', 'issued')}/>
          <FRBRauthor${attr('href', author)}/>
          <FRBRcountry${attr('value', country)}/>
          <FRBRsubtype${attr('value', d.type)}/>
          <FRBRnumber${attr('value', d.symbol)}/>
          <FRBRname${attr('value', d.title)}/>
        </FRBRWork>
        <FRBRExpression>
          <FRBRthis${attr('value', `${expr}/!main`)}/>
          <FRBRuri${attr('value', expr)}/>
          <FRBRdate${attr('date', d.date)}${attr('name', d.expression.role === 'original' ? 'original' : 'translation')}/>
          <FRBRauthor${attr('href', author)}/>
          <FRBRauthoritative${attr('value', String(d.expression.authoritative))}/>
          <FRBRlanguage${attr('language', lang)}/>
          ${translations}
        </FRBRExpression>
        <FRBRManifestation>
          <FRBRthis${attr('value', manif)}/>
          <FRBRuri${attr('value', `${expr}/main.xml`)}/>
          <FRBRdate${attr('date', d.generatedAt.toISOString().slice(0, 10))}${attr('name', 'generation')}/>
          <FRBRauthor${attr('href', '#concord')}/>
          <FRBRformat${attr('value', 'application/akn+xml')}/>
        </FRBRManifestation>
      </identification>
      <lifecycle${attr('source', '#concord')}>
        <eventRef${attr('eId', 'evt_1')}${attr('date', d.date)}${attr('source', '#orig')}${attr('type', 'generation')}/>
      </lifecycle>
      <references${attr('source', '#concord')}>
        <original${attr('eId', 'orig')}${attr('href', `${work}/${aknLanguage(original?.language ?? d.expression.language)}@`)}${attr('showAs', d.title)}/>
        <TLCOrganization${attr('eId', d.bodyCode.toLowerCase())}${attr('href', `/akn/ontology/organizations/${country}/${d.bodyCode.toLowerCase()}`)}${attr('showAs', d.bodyCode)}/>
        <TLCOrganization${attr('eId', 'secretariat')}${attr('href', `/akn/ontology/organizations/${country}/secretariat`)}${attr('showAs', `Secretariat of ${d.forumName}`)}/>
        <TLCOrganization${attr('eId', 'concord')}${attr('href', `/akn/ontology/organizations/${country}/concord`)}${attr('showAs', `Concord (${d.forumName})`)}/>
      </references>
    </meta>
    <preface>
      <p${attr('class', 'symbol')}><docNumber>${xmlEscape(d.symbol)}</docNumber></p>
      <p${attr('class', 'title')}><docTitle>${xmlEscape(title)}</docTitle></p>
      <p${attr('class', 'status')}><docStatus>${xmlEscape(d.status)}</docStatus></p>
    </preface>
    <mainBody>
      ${body || '<p eId="para_0"/>'}
    </mainBody>
  </${kind}>
</akomaNtoso>
`;
}
