import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { FormattedMessage, useIntl } from 'react-intl';
import { profileQuery } from '../../api/queries.ts';
import { pickLocalized } from '../../i18n/localized-text.ts';
import { AccountTools } from './account-tools.tsx';
import { SearchBox } from '../search/search-box.tsx';
import { LanguageSwitcher } from './language-switcher.tsx';
import { PrimaryNav } from './primary-nav.tsx';

/** The forum's name and abbreviation in the UI language; the product name until a profile is loaded. */
function Brand() {
  const intl = useIntl();
  const profile = useQuery(profileQuery);
  const abbreviation = pickLocalized(profile.data?.abbreviation, intl.locale);
  const name = pickLocalized(profile.data?.name, intl.locale);
  return (
    <Link to="/" className="brand">
      {abbreviation && name ? (
        <>
          <span className="brand__abbr" lang={abbreviation.lang || undefined} dir="auto">
            {abbreviation.text}
          </span>
          <span className="brand__name" lang={name.lang || undefined} dir="auto">
            {name.text}
          </span>
        </>
      ) : (
        <span className="brand__abbr">
          <FormattedMessage id="app.name" />
        </span>
      )}
    </Link>
  );
}

export function SiteHeader() {
  return (
    <header className="site-header">
      <div className="site-header__bar container">
        <Brand />
        <SearchBox />
        <div className="site-header__tools">
          <LanguageSwitcher />
          <AccountTools />
        </div>
      </div>
      <PrimaryNav />
    </header>
  );
}
