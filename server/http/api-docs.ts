/** A readable API reference rendered on the server from the OpenAPI document: no scripts, so the strict CSP holds. */
const esc = (s: unknown) =>
  String(s ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

function schemaSummary(schema: any, depth = 0): string {
  if (!schema || depth > 3) return '';
  if (schema.$ref) return `<code>${esc(schema.$ref.split('/').pop())}</code>`;
  if (schema.type === 'object' && schema.properties) {
    const req = new Set(schema.required ?? []);
    const rows = Object.entries(schema.properties)
      .map(([k, v]: [string, any]) => `<li><code>${esc(k)}</code>${req.has(k) ? '' : '?'}: ${esc(v.type ?? (v.anyOf ? 'one of' : ''))}${v.enum ? ` (${v.enum.map(esc).join(' | ')})` : ''}${v.description ? ` — ${esc(v.description)}` : ''}${schemaSummary(v, depth + 1)}</li>`)
      .join('');
    return `<ul>${rows}</ul>`;
  }
  if (schema.type === 'array') return ` of ${schemaSummary(schema.items, depth + 1) || esc(schema.items?.type)}`;
  return '';
}

export function renderApiDocs(doc: any): string {
  const ops: string[] = [];
  const toc: string[] = [];
  for (const [path, item] of Object.entries<any>(doc.paths ?? {})) {
    for (const [method, op] of Object.entries<any>(item)) {
      const id = `${method}-${path}`.replace(/[^a-zA-Z0-9-]/g, '-');
      toc.push(`<li><a href="#${id}"><span class="m m-${esc(method)}">${esc(method.toUpperCase())}</span> ${esc(path)}</a></li>`);
      const params = (op.parameters ?? [])
        .map((p: any) => `<li><code>${esc(p.name)}</code> (${esc(p.in)}${p.required ? ', required' : ''}) ${esc(p.description ?? p.schema?.type ?? '')}</li>`)
        .join('');
      const body = op.requestBody?.content?.['application/json']?.schema;
      const responses = Object.entries<any>(op.responses ?? {})
        .map(([code, r]) => `<li><strong>${esc(code)}</strong> ${esc(r.description ?? '')}${schemaSummary(r.content?.['application/json']?.schema ?? r.content?.['application/problem+json']?.schema)}</li>`)
        .join('');
      ops.push(`<section id="${id}" class="op"><h3><span class="m m-${esc(method)}">${esc(method.toUpperCase())}</span> <code>${esc(path)}</code></h3>
        ${op.summary ? `<p>${esc(op.summary)}</p>` : ''}${op.description ? `<p>${esc(op.description)}</p>` : ''}
        ${params ? `<h4>Parameters</h4><ul>${params}</ul>` : ''}
        ${body ? `<h4>Request body</h4>${schemaSummary(body) || '<p>JSON</p>'}` : ''}
        <h4>Responses</h4><ul>${responses}</ul></section>`);
    }
  }
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(doc.info?.title)} API reference</title><link rel="stylesheet" href="/api/docs.css"></head>
<body><a class="skip" href="#main">Skip to main content</a><header><h1>${esc(doc.info?.title)} API <small>${esc(doc.info?.version)}</small></h1>
<p>${esc(doc.info?.description)} Machine-readable: <a href="/api/openapi.json">/api/openapi.json</a>. Every error is RFC 9457 <code>application/problem+json</code> with a stable <code>code</code>.</p></header>
<nav aria-label="Operations"><ul>${toc.join('')}</ul></nav><main id="main">${ops.join('')}</main></body></html>`;
}

export const apiDocsCss = `body{font-family:"Noto Sans",system-ui,sans-serif;margin:0 auto;max-width:70rem;padding:1rem;line-height:1.5;color:#1b1f24}
.skip{position:absolute;inset-inline-start:-999px}.skip:focus{inset-inline-start:1rem}
code{background:#f1f3f5;padding:0 .25rem;border-radius:3px}.op{border-block-start:1px solid #ccd;padding-block:.5rem}
.m{display:inline-block;min-width:4rem;font-weight:700}.m-get{color:#0b5394}.m-post{color:#1e6b2f}.m-put,.m-patch{color:#7a4a00}.m-delete{color:#8b1a1a}
nav ul{columns:2;list-style:none;padding:0}a{color:#0b5394}`;
