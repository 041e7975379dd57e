import multipart from '@fastify/multipart';
import { fileTypeFromBuffer } from 'file-type';
import { z } from 'zod';
import { type AppDeps, ctxOf } from '../../http/deps.ts';
import { problemSchema, sendProblem } from '../../http/problem.ts';
import { readErrors, routeMaker, writeErrors } from '../../http/route.ts';
import type { App } from '../../http/routes.ts';
import { contentDisposition, fileKinds } from './files.ts';
import {
  accessBody,
  addLanguageBody,
  aknQuery,
  compareQuery,
  comparison,
  createDocumentBody,
  crossCompareQuery,
  crossComparison,
  dashboard,
  fileRules,
  derestrictBody,
  documentDetail,
  documentPage,
  fileMeta,
  fileParams,
  idParams,
  languageParams,
  languageText,
  listQuery,
  parallelQuery,
  parallelView,
  relatedBody,
  revisionParams,
  revisionSummary,
  saveTextBody,
  statusBody,
  symbolParams,
  updateLanguageBody,
} from './documents.schemas.ts';
import * as svc from './documents.service.ts';

const tags = ['documents'];

export async function documentsRoutes(app: App, deps: AppDeps) {
  const route = routeMaker(app, deps, 'documents');
  const { db } = deps;

  route(
    'POST',
    '/api/documents',
    { access: 'signed-in', summary: 'Register a document (a draft); its symbol is numbered per body and year.', body: createDocumentBody, status: 201, reply: documentDetail, errors: writeErrors },
    ({ ctx, body }) => svc.createDocument(db, ctx, body),
  );

  route(
    'GET',
    '/api/documents',
    {
      access: 'public',
      summary: 'Documents the caller may read, filtered, sorted and paged; `total` counts only those.',
      querystring: listQuery,
      reply: documentPage,
      errors: { 400: problemSchema },
    },
    ({ ctx, query }) => svc.listDocuments(db, ctx, query),
  );

  route(
    'GET',
    '/api/documents/translation-dashboard',
    {
      access: 'signed-in',
      summary: 'Secretariat: language versions awaited or in translation, per language.',
      reply: dashboard,
      errors: { 401: problemSchema, 403: problemSchema },
    },
    ({ ctx }) => svc.translationDashboard(db, ctx),
  );

  route(
    'GET',
    '/api/documents/file-rules',
    { access: 'public', summary: 'What an uploaded file may be: its largest size and the types taken (PDF, DOCX, ODT).', reply: fileRules, errors: {} },
    () => ({ maxBytes: deps.config.uploadMaxBytes, kinds: Object.values(fileKinds).map((k) => ({ ext: k.ext, mediaType: k.mime })) }),
  );

  route(
    'GET',
    '/api/documents/by-symbol/:symbol',
    {
      access: 'public',
      summary: 'A document by its symbol (URL-encode the slashes: CICA%2FSOC%2F2025%2F3).',
      params: symbolParams,
      reply: documentDetail,
      errors: readErrors,
    },
    ({ ctx, params }) => svc.getDocumentBySymbol(db, ctx, params.symbol),
  );

  route(
    'GET',
    '/api/documents/:id',
    { access: 'public', summary: 'One document with its language versions, files and family.', params: idParams, reply: documentDetail, errors: readErrors },
    ({ ctx, params }) => svc.getDocument(db, ctx, params.id),
  );

  route(
    'POST',
    '/api/documents/:id/status',
    {
      access: 'signed-in',
      summary: 'Move a document along draft → circulated → adopted | issued → withdrawn.',
      params: idParams,
      body: statusBody,
      reply: documentDetail,
      errors: writeErrors,
    },
    ({ ctx, params, body }) => svc.changeStatus(db, ctx, params.id, body),
  );

  route(
    'PUT',
    '/api/documents/:id/access',
    {
      access: 'signed-in',
      summary: 'Set the access level, addressed parties and any scheduled derestriction.',
      params: idParams,
      body: accessBody,
      reply: documentDetail,
      errors: writeErrors,
    },
    ({ ctx, params, body }) => svc.changeAccess(db, ctx, params.id, body),
  );

  route(
    'POST',
    '/api/documents/:id/derestrict',
    { access: 'signed-in', summary: 'Derestrict now, by a recorded decision.', params: idParams, body: derestrictBody, reply: documentDetail, errors: writeErrors },
    ({ ctx, params, body }) => svc.derestrictDocument(db, ctx, params.id, body),
  );

  route(
    'POST',
    '/api/documents/:id/revisions',
    {
      access: 'signed-in',
      summary: 'Issue a revision (/Rev.n; the earlier becomes superseded), an addendum (/Add.n) or a corrigendum (/Corr.n).',
      params: idParams,
      body: relatedBody,
      status: 201,
      reply: documentDetail,
      errors: writeErrors,
    },
    ({ ctx, params, body }) => svc.issueRelated(db, ctx, params.id, body),
  );

  route(
    'POST',
    '/api/documents/:id/languages',
    {
      access: 'signed-in',
      summary: 'Open a language version (a translation).',
      params: idParams,
      body: addLanguageBody,
      status: 201,
      reply: documentDetail,
      errors: writeErrors,
    },
    ({ ctx, params, body }) => svc.addLanguage(db, ctx, params.id, body),
  );

  route(
    'PATCH',
    '/api/documents/:id/languages/:lang',
    {
      access: 'signed-in',
      summary: 'Change a language version: status, authoritative flag, translator, title.',
      params: languageParams,
      body: updateLanguageBody,
      reply: documentDetail,
      errors: writeErrors,
    },
    ({ ctx, params, body }) => svc.updateLanguage(db, ctx, params.id, params.lang, body),
  );

  route(
    'DELETE',
    '/api/documents/:id/languages/:lang',
    { access: 'signed-in', summary: 'Remove a translation that has no text or files yet.', params: languageParams, reply: documentDetail, errors: writeErrors },
    ({ ctx, params }) => svc.removeLanguage(db, ctx, params.id, params.lang),
  );

  route(
    'GET',
    '/api/documents/:id/languages/:lang',
    { access: 'public', summary: 'The current text of one language version, as numbered paragraphs.', params: languageParams, reply: languageText, errors: readErrors },
    ({ ctx, params }) => svc.getText(db, ctx, params.id, params.lang),
  );

  route(
    'PUT',
    '/api/documents/:id/languages/:lang/text',
    {
      access: 'signed-in',
      summary: 'Save the text (every save is a new revision); HTML is sanitised to a safe subset.',
      params: languageParams,
      body: saveTextBody,
      reply: languageText,
      errors: writeErrors,
      bodyLimit: 16 * 1024 * 1024,
    },
    ({ ctx, params, body }) => svc.saveText(db, ctx, params.id, params.lang, body),
  );

  route(
    'GET',
    '/api/documents/:id/languages/:lang/revisions',
    { access: 'public', summary: 'Every saved revision of a language version, newest first.', params: languageParams, reply: z.array(revisionSummary), errors: readErrors },
    ({ ctx, params }) => svc.listTextRevisions(db, ctx, params.id, params.lang),
  );

  route(
    'GET',
    '/api/documents/:id/languages/:lang/revisions/:n',
    { access: 'public', summary: 'The paragraphs of one revision.', params: revisionParams, reply: languageText, errors: readErrors },
    ({ ctx, params }) => svc.getText(db, ctx, params.id, params.lang, params.n),
  );

  route(
    'GET',
    '/api/documents/:id/languages/:lang/compare',
    {
      access: 'public',
      summary: 'Compare two revisions paragraph by paragraph, with word-level changes.',
      params: languageParams,
      querystring: compareQuery,
      reply: comparison,
      errors: readErrors,
    },
    ({ ctx, params, query }) => svc.compareTextRevisions(db, ctx, params.id, params.lang, query.from, query.to),
  );

  route(
    'GET',
    '/api/documents/:id/languages/:lang/compare-with',
    {
      access: 'public',
      summary:
        'Compare this language version with the same language of another document of its family (e.g. /Rev.1 against the original): `other` is the earlier side; each side is its latest revision unless given.',
      params: languageParams,
      querystring: crossCompareQuery,
      reply: crossComparison,
      errors: { ...readErrors, 422: problemSchema },
    },
    ({ ctx, params, query }) => svc.compareAcrossDocuments(db, ctx, params.id, params.lang, query),
  );

  route(
    'GET',
    '/api/documents/:id/parallel',
    {
      access: 'public',
      summary: 'Two or three language versions side by side, aligned by paragraph.',
      params: idParams,
      querystring: parallelQuery,
      reply: parallelView,
      errors: readErrors,
    },
    ({ ctx, params, query }) => svc.parallelView(db, ctx, params.id, query.languages?.split(',')),
  );

  app.get(
    '/api/documents/:id/akn',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary: 'Akoma Ntoso 3.0 XML of one language expression (default: the original).',
        params: idParams,
        querystring: aknQuery,
        produces: ['application/akn+xml'],
        response: { 200: z.string().meta({ description: 'Akoma Ntoso 3.0 XML' }), ...readErrors },
      },
    },
    async (req, reply) => {
      const { xml, fileName } = await svc.exportAkn(deps.db, ctxOf(req, deps), req.params.id, req.query.lang);
      return reply
        .type('application/akn+xml; charset=utf-8')
        .header('content-disposition', contentDisposition(fileName).replace(/^attachment/, 'inline'))
        .header('x-content-type-options', 'nosniff')
        .serializer((p: unknown) => p as string)
        .send(xml);
    },
  );

  app.get(
    '/api/documents/:id/files/:fileId',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary: 'Download an uploaded file (always as an attachment).',
        params: fileParams,
        produces: ['application/pdf', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', 'application/vnd.oasis.opendocument.text'],
        response: { 200: z.any().meta({ description: 'The file' }), ...readErrors },
      },
    },
    async (req, reply) => {
      const f = await svc.downloadFile(deps.db, ctxOf(req, deps), req.params.id, req.params.fileId);
      return reply
        .type(f.media_type)
        .header('content-disposition', contentDisposition(f.file_name))
        .header('x-content-type-options', 'nosniff')
        .header('content-security-policy', "default-src 'none'; sandbox")
        .header('etag', `"${f.sha256}"`)
        .send(f.content);
    },
  );

  // Uploads: multipart only here, with the size limit from the configuration.
  await app.register(async (scoped: App) => {
    // preservePath: see the name as sent, so a path in it is refused rather than quietly cut off.
    await scoped.register(multipart, { preservePath: true, limits: { fileSize: deps.config.uploadMaxBytes, files: 1, fields: 0, parts: 2, headerPairs: 100 } });
    scoped.post(
      '/api/documents/:id/languages/:lang/files',
      {
        config: { access: 'signed-in' },
        bodyLimit: deps.config.uploadMaxBytes + 64 * 1024,
        schema: {
          tags,
          summary: `Upload a PDF, DOCX or ODT file of a language version (multipart field "file"). Its type is judged by its content; scripts, HTML and SVG are refused.`,
          consumes: ['multipart/form-data'],
          params: languageParams,
          response: { 201: fileMeta, ...writeErrors, 413: problemSchema, 415: problemSchema },
        },
      },
      async (req, reply) => {
        if (!req.isMultipart()) return sendProblem(reply, 415, 'documents.upload_not_multipart', 'Send the file as multipart/form-data in a field named "file".');
        const limitMb = Math.round(deps.config.uploadMaxBytes / 1024 / 1024);
        let part: Awaited<ReturnType<typeof req.file>>;
        let bytes: Buffer;
        try {
          part = await req.file();
          if (part?.fieldname !== 'file') return sendProblem(reply, 400, 'documents.upload_no_file', 'Send the file in a multipart field named "file".');
          bytes = await part.toBuffer();
        } catch (err) {
          const code = (err as { code?: string }).code;
          if (code === 'FST_REQ_FILE_TOO_LARGE' || code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
            return sendProblem(reply, 413, 'documents.file_too_large', `The file is larger than the limit of ${limitMb} MB.`);
          }
          if (code === 'FST_FILES_LIMIT' || code === 'FST_PARTS_LIMIT' || code === 'FST_FIELDS_LIMIT') {
            return sendProblem(reply, 400, 'documents.upload_one_file', 'Send exactly one file, in a field named "file".');
          }
          throw err;
        }
        const hint = await fileTypeFromBuffer(bytes).catch(() => undefined);
        const ctx = ctxOf(req, deps);
        return reply.code(201).send(await svc.uploadFile(deps.db, ctx, req.params.id, req.params.lang, { fileName: part.filename, bytes, hint: hint ?? null }));
      },
    );
  });
}
