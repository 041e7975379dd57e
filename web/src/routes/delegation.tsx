import { createRoute } from '@tanstack/react-router';
import { FormattedMessage, useIntl } from 'react-intl';
import type { Me } from '../api/account.ts';
import { PeopleManager } from '../components/account/people-manager.tsx';
import { canSeeDelegation, RequireSignedIn } from '../components/account/session.tsx';
import { useDocumentTitle } from '../hooks/use-document-title.ts';
import { pickLocalized } from '../i18n/localized-text.ts';
import { rootRoute } from './root.tsx';

function DelegationPage({ me }: { me: Me }) {
  const intl = useIntl();
  const search = delegationRoute.useSearch();
  const party = pickLocalized(me.party.names, intl.locale);
  return (
    <article className="account-page">
      <h1>
        <FormattedMessage id="people.delegation.title" />
      </h1>
      {search.welcome ? (
        <p className="account-saved account-saved--shown" role="status">
          <FormattedMessage id="account.welcome" values={{ name: <bdi key="n">{me.user.name}</bdi> }} />
        </p>
      ) : null}
      <p className="account-lead">
        <FormattedMessage
          id="people.delegation.lead"
          values={{
            party: (
              <strong key="p" lang={party?.lang && party.lang !== intl.locale ? party.lang : undefined}>
                {party?.text ?? me.party.code}
              </strong>
            ),
          }}
        />
      </p>
      <PeopleManager me={me} scope="delegation" />
    </article>
  );
}

function Delegation() {
  const intl = useIntl();
  useDocumentTitle(intl.formatMessage({ id: 'people.delegation.title' }));
  return <RequireSignedIn allow={canSeeDelegation}>{(me) => <DelegationPage me={me} />}</RequireSignedIn>;
}

/** "My delegation": the people of the focal point's or head's own party. */
export const delegationRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/delegation',
  validateSearch: (search: Record<string, unknown>): { welcome?: boolean } => ({
    welcome: search.welcome === true || search.welcome === 'true' ? true : undefined,
  }),
  component: Delegation,
});
