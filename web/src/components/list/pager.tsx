import { FormattedMessage, useIntl } from 'react-intl';
import './list.css';

/**
 * Previous / "page N of M" / next, for a list whose page lives in the address. `link` renders a link to a
 * page number (the caller's router link with its own search parameters), so the pager stays router-agnostic.
 */
export function Pager(props: { page: number; pages: number; link: (page: number, rel: 'prev' | 'next', label: string) => React.ReactNode }) {
  const intl = useIntl();
  if (props.pages <= 1) return null;
  return (
    <nav className="list-pager" aria-label={intl.formatMessage({ id: 'list.paging' })}>
      {props.page > 1 ? props.link(props.page - 1, 'prev', intl.formatMessage({ id: 'list.previous' })) : null}
      <span>
        <FormattedMessage id="list.pageOf" values={{ page: props.page, pages: props.pages }} />
      </span>
      {props.page < props.pages ? props.link(props.page + 1, 'next', intl.formatMessage({ id: 'list.next' })) : null}
    </nav>
  );
}
