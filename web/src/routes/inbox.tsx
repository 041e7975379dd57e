import { useQuery, useQueryClient } from '@tanstack/react-query';
import { createRoute, Link, useRouter } from '@tanstack/react-router';
import { type FormEvent, useEffect, useState } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { apiCall, type Channel, channels, inboxQuery, type Notification, type Preferences, preferencesQuery, sessionKey, unreadCountQuery } from '../api/account.ts';
import { ErrorSummary, Msg, Saved, ScrollTable, SubmitButton, useAccountForm } from '../components/account/forms.tsx';
import { Instant, useKindName } from '../components/account/format.tsx';
import { CheckIcon, DotIcon, MailIcon } from '../components/account/icons.tsx';
import { problemMessage } from '../components/account/problems.ts';
import { RequireSignedIn } from '../components/account/session.tsx';
import { Loading, ProblemMessage } from '../components/status.tsx';
import { useDocumentTitle } from '../hooks/use-document-title.ts';
import type { MessageId } from '../i18n/messages.ts';
import { rootRoute } from './root.tsx';
import { Pager } from '../components/list/pager.tsx';

function useRefreshInbox() {
  const queryClient = useQueryClient();
  return async () => {
    await Promise.all([
      queryClient.invalidateQueries({ queryKey: [...sessionKey, 'inbox'] }),
      queryClient.invalidateQueries({ queryKey: unreadCountQuery.queryKey }),
    ]);
  };
}

function NotificationItem({ n, onError }: { n: Notification; onError: (err: unknown) => void }) {
  const router = useRouter();
  const refresh = useRefreshInbox();
  const kindName = useKindName();
  const unread = n.readAt === null;
  const subjectId = `notification-${n.id}`;
  const kind = kindName(n.kind);

  const markRead = async () => {
    try {
      await apiCall('POST', `/notifications/${n.id}/read`);
      await refresh();
    } catch (err) {
      onError(err);
    }
  };

  return (
    <li className={`inbox-item${unread ? ' inbox-item--unread' : ''}`}>
      <article aria-labelledby={subjectId}>
        <header className="inbox-item__head">
          {unread ? (
            <span className="account-tag account-tag--unread">
              <DotIcon />
              <FormattedMessage id="inbox.unread" />
            </span>
          ) : (
            <span className="account-tag account-tag--muted">
              <CheckIcon />
              <FormattedMessage id="inbox.read" />
            </span>
          )}
          <h3 id={subjectId} className="inbox-item__subject" dir="auto">
            {n.subject}
          </h3>
        </header>
        <p className="inbox-item__meta">
          <Instant value={n.createdAt} />
          <span aria-hidden="true"> · </span>
          <span lang={kind.code ? 'en' : undefined} dir={kind.code ? 'ltr' : undefined}>
            {kind.text}
          </span>
        </p>
        <p className="inbox-item__body" dir="auto">
          {n.body}
        </p>
        <div className="account-actions">
          {n.link ? (
            <a
              href={n.link}
              className="button button--small"
              aria-describedby={subjectId}
              onClick={async (event) => {
                event.preventDefault();
                if (unread) await markRead();
                router.history.push(n.link!);
              }}
            >
              <FormattedMessage id="inbox.open" />
            </a>
          ) : null}
          {unread ? (
            <button type="button" className="button button--secondary button--small" aria-describedby={subjectId} onClick={() => void markRead()}>
              <FormattedMessage id="inbox.markRead" />
            </button>
          ) : null}
        </div>
      </article>
    </li>
  );
}

function NotificationList() {
  const intl = useIntl();
  const search = inboxRoute.useSearch();
  const refresh = useRefreshInbox();
  const unreadOnly = search.show === 'unread';
  const page = search.page ?? 1;
  const inbox = useQuery(inboxQuery({ unread: unreadOnly, page }));
  const [error, setError] = useState<unknown>(null);
  const [allDone, setAllDone] = useState(false);
  const pages = inbox.data ? Math.max(1, Math.ceil(inbox.data.total / inbox.data.pageSize)) : 1;

  const markAll = async () => {
    setError(null);
    try {
      await apiCall('POST', '/notifications/read-all');
      setAllDone(true);
      await refresh();
    } catch (err) {
      setError(err);
    }
  };

  return (
    <section className="account-section" aria-labelledby="inbox-list-title">
      <h2 id="inbox-list-title" className="sr-only">
        <FormattedMessage id="inbox.listTitle" />
      </h2>
      <div className="inbox-toolbar">
        <nav aria-label={intl.formatMessage({ id: 'inbox.filter.label' })}>
          <ul className="account-filter">
            <li>
              <Link to="/inbox" search={{}} className="account-filter__link" activeOptions={{ exact: true, includeSearch: true }}>
                <FormattedMessage id="inbox.filter.all" />
              </Link>
            </li>
            <li>
              <Link to="/inbox" search={{ show: 'unread' }} className="account-filter__link" activeOptions={{ exact: true, includeSearch: true }}>
                <FormattedMessage id="inbox.filter.unread" values={{ count: inbox.data?.unread ?? 0 }} />
              </Link>
            </li>
          </ul>
        </nav>
        {inbox.data && inbox.data.unread > 0 ? (
          <button type="button" className="button button--secondary" onClick={() => void markAll()}>
            <CheckIcon />
            <FormattedMessage id="inbox.markAllRead" />
          </button>
        ) : null}
      </div>
      <p role="status" className="account-saved">
        {allDone && inbox.data?.unread === 0 ? <FormattedMessage id="inbox.allMarked" /> : null}
      </p>
      {error ? (
        <p className="account-field__error" role="alert">
          <Msg m={problemMessage(error)} />
        </p>
      ) : null}
      {inbox.isPending ? (
        <Loading />
      ) : inbox.isError ? (
        <ProblemMessage error={inbox.error} onRetry={() => void inbox.refetch()} />
      ) : inbox.data.items.length === 0 ? (
        <p className="account-empty">
          <MailIcon />
          <FormattedMessage id={unreadOnly ? 'inbox.emptyUnread' : 'inbox.empty'} />
        </p>
      ) : (
        <>
          <ul className="inbox-list">
            {inbox.data.items.map((n) => (
              <NotificationItem key={n.id} n={n} onError={setError} />
            ))}
          </ul>
          <Pager
            page={page}
            pages={pages}
            link={(p, rel, label) => (
              <Link to="/inbox" search={{ show: search.show, page: p }} rel={rel} className="button button--secondary button--small">
                {label}
              </Link>
            )}
          />
        </>
      )}
    </section>
  );
}

const channelLabel: Record<Channel, MessageId> = {
  immediate: 'inbox.channel.immediate',
  digest: 'inbox.channel.digest',
  none: 'inbox.channel.none',
};

function PreferencesForm({ prefs }: { prefs: Preferences }) {
  const intl = useIntl();
  const queryClient = useQueryClient();
  const kindName = useKindName();
  const form = useAccountForm();
  const [choice, setChoice] = useState<Record<string, Channel>>(() => Object.fromEntries(prefs.items.map((i) => [i.kind, i.channel])));
  useEffect(() => setChoice(Object.fromEntries(prefs.items.map((i) => [i.kind, i.channel]))), [prefs]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const body = Object.fromEntries(prefs.items.filter((i) => i.configurable).map((i) => [i.kind, choice[i.kind]]));
    await form.run({}, async () => {
      const saved = await apiCall<Preferences>('PUT', '/notifications/preferences', { body });
      queryClient.setQueryData(preferencesQuery.queryKey, saved);
    });
  };

  return (
    <form className="account-form account-form--wide" onSubmit={submit} noValidate aria-labelledby="inbox-prefs-title">
      <ErrorSummary form={form} labels={{}} />
      <ScrollTable labelledBy="inbox-prefs-title">
        <table className="account-table prefs-table">
          <thead>
            <tr>
              <th scope="col">
                <FormattedMessage id="inbox.prefs.kind" />
              </th>
              <th scope="col">
                <FormattedMessage id="inbox.prefs.email" />
              </th>
            </tr>
          </thead>
          <tbody>
            {prefs.items.map((item) => {
              const name = kindName(item.kind);
              const id = `pref-${item.kind.replace(/[^a-z0-9]/gi, '-')}`;
              return (
                <tr key={item.kind}>
                  <th scope="row" id={`${id}-name`}>
                    <span lang={name.code ? 'en' : undefined} dir={name.code ? 'ltr' : undefined}>
                      {name.text}
                    </span>
                  </th>
                  <td>
                    {item.configurable ? (
                      <select
                        id={id}
                        className="account-field__input"
                        aria-labelledby={`${id}-name`}
                        value={choice[item.kind] ?? item.channel}
                        onChange={(e) => setChoice({ ...choice, [item.kind]: e.target.value as Channel })}
                      >
                        {channels.map((c) => (
                          <option key={c} value={c}>
                            {intl.formatMessage({ id: channelLabel[c] })}
                          </option>
                        ))}
                      </select>
                    ) : (
                      <span className="account-tag account-tag--muted">
                        <MailIcon />
                        <FormattedMessage id="inbox.prefs.alwaysOn" />
                      </span>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </ScrollTable>
      {prefs.lastDigestAt ? (
        <p className="account-hint">
          <FormattedMessage id="inbox.prefs.lastDigest" values={{ date: <Instant key="d" value={prefs.lastDigestAt} /> }} />
        </p>
      ) : null}
      <div className="account-actions">
        <SubmitButton busy={form.busy}>
          <FormattedMessage id="account.form.save" />
        </SubmitButton>
        <Saved form={form}>
          <FormattedMessage id="account.form.saved" />
        </Saved>
      </div>
    </form>
  );
}

function PreferencesSection() {
  const prefs = useQuery(preferencesQuery);
  return (
    <section className="account-section" id="preferences">
      <h2 id="inbox-prefs-title">
        <FormattedMessage id="inbox.prefs.title" />
      </h2>
      <p>
        <FormattedMessage id="inbox.prefs.intro" />
      </p>
      {prefs.isPending ? <Loading /> : prefs.isError ? <ProblemMessage error={prefs.error} onRetry={() => void prefs.refetch()} /> : <PreferencesForm prefs={prefs.data} />}
    </section>
  );
}

function Inbox() {
  const intl = useIntl();
  useDocumentTitle(intl.formatMessage({ id: 'inbox.title' }));
  return (
    <RequireSignedIn>
      <article className="account-page">
        <h1>
          <FormattedMessage id="inbox.title" />
        </h1>
        <NotificationList />
        <PreferencesSection />
      </article>
    </RequireSignedIn>
  );
}

export const inboxRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/inbox',
  validateSearch: (search: Record<string, unknown>): { show?: 'unread'; page?: number } => {
    const page = Number(search.page);
    return {
      show: search.show === 'unread' ? 'unread' : undefined,
      page: Number.isInteger(page) && page > 1 ? page : undefined,
    };
  },
  component: Inbox,
});
