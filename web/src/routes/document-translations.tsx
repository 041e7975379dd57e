import { useQuery } from '@tanstack/react-query';
import { createRoute, Link } from '@tanstack/react-router';
import { FormattedDate, FormattedMessage, useIntl } from 'react-intl';
import { translationDashboardQuery } from '../api/documents.ts';
import { Loading, ProblemMessage } from '../components/status.tsx';
import { useDocumentTitle } from '../hooks/use-document-title.ts';
import { languageName } from '../i18n/display-names.ts';
import { rootRoute } from './root.tsx';
import './documents.css';

/** For the Secretariat: every language version awaited or in translation, grouped by language. */
function TranslationsPage() {
  const intl = useIntl();
  const dash = useQuery(translationDashboardQuery);
  useDocumentTitle(intl.formatMessage({ id: 'documents.translations.title' }));
  return (
    <div className="documents">
      <h1>
        <FormattedMessage id="documents.translations.title" />
      </h1>
      <p>
        <FormattedMessage id="documents.translations.intro" />
      </p>
      {dash.isPending ? <Loading /> : null}
      {dash.isError ? <ProblemMessage error={dash.error} /> : null}
      {dash.data && dash.data.languages.length === 0 ? (
        <p>
          <FormattedMessage id="documents.translations.none" />
        </p>
      ) : null}
      {dash.data?.languages.map((l) => (
        <section key={l.language} className="doc-dash" aria-labelledby={`dash-${l.language}`}>
          <h2 id={`dash-${l.language}`}>
            {languageName(l.language, intl.locale)}{' '}
            <span className="doc-dash__counts">
              <FormattedMessage id="documents.translations.counts" values={{ awaited: l.awaited, inTranslation: l.inTranslation }} />
            </span>
          </h2>
          <div className="doc-table-wrap">
            <table className="doc-table">
              <thead>
                <tr>
                  <th scope="col">
                    <FormattedMessage id="documents.col.symbol" />
                  </th>
                  <th scope="col">
                    <FormattedMessage id="documents.col.title" />
                  </th>
                  <th scope="col">
                    <FormattedMessage id="documents.col.date" />
                  </th>
                  <th scope="col">
                    <FormattedMessage id="documents.col.status" />
                  </th>
                  <th scope="col">
                    <FormattedMessage id="documents.col.translator" />
                  </th>
                </tr>
              </thead>
              <tbody>
                {l.items.map((i) => (
                  <tr key={i.documentId}>
                    <td>
                      <Link to="/documents/$id" params={{ id: i.documentId }} dir="ltr">
                        {i.symbol}
                      </Link>
                    </td>
                    <td dir="auto">{i.title}</td>
                    <td>
                      <FormattedDate value={`${i.date}T12:00:00Z`} dateStyle="medium" timeZone="UTC" />
                    </td>
                    <td>
                      <FormattedMessage id={`documents.langStatus.${i.status}`} />
                    </td>
                    <td dir="auto">{i.translator ?? '—'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      ))}
    </div>
  );
}

export const documentTranslationsRoute = createRoute({ getParentRoute: () => rootRoute, path: '/documents/translations', component: TranslationsPage });
