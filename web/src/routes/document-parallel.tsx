import { useQuery } from '@tanstack/react-query';
import { createRoute, Link, useNavigate } from '@tanstack/react-router';
import { FormattedMessage, useIntl } from 'react-intl';
import { directionOfLanguage, documentQuery, parallelQuery } from '../api/documents.ts';
import { Loading, ProblemMessage } from '../components/status.tsx';
import { useDocumentTitle } from '../hooks/use-document-title.ts';
import { languageName } from '../i18n/display-names.ts';
import { ParagraphHtml } from './document.tsx';
import { rootRoute } from './root.tsx';
import '../components/list/list.css';
import './documents.css';

/**
 * Two or three language versions side by side, one row per paragraph number, each column in its
 * own language and direction (an Arabic column runs right to left inside an English page, and so on).
 */
function ParallelPage() {
  const intl = useIntl();
  const navigate = useNavigate();
  const { id } = documentParallelRoute.useParams();
  const search = documentParallelRoute.useSearch();
  const chosen = search.languages ? search.languages.split(',').filter(Boolean).slice(0, 3) : [];
  const doc = useQuery(documentQuery(id));
  const view = useQuery(parallelQuery(id, chosen));
  useDocumentTitle(doc.data ? intl.formatMessage({ id: 'documents.parallel.title' }) + ` – ${doc.data.symbol}` : null);
  if (doc.isPending || view.isPending) return <Loading />;
  if (doc.isError) return <ProblemMessage error={doc.error} headingLevel={1} />;
  if (view.isError) return <ProblemMessage error={view.error} headingLevel={1} />;
  const shown = view.data.languages.map((l) => l.language);
  const toggle = (lang: string, on: boolean) => {
    const next = on ? [...shown, lang].slice(-3) : shown.filter((l) => l !== lang);
    void navigate({ to: '/documents/$id/parallel', params: { id }, search: { languages: next.join(',') || undefined } });
  };
  return (
    <div className="documents doc-parallel-page">
      <p className="doc-page__symbol" dir="ltr">
        <Link to="/documents/$id" params={{ id }}>
          {doc.data.symbol}
        </Link>
      </p>
      <h1>
        <FormattedMessage id="documents.parallel.title" />
      </h1>
      <fieldset className="doc-parallel__choose no-print">
        <legend>
          <FormattedMessage id="documents.parallel.choose" />
        </legend>
        {doc.data.languageVersions.map((v) => (
          <label key={v.language} className="doc-parallel__option">
            <input type="checkbox" checked={shown.includes(v.language)} onChange={(e) => toggle(v.language, e.target.checked)} disabled={!shown.includes(v.language) && shown.length >= 3} />{' '}
            {languageName(v.language, intl.locale)}
          </label>
        ))}
      </fieldset>
      <div className="list-table-wrap">
        <table className={`doc-parallel doc-parallel--${shown.length}`}>
          <caption className="sr-only">
            <FormattedMessage id="documents.parallel.title" />
          </caption>
          <thead>
            <tr>
              <th scope="col" className="doc-parallel__n">
                <FormattedMessage id="documents.parallel.number" />
              </th>
              {view.data.languages.map((l) => (
                <th key={l.language} scope="col" className="doc-parallel__cell">
                  <strong>{languageName(l.language, intl.locale)}</strong>{' '}
                  <span className="portal-muted">
                    (<FormattedMessage id={`documents.langStatus.${l.status}`} />)
                  </span>
                  {l.title ? (
                    <div lang={l.language} dir={directionOfLanguage(l.language)} className="doc-parallel__title">
                      {l.title}
                    </div>
                  ) : null}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {view.data.rows.map((r) => (
              <tr key={r.n} className="doc-parallel__row">
                <th scope="row" className="doc-parallel__n">
                  {r.n}
                </th>
                {view.data.languages.map((l) => {
                  const html = r.cells[l.language];
                  return (
                    <td key={l.language} className="doc-parallel__cell" lang={l.language} dir={directionOfLanguage(l.language)}>
                      {html ? (
                        <ParagraphHtml html={html} lang={l.language} />
                      ) : (
                        <span className="portal-muted">
                          <FormattedMessage id="documents.parallel.missing" />
                        </span>
                      )}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}

export const documentParallelRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/documents/$id/parallel',
  component: ParallelPage,
  validateSearch: (s: Record<string, unknown>): { languages?: string } => ({
    languages: typeof s.languages === 'string' && /^[a-z]{2,3}(-[A-Za-z0-9]{2,8})?(,[a-z]{2,3}(-[A-Za-z0-9]{2,8})?){0,2}$/.test(s.languages) ? s.languages : undefined,
  }),
});
