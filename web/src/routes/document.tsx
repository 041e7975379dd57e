import { useQuery, useQueryClient } from '@tanstack/react-query';
import { createRoute, Link, useNavigate } from '@tanstack/react-router';
import { type FormEvent, useState } from 'react';
import { FormattedDate, FormattedMessage, FormattedNumber, useIntl } from 'react-intl';
import {
  type DocumentDetail,
  type DocumentStatus,
  directionOfLanguage,
  documentQuery,
  documentsApi,
  documentsKey,
  type LanguageStatus,
  languageStatuses,
  languageTextQuery,
} from '../api/documents.ts';
import { Loading, ProblemMessage } from '../components/status.tsx';
import { useDocumentTitle } from '../hooks/use-document-title.ts';
import { languageName } from '../i18n/display-names.ts';
import { AccessPanel, FileUpload } from './document-access.tsx';
import { documentLanguages, StatusBadge } from './documents.tsx';
import { rootRoute } from './root.tsx';
import '../components/list/list.css';
import './documents.css';

/** Runs a change and refreshes every documents query; keeps the last problem to show. */
function useChange() {
  const queryClient = useQueryClient();
  const [state, setState] = useState<{ busy: boolean; error: unknown }>({ busy: false, error: null });
  const run = async <T,>(send: () => Promise<T>): Promise<T | undefined> => {
    setState({ busy: true, error: null });
    try {
      const out = await send();
      await queryClient.invalidateQueries({ queryKey: documentsKey });
      setState({ busy: false, error: null });
      return out;
    } catch (error) {
      setState({ busy: false, error });
      return undefined;
    }
  };
  return { ...state, run };
}

/** Sanitised on the server (allow-listed tags and attributes only), so it may be rendered as HTML. */
export function ParagraphHtml({ html, lang }: { html: string; lang: string }) {
  // biome-ignore lint/security/noDangerouslySetInnerHtml: the server sanitised this HTML to a small allow-list
  return <div className="doc-para__html" lang={lang} dir={directionOfLanguage(lang)} dangerouslySetInnerHTML={{ __html: html }} />;
}

function Text({ doc, lang }: { doc: DocumentDetail; lang: string }) {
  const intl = useIntl();
  const text = useQuery(languageTextQuery(doc.id, lang));
  if (text.isPending) return <Loading />;
  if (text.isError) return <ProblemMessage error={text.error} />;
  if (text.data.paragraphs.length === 0) {
    return (
      <p>
        <FormattedMessage id="documents.noText" />
      </p>
    );
  }
  return (
    <ol className="doc-text" lang={lang} dir={directionOfLanguage(lang)} aria-label={intl.formatMessage({ id: 'documents.textIn' }, { language: languageName(lang, intl.locale) })}>
      {text.data.paragraphs.map((p) => (
        <li key={p.n} className="doc-para" value={p.n}>
          <span className="doc-para__n" aria-hidden="true">
            {p.n}
          </span>
          <ParagraphHtml html={p.html} lang={lang} />
        </li>
      ))}
    </ol>
  );
}

function Actions({ doc }: { doc: DocumentDetail }) {
  const intl = useIntl();
  const navigate = useNavigate();
  const change = useChange();
  if (!doc.can.manage) return null;
  const related = async (kind: 'revision' | 'addendum' | 'corrigendum') => {
    const out = await change.run(() => documentsApi.issueRelated(doc.id, kind));
    if (out) await navigate({ to: '/documents/$id', params: { id: out.id } });
  };
  const revisable = doc.status === 'circulated' || doc.status === 'adopted' || doc.status === 'issued';
  if (doc.nextStatuses.length === 0 && !revisable) return null;
  return (
    <section className="doc-actions no-print" aria-labelledby="doc-actions-h">
      <h2 id="doc-actions-h">
        <FormattedMessage id="documents.actions" />
      </h2>
      <div className="doc-actions__row">
        {doc.nextStatuses.map((s: DocumentStatus) => (
          <button key={s} type="button" className="button button--secondary" disabled={change.busy} onClick={() => void change.run(() => documentsApi.setStatus(doc.id, s))}>
            <FormattedMessage id="documents.moveTo" values={{ status: intl.formatMessage({ id: `documents.status.${s}` }) }} />
          </button>
        ))}
        {revisable ? (
          <>
            <button type="button" className="button button--secondary" disabled={change.busy} onClick={() => void related('revision')}>
              <FormattedMessage id="documents.issueRevision" />
            </button>
            {doc.relation === null || doc.relation === 'revision' ? (
              <button type="button" className="button button--secondary" disabled={change.busy} onClick={() => void related('addendum')}>
                <FormattedMessage id="documents.issueAddendum" />
              </button>
            ) : null}
            <button type="button" className="button button--secondary" disabled={change.busy} onClick={() => void related('corrigendum')}>
              <FormattedMessage id="documents.issueCorrigendum" />
            </button>
          </>
        ) : null}
      </div>
      {change.error ? <ProblemMessage error={change.error} /> : null}
    </section>
  );
}

function AddLanguage({ doc }: { doc: DocumentDetail }) {
  const intl = useIntl();
  const change = useChange();
  const missing = documentLanguages.filter((l) => !doc.languageVersions.some((v) => v.language === l));
  const [language, setLanguage] = useState(missing[0] ?? '');
  const [translator, setTranslator] = useState('');
  if (!doc.can.edit || missing.length === 0) return null;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void change.run(() => documentsApi.addLanguage(doc.id, { language, translator: translator.trim() || null }));
  };
  return (
    <form className="doc-add-lang no-print" onSubmit={submit} aria-labelledby="doc-add-lang-h">
      <h3 id="doc-add-lang-h">
        <FormattedMessage id="documents.addLanguage" />
      </h3>
      <div className="doc-add-lang__row">
        <div className="doc-filters__field">
          <label htmlFor="add-lang">
            <FormattedMessage id="documents.field.language" />
          </label>
          <select id="add-lang" value={language} onChange={(e) => setLanguage(e.target.value)}>
            {missing.map((l) => (
              <option key={l} value={l}>
                {languageName(l, intl.locale)}
              </option>
            ))}
          </select>
        </div>
        <div className="doc-filters__field">
          <label htmlFor="add-translator">
            <FormattedMessage id="documents.field.translator" />
          </label>
          <input id="add-translator" dir="auto" value={translator} onChange={(e) => setTranslator(e.target.value)} />
        </div>
        <button type="submit" className="button" disabled={change.busy}>
          <FormattedMessage id="documents.add" />
        </button>
      </div>
      {change.error ? <ProblemMessage error={change.error} /> : null}
    </form>
  );
}

function Versions({ doc }: { doc: DocumentDetail }) {
  const intl = useIntl();
  const change = useChange();
  return (
    <section aria-labelledby="doc-versions-h">
      <h2 id="doc-versions-h">
        <FormattedMessage id="documents.versions" />
      </h2>
      <div className="list-table-wrap">
        <table className="list-table">
          <thead>
            <tr>
              <th scope="col">
                <FormattedMessage id="documents.col.language" />
              </th>
              <th scope="col">
                <FormattedMessage id="documents.col.status" />
              </th>
              <th scope="col">
                <FormattedMessage id="documents.col.authoritative" />
              </th>
              <th scope="col">
                <FormattedMessage id="documents.col.translator" />
              </th>
              <th scope="col">
                <FormattedMessage id="documents.col.files" />
              </th>
              <th scope="col" className="no-print">
                <FormattedMessage id="documents.col.actions" />
              </th>
            </tr>
          </thead>
          <tbody>
            {doc.languageVersions.map((v) => (
              <tr key={v.language}>
                <th scope="row">
                  {languageName(v.language, intl.locale)}{' '}
                  <span className="portal-muted">
                    (<FormattedMessage id={`documents.role.${v.role}`} />)
                  </span>
                  {v.title ? (
                    <div lang={v.language} dir={directionOfLanguage(v.language)} className="doc-version-title">
                      {v.title}
                    </div>
                  ) : null}
                </th>
                <td>
                  {doc.can.edit ? (
                    <select
                      aria-label={intl.formatMessage({ id: 'documents.statusOf' }, { language: languageName(v.language, intl.locale) })}
                      value={v.status}
                      disabled={change.busy}
                      onChange={(e) => void change.run(() => documentsApi.updateLanguage(doc.id, v.language, { status: e.target.value as LanguageStatus }))}
                    >
                      {languageStatuses.map((s) => (
                        <option key={s} value={s}>
                          {intl.formatMessage({ id: `documents.langStatus.${s}` })}
                        </option>
                      ))}
                    </select>
                  ) : (
                    <FormattedMessage id={`documents.langStatus.${v.status}`} />
                  )}
                </td>
                <td>
                  <FormattedMessage id={v.authoritative ? 'documents.yes' : 'documents.no'} />
                </td>
                <td dir="auto">{v.translator ?? '—'}</td>
                <td>
                  {v.files.length === 0 ? '—' : null}
                  <ul className="doc-files">
                    {v.files.map((f) => (
                      <li key={f.id}>
                        <a href={`/api/documents/${doc.id}/files/${f.id}`} download dir="auto">
                          {f.fileName}
                        </a>{' '}
                        <span className="portal-muted">
                          (<FormattedNumber value={f.sizeBytes / 1024} maximumFractionDigits={0} /> KB)
                        </span>
                      </li>
                    ))}
                  </ul>
                  {doc.can.edit ? <FileUpload doc={doc} lang={v.language} /> : null}
                </td>
                <td className="no-print">
                  <ul className="doc-links">
                    {doc.can.edit ? (
                      <li>
                        <Link to="/documents/$id/edit/$lang" params={{ id: doc.id, lang: v.language }}>
                          <FormattedMessage id="documents.editText" />
                        </Link>
                      </li>
                    ) : null}
                    {v.revision !== null && (v.revision > 1 || doc.family.length > 1) ? (
                      <li>
                        <Link to="/documents/$id/compare" params={{ id: doc.id }} search={{ lang: v.language }}>
                          <FormattedMessage id="documents.compareLink" />
                          <span className="sr-only">{`: ${languageName(v.language, intl.locale)}`}</span>
                        </Link>
                      </li>
                    ) : null}
                    <li>
                      <a href={`/api/documents/${doc.id}/akn?lang=${v.language}`}>
                        <FormattedMessage id="documents.akn" />
                      </a>
                    </li>
                  </ul>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {change.error ? <ProblemMessage error={change.error} /> : null}
      <AddLanguage doc={doc} />
    </section>
  );
}

function DocumentView({ doc }: { doc: DocumentDetail }) {
  const intl = useIntl();
  const [lang, setLang] = useState(doc.originalLanguage);
  return (
    <article className="documents doc-page">
      <p className="doc-page__symbol" dir="ltr">
        {doc.symbol}
      </p>
      <h1 lang={doc.originalLanguage} dir="auto">
        {doc.title}
      </h1>
      <dl className="doc-meta">
        <div>
          <dt>
            <FormattedMessage id="documents.type" />
          </dt>
          <dd>
            <FormattedMessage id={`documents.type.${doc.type}`} />
          </dd>
        </div>
        <div>
          <dt>
            <FormattedMessage id="documents.body" />
          </dt>
          <dd>{doc.bodyCode}</dd>
        </div>
        <div>
          <dt>
            <FormattedMessage id="documents.col.date" />
          </dt>
          <dd>
            <FormattedDate value={`${doc.date}T12:00:00Z`} dateStyle="long" timeZone="UTC" />
          </dd>
        </div>
        <div>
          <dt>
            <FormattedMessage id="documents.status" />
          </dt>
          <dd>
            <StatusBadge status={doc.status} />
          </dd>
        </div>
        <div>
          <dt>
            <FormattedMessage id="documents.field.access" />
          </dt>
          <dd>
            <FormattedMessage id={`documents.access.${doc.access.level}`} />
            {doc.access.addressedParties.length > 0 ? (
              <>
                {' '}
                <FormattedMessage id="documents.addressedTo" values={{ parties: doc.access.addressedParties.join(', ') }} />
              </>
            ) : null}
            {doc.access.derestrictAt && doc.access.derestrictTo ? (
              <div className="portal-muted">
                <FormattedMessage
                  id="documents.derestrictOn"
                  values={{ date: intl.formatDate(doc.access.derestrictAt, { dateStyle: 'long' }), level: intl.formatMessage({ id: `documents.access.${doc.access.derestrictTo}` }) }}
                />
              </div>
            ) : null}
          </dd>
        </div>
        <div>
          <dt>
            <FormattedMessage id="documents.submittedBy" />
          </dt>
          <dd>{doc.submittingParty ?? intl.formatMessage({ id: 'documents.secretariat' })}</dd>
        </div>
      </dl>
      {doc.family.length > 1 ? (
        <nav className="doc-family no-print" aria-label={intl.formatMessage({ id: 'documents.family' })}>
          <h2>
            <FormattedMessage id="documents.family" />
          </h2>
          <ul>
            {doc.family.map((f) => (
              <li key={f.id}>
                {f.id === doc.id ? (
                  <strong dir="ltr" aria-current="page">
                    {f.symbol}
                  </strong>
                ) : (
                  <Link to="/documents/$id" params={{ id: f.id }} dir="ltr">
                    {f.symbol}
                  </Link>
                )}{' '}
                <StatusBadge status={f.status} />
              </li>
            ))}
          </ul>
        </nav>
      ) : null}
      <p className="doc-links doc-links--inline no-print">
        <Link to="/documents/$id/parallel" params={{ id: doc.id }} search={{}}>
          <FormattedMessage id="documents.parallelLink" />
        </Link>
        <button type="button" className="button button--secondary" onClick={() => window.print()}>
          <FormattedMessage id="documents.print" />
        </button>
      </p>
      <Actions doc={doc} />
      <AccessPanel doc={doc} />
      <Versions doc={doc} />
      <section aria-labelledby="doc-text-h" className="doc-text-section">
        <h2 id="doc-text-h">
          <FormattedMessage id="documents.text" />
        </h2>
        {doc.languageVersions.length > 1 ? (
          <div className="doc-filters__field no-print">
            <label htmlFor="text-lang">
              <FormattedMessage id="documents.field.language" />
            </label>
            <select id="text-lang" value={lang} onChange={(e) => setLang(e.target.value)}>
              {doc.languageVersions.map((v) => (
                <option key={v.language} value={v.language}>
                  {languageName(v.language, intl.locale)}
                </option>
              ))}
            </select>
          </div>
        ) : null}
        <Text doc={doc} lang={lang} />
      </section>
    </article>
  );
}

function DocumentPage() {
  const { id } = documentRoute.useParams();
  const doc = useQuery(documentQuery(id));
  useDocumentTitle(doc.data?.symbol ?? null);
  if (doc.isPending) return <Loading />;
  if (doc.isError) return <ProblemMessage error={doc.error} headingLevel={1} />;
  return <DocumentView key={doc.data.id} doc={doc.data} />;
}

export const documentRoute = createRoute({ getParentRoute: () => rootRoute, path: '/documents/$id', component: DocumentPage });
