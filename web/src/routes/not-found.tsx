import { Link } from '@tanstack/react-router';
import { FormattedMessage, useIntl } from 'react-intl';
import { useDocumentTitle } from '../hooks/use-document-title.ts';
import './not-found.css';

export function NotFoundPage() {
  const intl = useIntl();
  useDocumentTitle(intl.formatMessage({ id: 'notFound.title' }));
  return (
    <article className="not-found">
      <p className="not-found__code" aria-hidden="true">
        {intl.formatNumber(404, { useGrouping: false })}
      </p>
      <h1>
        <FormattedMessage id="notFound.title" />
      </h1>
      <p>
        <FormattedMessage id="notFound.body" />
      </p>
      <p>
        <Link to="/" className="button">
          <FormattedMessage id="notFound.home" />
        </Link>
      </p>
    </article>
  );
}
