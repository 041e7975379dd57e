import { createRoute } from '@tanstack/react-router';
import { FormattedMessage, useIntl } from 'react-intl';
import { PeopleManager } from '../components/account/people-manager.tsx';
import { canSeePeople, RequireSignedIn } from '../components/account/session.tsx';
import { useDocumentTitle } from '../hooks/use-document-title.ts';
import { rootRoute } from './root.tsx';

function People() {
  const intl = useIntl();
  useDocumentTitle(intl.formatMessage({ id: 'people.all.title' }));
  return (
    <RequireSignedIn allow={canSeePeople}>
      {(me) => (
        <article className="account-page">
          <h1>
            <FormattedMessage id="people.all.title" />
          </h1>
          <p className="account-lead">
            <FormattedMessage id="people.all.lead" />
          </p>
          <PeopleManager me={me} scope="all" />
        </article>
      )}
    </RequireSignedIn>
  );
}

/** Everyone, of every party: for Secretariat admins. */
export const peopleRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/people',
  component: People,
});
