import { createRoute, useRouterState } from '@tanstack/react-router';
import { useEffect } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import type { Me } from '../api/account.ts';
import { PasswordSection } from '../components/account/password-section.tsx';
import { ProfileSection } from '../components/account/profile-section.tsx';
import { RequireSignedIn } from '../components/account/session.tsx';
import { SessionsSection } from '../components/account/sessions-section.tsx';
import { TokensSection } from '../components/account/tokens-section.tsx';
import { TwoFactorSection } from '../components/account/two-factor-section.tsx';
import { useDocumentTitle } from '../hooks/use-document-title.ts';
import { pickLocalized } from '../i18n/localized-text.ts';
import { RoleName } from '../components/account/format.tsx';
import { rootRoute } from './root.tsx';

function AccountPage({ me }: { me: Me }) {
  const intl = useIntl();
  const search = accountRoute.useSearch();
  const hash = useRouterState({ select: (s) => s.location.hash });
  const party = pickLocalized(me.party.names, intl.locale);
  // Only two-factor enrolment works until a required second factor is set up; the rest would be refused.
  const enrolOnly = me.powers.mustEnrolMfa;

  useEffect(() => {
    if (hash) document.getElementById(hash)?.scrollIntoView();
  }, [hash]);

  return (
    <article className="account-page">
      <h1>
        <FormattedMessage id="account.title" />
      </h1>
      {search.welcome ? (
        <p className="account-saved account-saved--shown" role="status">
          <FormattedMessage id="account.welcome" values={{ name: <bdi key="n">{me.user.name}</bdi> }} />
        </p>
      ) : null}
      <p className="account-lead">
        <FormattedMessage
          id="account.lead"
          values={{
            role: <RoleName key="r" role={me.user.role} />,
            party: (
              <span key="p" lang={party?.lang && party.lang !== intl.locale ? party.lang : undefined}>
                {party?.text ?? me.party.code}
              </span>
            ),
          }}
        />
      </p>
      {enrolOnly ? null : (
        <nav className="account-toc" aria-label={intl.formatMessage({ id: 'account.toc' })}>
          <ul>
            <li>
              <a href="#account-profile">
                <FormattedMessage id="account.profile.title" />
              </a>
            </li>
            <li>
              <a href="#account-password">
                <FormattedMessage id="account.password.title" />
              </a>
            </li>
            <li>
              <a href="#two-factor">
                <FormattedMessage id="account.totp.title" />
              </a>
            </li>
            <li>
              <a href="#account-sessions">
                <FormattedMessage id="account.sessions.title" />
              </a>
            </li>
            <li>
              <a href="#account-tokens">
                <FormattedMessage id="account.tokens.title" />
              </a>
            </li>
          </ul>
        </nav>
      )}
      {enrolOnly ? null : <ProfileSection me={me} />}
      {enrolOnly ? null : <PasswordSection email={me.user.email} />}
      <TwoFactorSection me={me} />
      {enrolOnly ? null : <SessionsSection />}
      {enrolOnly ? null : <TokensSection />}
    </article>
  );
}

function Account() {
  const intl = useIntl();
  useDocumentTitle(intl.formatMessage({ id: 'account.title' }));
  return <RequireSignedIn duringMfaEnrolment>{(me) => <AccountPage me={me} />}</RequireSignedIn>;
}

export const accountRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/account',
  validateSearch: (search: Record<string, unknown>): { welcome?: boolean } => ({
    welcome: search.welcome === true || search.welcome === 'true' ? true : undefined,
  }),
  component: Account,
});
