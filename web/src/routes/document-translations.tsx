import { useQuery } from '@tanstack/react-query';
import { createRoute, Link } from '@tanstack/react-router';
import { FormattedDate, FormattedMessage, useIntl } from 'react-intl';
import { translationDashboardQuery } from '../api/documents.ts';
import { DataTable } from '../components/list/data-table.tsx';
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
          <DataTable
            caption={languageName(l.language, intl.locale)}
            rows={l.items}
            rowKey={(i) => i.documentId}
            columns={[
              {
                heading: 'documents.col.symbol',
                cell: (i) => (
                  <Link to="/documents/$id" params={{ id: i.documentId }} dir="ltr">
                    {i.symbol}
                  </Link>
                ),
              },
              { heading: 'documents.col.title', dir: 'auto', cell: (i) => i.title },
              { heading: 'documents.col.date', cell: (i) => <FormattedDate value={`${i.date}T12:00:00Z`} dateStyle="medium" timeZone="UTC" /> },
              { heading: 'documents.col.status', cell: (i) => <FormattedMessage id={`documents.langStatus.${i.status}`} /> },
              { heading: 'documents.col.translator', dir: 'auto', cell: (i) => i.translator ?? '—' },
            ]}
          />
        </section>
      ))}
    </div>
  );
}

export const documentTranslationsRoute = createRoute({ getParentRoute: () => rootRoute, path: '/documents/translations', component: TranslationsPage });
