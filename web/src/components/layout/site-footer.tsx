import { useQuery } from '@tanstack/react-query';
import { FormattedMessage } from 'react-intl';
import { healthQuery } from '../../api/queries.ts';
import { AlertIcon } from '../icons.tsx';

export function SiteFooter() {
  const health = useQuery(healthQuery);
  return (
    <footer className="site-footer">
      <div className="container site-footer__inner">
        <p>
          <FormattedMessage id="footer.tagline" />
        </p>
        {health.data ? (
          <p className="site-footer__version">
            <FormattedMessage id="footer.version" values={{ version: health.data.version }} />
          </p>
        ) : health.isError ? (
          <p className="site-footer__version site-footer__version--down">
            <AlertIcon />
            <FormattedMessage id="footer.serverUnavailable" />
          </p>
        ) : null}
      </div>
    </footer>
  );
}
