/**
 * Uploaded files: what a file is, judged by its bytes (never by its name or the type the client
 * claims), whether its name is safe, and how it is named on download (RFC 6266).
 * Only PDF, DOCX and ODT are taken. ZIP containers are read from their central directory only:
 * nothing is ever decompressed, so a zip bomb costs nothing.
 */

export const fileKinds = {
  pdf: { mime: 'application/pdf', ext: 'pdf', label: 'PDF' },
  docx: { mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', ext: 'docx', label: 'DOCX (Word)' },
  odt: { mime: 'application/vnd.oasis.opendocument.text', ext: 'odt', label: 'ODT (OpenDocument text)' },
} as const;
export type FileKind = keyof typeof fileKinds;

export type SniffVerdict = { ok: true; kind: FileKind } | { ok: false; code: string; message: string };

const odtMime = 'application/vnd.oasis.opendocument.text';

/** Names of the entries in a ZIP's central directory, or null when it is not a readable ZIP. */
export function zipEntryNames(buf: Buffer): string[] | null {
  if (buf.length < 22) return null;
  const stop = Math.max(0, buf.length - 22 - 0xffff);
  let eocd = -1;
  for (let i = buf.length - 22; i >= stop; i--) {
    if (buf.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) return null;
  const count = buf.readUInt16LE(eocd + 10);
  const size = buf.readUInt32LE(eocd + 12);
  const offset = buf.readUInt32LE(eocd + 16);
  if (offset === 0xffffffff || size === 0xffffffff || offset + size > eocd) return null;
  const names: string[] = [];
  let p = offset;
  for (let k = 0; k < count; k++) {
    if (p + 46 > buf.length || buf.readUInt32LE(p) !== 0x02014b50) return null;
    const nameLen = buf.readUInt16LE(p + 28);
    const extraLen = buf.readUInt16LE(p + 30);
    const commentLen = buf.readUInt16LE(p + 32);
    if (p + 46 + nameLen > buf.length) return null;
    names.push(buf.toString('utf8', p + 46, p + 46 + nameLen));
    p += 46 + nameLen + extraLen + commentLen;
  }
  return names;
}

/** ODF rule: the first entry is `mimetype`, stored uncompressed, holding the media type. */
function firstEntryIsOdtMimetype(buf: Buffer): boolean {
  if (buf.length < 30 || buf.readUInt32LE(0) !== 0x04034b50) return false;
  const method = buf.readUInt16LE(8);
  const csize = buf.readUInt32LE(18);
  const nameLen = buf.readUInt16LE(26);
  const extraLen = buf.readUInt16LE(28);
  if (method !== 0 || buf.toString('latin1', 30, 30 + nameLen) !== 'mimetype') return false;
  const start = 30 + nameLen + extraLen;
  return buf.toString('latin1', start, start + csize).trim() === odtMime;
}

const activeContent = /<(?:!doctype\s+html|html|head|body|script|svg|iframe|object|embed|xml|\?xml)[\s>/]|\bon[a-z]+\s*=|javascript:/i;

/** What the bytes are. `hint` is what a general detector (file-type) made of them, for the message only. */
export function sniffFile(buf: Buffer, hint?: { mime: string } | null): SniffVerdict {
  if (buf.length === 0) return { ok: false, code: 'documents.file_empty', message: 'The file is empty.' };
  if (buf.subarray(0, 5).toString('latin1') === '%PDF-') {
    const body = buf.toString('latin1');
    if (/\/(JavaScript|JS|Launch|EmbeddedFile)\b/.test(body)) {
      return { ok: false, code: 'documents.file_active_content', message: 'The PDF carries scripts, launch actions or embedded files; export it again without them.' };
    }
    return { ok: true, kind: 'pdf' };
  }
  if (buf.readUInt32LE(0) === 0x04034b50) {
    const names = zipEntryNames(buf);
    if (!names) return { ok: false, code: 'documents.file_corrupt', message: 'The file looks like a ZIP container but its directory cannot be read.' };
    if (names.includes('[Content_Types].xml') && names.includes('word/document.xml')) {
      if (names.some((n) => /^word\/vbaProject\.bin$/i.test(n))) {
        return { ok: false, code: 'documents.file_active_content', message: 'The Word file carries macros; save it as a plain .docx.' };
      }
      return { ok: true, kind: 'docx' };
    }
    if (names[0] === 'mimetype' && names.includes('content.xml') && firstEntryIsOdtMimetype(buf)) {
      if (names.some((n) => n.startsWith('Basic/') || n.startsWith('Scripts/'))) {
        return { ok: false, code: 'documents.file_active_content', message: 'The OpenDocument file carries macros; save it without them.' };
      }
      return { ok: true, kind: 'odt' };
    }
    return { ok: false, code: 'documents.file_type_unsupported', message: 'The file is a ZIP archive but not a DOCX or ODT document. Upload a PDF, DOCX or ODT file.' };
  }
  const head = buf.subarray(0, 4096).toString('utf8');
  if (activeContent.test(head)) {
    return { ok: false, code: 'documents.file_active_content', message: 'The file is HTML, SVG or XML that may carry scripts; such files are never accepted. Upload a PDF, DOCX or ODT file.' };
  }
  const what = hint?.mime ? ` (it is ${hint.mime})` : '';
  return { ok: false, code: 'documents.file_type_unsupported', message: `The file is not a PDF, DOCX or ODT document${what}.` };
}

export type NameVerdict = { ok: true; name: string } | { ok: false; code: string; message: string };

/**
 * A name is refused when it tries to be a path (separators, `..`, leading dot, control
 * characters) or when its extension does not match what the bytes are.
 */
export function checkFileName(raw: string, kind: FileKind): NameVerdict {
  const name = raw.normalize('NFC').trim();
  if (name === '' || name.length > 200) return { ok: false, code: 'documents.file_name_unsafe', message: 'The file name must be 1 to 200 characters.' };
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are exactly what is refused
  if (/[/\\\u0000-\u001f\u007f]/.test(name) || name.startsWith('.') || name.includes('..') || /^[a-z]:/i.test(name)) {
    return { ok: false, code: 'documents.file_name_unsafe', message: 'The file name must be a plain name, without folders, "..", a leading dot or control characters.' };
  }
  const ext = /\.([A-Za-z0-9]{1,8})$/.exec(name)?.[1]?.toLowerCase();
  if (ext !== fileKinds[kind].ext) {
    return {
      ok: false,
      code: 'documents.file_type_mismatch',
      message: `The file's content is ${fileKinds[kind].label} but its name ${ext ? `ends in .${ext}` : 'has no extension'}; name it .${fileKinds[kind].ext}.`,
    };
  }
  return { ok: true, name: name.replace(/[<>:"|?*]/g, '_') };
}

/** RFC 6266 attachment header with an ASCII fallback and the UTF-8 name in `filename*`. */
export function contentDisposition(name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]/g, '_').replace(/["\\%]/g, '_');
  const encoded = encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}
