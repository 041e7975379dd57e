import { Link } from '@tanstack/react-router';
import { FormattedMessage, useIntl } from 'react-intl';
import { navItems } from './nav-items.ts';

/** The main navigation. The current page is marked with aria-current and an underline, not colour alone. */
export function PrimaryNav() {
  const intl = useIntl();
  return (
    <nav className="primary-nav" aria-label={intl.formatMessage({ id: 'nav.label' })}>
      <ul className="primary-nav__list container">
        {navItems.map((item) => (
          <li key={item.to}>
            <Link to={item.to} className="primary-nav__link" activeOptions={{ exact: item.exact ?? false }}>
              <FormattedMessage id={item.label} />
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
