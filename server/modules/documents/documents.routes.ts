import multipart from '@fastify/multipart';
import { fileTypeFromBuffer } from 'file-type';
import { z } from 'zod';
import { type AppDeps, ctxOf } from '../../http/deps.ts';
import { problemSchema, sendProblem } from '../../http/problem.ts';
import type { App } from '../../http/routes.ts';
import { contentDisposition } from './files.ts';
import {
  accessBody,
  addLanguageBody,
  aknQuery,
  compareQuery,
  comparison,
  createDocumentBody,
  dashboard,
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
const errors = { 400: problemSchema, 401: problemSchema, 403: problemSchema, 404: problemSchema, 409: problemSchema, 422: problemSchema };
const readErrors = { 400: problemSchema, 404: problemSchema };

export async function documentsRoutes(app: App, deps: AppDeps) {
  app.post(
    '/api/documents',
    {
      config: { access: 'signed-in' },
      schema: { tags, summary: 'Register a document (a draft); its symbol is numbered per body and year.', body: createDocumentBody, response: { 201: documentDetail, ...errors } },
    },
    async (req, reply) => reply.code(201).send(await svc.createDocument(deps.db, ctxOf(req, deps), req.body)),
  );

  app.get(
    '/api/documents',
    {
      config: { access: 'public' },
      schema: { tags, summary: 'Documents the caller may read, filtered, sorted and paged; `total` counts only those.', querystring: listQuery, response: { 200: documentPage, 400: problemSchema } },
    },
    async (req) => svc.listDocuments(deps.db, ctxOf(req, deps), req.query),
  );

  app.get(
    '/api/documents/translation-dashboard',
    {
      config: { access: 'signed-in' },
      schema: { tags, summary: 'Secretariat: language versions awaited or in translation, per language.', response: { 200: dashboard, 401: problemSchema, 403: problemSchema } },
    },
    async (req) => svc.translationDashboard(deps.db, ctxOf(req, deps)),
  );

  app.get(
    '/api/documents/by-symbol/:symbol',
    {
      config: { access: 'public' },
      schema: { tags, summary: 'A document by its symbol (URL-encode the slashes: CICA%2FSOC%2F2025%2F3).', params: symbolParams, response: { 200: documentDetail, ...readErrors } },
    },
    async (req) => svc.getDocumentBySymbol(deps.db, ctxOf(req, deps), req.params.symbol),
  );

  app.get(
    '/api/documents/:id',
    { config: { access: 'public' }, schema: { tags, summary: 'One document with its language versions, files and family.', params: idParams, response: { 200: documentDetail, ...readErrors } } },
    async (req) => svc.getDocument(deps.db, ctxOf(req, deps), req.params.id),
  );

  app.post(
    '/api/documents/:id/status',
    {
      config: { access: 'signed-in' },
      schema: { tags, summary: 'Move a document along draft → circulated → adopted | issued → withdrawn.', params: idParams, body: statusBody, response: { 200: documentDetail, ...errors } },
    },
    async (req) => svc.changeStatus(deps.db, ctxOf(req, deps), req.params.id, req.body),
  );

  app.put(
    '/api/documents/:id/access',
    {
      config: { access: 'signed-in' },
      schema: { tags, summary: 'Set the access level, addressed parties and any scheduled derestriction.', params: idParams, body: accessBody, response: { 200: documentDetail, ...errors } },
    },
    async (req) => svc.changeAccess(deps.db, ctxOf(req, deps), req.params.id, req.body),
  );

  app.post(
    '/api/documents/:id/derestrict',
    {
      config: { access: 'signed-in' },
      schema: { tags, summary: 'Derestrict now, by a recorded decision.', params: idParams, body: derestrictBody, response: { 200: documentDetail, ...errors } },
    },
    async (req) => svc.derestrictDocument(deps.db, ctxOf(req, deps), req.params.id, req.body),
  );

  app.post(
    '/api/documents/:id/revisions',
    {
      config: { access: 'signed-in' },
      schema: {
        tags,
        summary: 'Issue a revision (/Rev.n; the earlier becomes superseded), an addendum (/Add.n) or a corrigendum (/Corr.n).',
        params: idParams,
        body: relatedBody,
        response: { 201: documentDetail, ...errors },
      },
    },
    async (req, reply) => reply.code(201).send(await svc.issueRelated(deps.db, ctxOf(req, deps), req.params.id, req.body)),
  );

  app.post(
    '/api/documents/:id/languages',
    {
      config: { access: 'signed-in' },
      schema: { tags, summary: 'Open a language version (a translation).', params: idParams, body: addLanguageBody, response: { 201: documentDetail, ...errors } },
    },
    async (req, reply) => reply.code(201).send(await svc.addLanguage(deps.db, ctxOf(req, deps), req.params.id, req.body)),
  );

  app.patch(
    '/api/documents/:id/languages/:lang',
    {
      config: { access: 'signed-in' },
      schema: { tags, summary: 'Change a language version: status, authoritative flag, translator, title.', params: languageParams, body: updateLanguageBody, response: { 200: documentDetail, ...errors } },
    },
    async (req) => svc.updateLanguage(deps.db, ctxOf(req, deps), req.params.id, req.params.lang, req.body),
  );

  app.delete(
    '/api/documents/:id/languages/:lang',
    {
      config: { access: 'signed-in' },
      schema: { tags, summary: 'Remove a translation that has no text or files yet.', params: languageParams, response: { 200: documentDetail, ...errors } },
    },
    async (req) => svc.removeLanguage(deps.db, ctxOf(req, deps), req.params.id, req.params.lang),
  );

  app.get(
    '/api/documents/:id/languages/:lang',
    { config: { access: 'public' }, schema: { tags, summary: 'The current text of one language version, as numbered paragraphs.', params: languageParams, response: { 200: languageText, ...readErrors } } },
    async (req) => svc.getText(deps.db, ctxOf(req, deps), req.params.id, req.params.lang),
  );

  app.put(
    '/api/documents/:id/languages/:lang/text',
    {
      config: { access: 'signed-in' },
      bodyLimit: 16 * 1024 * 1024,
      schema: { tags, summary: 'Save the text (every save is a new revision); HTML is sanitised to a safe subset.', params: languageParams, body: saveTextBody, response: { 200: languageText, ...errors } },
    },
    async (req) => svc.saveText(deps.db, ctxOf(req, deps), req.params.id, req.params.lang, req.body),
  );

  app.get(
    '/api/documents/:id/languages/:lang/revisions',
    { config: { access: 'public' }, schema: { tags, summary: 'Every saved revision of a language version, newest first.', params: languageParams, response: { 200: z.array(revisionSummary), ...readErrors } } },
    async (req) => svc.listTextRevisions(deps.db, ctxOf(req, deps), req.params.id, req.params.lang),
  );

  app.get(
    '/api/documents/:id/languages/:lang/revisions/:n',
    { config: { access: 'public' }, schema: { tags, summary: 'The paragraphs of one revision.', params: revisionParams, response: { 200: languageText, ...readErrors } } },
    async (req) => svc.getText(deps.db, ctxOf(req, deps), req.params.id, req.params.lang, req.params.n),
  );

  app.get(
    '/api/documents/:id/languages/:lang/compare',
    {
      config: { access: 'public' },
      schema: { tags, summary: 'Compare two revisions paragraph by paragraph, with word-level changes.', params: languageParams, querystring: compareQuery, response: { 200: comparison, ...readErrors } },
    },
    async (req) => svc.compareTextRevisions(deps.db, ctxOf(req, deps), req.params.id, req.params.lang, req.query.from, req.query.to),
  );

  app.get(
    '/api/documents/:id/parallel',
    {
      config: { access: 'public' },
      schema: { tags, summary: 'Two or three language versions side by side, aligned by paragraph.', params: idParams, querystring: parallelQuery, response: { 200: parallelView, ...readErrors } },
    },
    async (req) => svc.parallelView(deps.db, ctxOf(req, deps), req.params.id, req.query.languages?.split(',')),
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
          response: { 201: fileMeta, ...errors, 413: problemSchema, 415: problemSchema },
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
