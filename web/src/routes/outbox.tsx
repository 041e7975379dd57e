import { useQuery } from '@tanstack/react-query';
import { createRoute, Link } from '@tanstack/react-router';
import { FormattedMessage, useIntl } from 'react-intl';
import { type OutboxStatus, outboxMailQuery, outboxQuery, outboxStatuses } from '../api/account.ts';
import { ScrollTable } from '../components/account/forms.tsx';
import { Instant, useKindName } from '../components/account/format.tsx';
import { AlertIcon } from '../components/icons.tsx';
import { CheckIcon, ClockIcon, PauseIcon } from '../components/account/icons.tsx';
import { canSeeOutbox, RequireSignedIn } from '../components/account/session.tsx';
import { Loading, ProblemMessage } from '../components/status.tsx';
import { useDocumentTitle } from '../hooks/use-document-title.ts';
import type { MessageId } from '../i18n/messages.ts';
import { languageName } from '../i18n/display-names.ts';
import { rootRoute } from './root.tsx';
import { Pager } from '../components/list/pager.tsx';

const statusLabel: Record<OutboxStatus, MessageId> = {
  held: 'outbox.status.held',
  queued: 'outbox.status.queued',
  sent: 'outbox.status.sent',
  failed: 'outbox.status.failed',
};

const filterLabel: Record<OutboxStatus, MessageId> = {
  held: 'outbox.filter.held',
  queued: 'outbox.filter.queued',
  sent: 'outbox.filter.sent',
  failed: 'outbox.filter.failed',
};

/** A mail's status: an icon and a word, never colour alone. */
function MailStatus({ status }: { status: OutboxStatus }) {
  const Icon = status === 'sent' ? CheckIcon : status === 'queued' ? ClockIcon : status === 'held' ? PauseIcon : AlertIcon;
  return (
    <span className={`account-tag outbox-status outbox-status--${status}`}>
      <Icon />
      <FormattedMessage id={statusLabel[status]} />
    </span>
  );
}

function OutboxList() {
  const intl = useIntl();
  const search = outboxRoute.useSearch();
  const page = search.page ?? 1;
  const mails = useQuery(outboxQuery({ status: search.status, page }));
  const pages = mails.data ? Math.max(1, Math.ceil(mails.data.total / mails.data.pageSize)) : 1;
  return (
    <article className="account-page">
      <h1>
        <FormattedMessage id="outbox.title" />
      </h1>
      <p className="account-lead">
        <FormattedMessage id="outbox.lead" />
      </p>
      <nav aria-label={intl.formatMessage({ id: 'outbox.filter.label' })}>
        <ul className="account-filter">
          <li>
            <Link to="/outbox" search={{}} className="account-filter__link" activeOptions={{ exact: true, includeSearch: true }}>
              <FormattedMessage id="outbox.filter.all" />
            </Link>
          </li>
          {outboxStatuses.map((s) => (
            <li key={s}>
              <Link to="/outbox" search={{ status: s }} className="account-filter__link" activeOptions={{ exact: true, includeSearch: true }}>
                <FormattedMessage id={filterLabel[s]} />
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      {mails.isPending ? (
        <Loading />
      ) : mails.isError ? (
        <ProblemMessage error={mails.error} onRetry={() => void mails.refetch()} />
      ) : (
        <>
          <p className="people-count" role="status">
            <FormattedMessage id="outbox.count" values={{ count: mails.data.total }} />
          </p>
          {mails.data.items.length === 0 ? (
            <p className="account-empty">
              <FormattedMessage id="outbox.empty" />
            </p>
          ) : (
            <ScrollTable label={intl.formatMessage({ id: 'outbox.title' })}>
              <table className="account-table outbox-table">
                <thead>
                  <tr>
                    <th scope="col">
                      <FormattedMessage id="outbox.col.subject" />
                    </th>
                    <th scope="col">
                      <FormattedMessage id="outbox.col.to" />
                    </th>
                    <th scope="col">
                      <FormattedMessage id="outbox.col.status" />
                    </th>
                    <th scope="col">
                      <FormattedMessage id="outbox.col.created" />
                    </th>
                    <th scope="col">
                      <FormattedMessage id="outbox.col.attempts" />
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {mails.data.items.map((m) => (
                    <tr key={m.id}>
                      <th scope="row">
                        <Link to="/outbox/$id" params={{ id: m.id }} lang={m.language} dir="auto">
                          {m.subject}
                        </Link>
                      </th>
                      <td>
                        {m.toName ? (
                          <span className="people-name" dir="auto">
                            {m.toName}
                          </span>
                        ) : null}
                        <span className="people-email" dir="ltr">
                          {m.to}
                        </span>
                      </td>
                      <td>
                        <MailStatus status={m.status} />
                      </td>
                      <td>
                        <Instant value={m.createdAt} />
                      </td>
                      <td>{intl.formatNumber(m.attempts)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </ScrollTable>
          )}
          <Pager
            page={page}
            pages={pages}
            link={(p, rel, label) => (
              <Link to="/outbox" search={{ status: search.status, page: p }} rel={rel} className="button button--secondary button--small">
                {label}
              </Link>
            )}
          />
        </>
      )}
    </article>
  );
}

function OutboxMailPage() {
  const intl = useIntl();
  const { id } = outboxMailRoute.useParams();
  const kindName = useKindName();
  const mail = useQuery(outboxMailQuery(id));
  useDocumentTitle(mail.data ? mail.data.subject : intl.formatMessage({ id: 'outbox.title' }));
  return (
    <article className="account-page">
      <p>
        <Link to="/outbox">
          <FormattedMessage id="outbox.back" />
        </Link>
      </p>
      {mail.isPending ? (
        <Loading />
      ) : mail.isError ? (
        <ProblemMessage error={mail.error} headingLevel={1} />
      ) : (
        <>
          <h1 lang={mail.data.language} dir="auto">
            {mail.data.subject}
          </h1>
          <dl className="account-facts outbox-facts">
            <div>
              <dt>
                <FormattedMessage id="outbox.col.to" />
              </dt>
              <dd>
                {mail.data.toName ? <bdi>{mail.data.toName} </bdi> : null}
                <span dir="ltr">&lt;{mail.data.to}&gt;</span>
              </dd>
            </div>
            <div>
              <dt>
                <FormattedMessage id="outbox.col.status" />
              </dt>
              <dd>
                <MailStatus status={mail.data.status} />
              </dd>
            </div>
            <div>
              <dt>
                <FormattedMessage id="outbox.col.created" />
              </dt>
              <dd>
                <Instant value={mail.data.createdAt} />
              </dd>
            </div>
            <div>
              <dt>
                <FormattedMessage id="outbox.col.sent" />
              </dt>
              <dd>{mail.data.sentAt ? <Instant value={mail.data.sentAt} /> : <FormattedMessage id="outbox.notSent" />}</dd>
            </div>
            <div>
              <dt>
                <FormattedMessage id="outbox.col.language" />
              </dt>
              <dd>{languageName(mail.data.language, intl.locale)}</dd>
            </div>
            <div>
              <dt>
                <FormattedMessage id="outbox.col.kind" />
              </dt>
              <dd>
                {kindName(mail.data.kind).code ? null : <span>{kindName(mail.data.kind).text} </span>}
                <code dir="ltr">{mail.data.kind}</code>
              </dd>
            </div>
            <div>
              <dt>
                <FormattedMessage id="outbox.col.attempts" />
              </dt>
              <dd>{intl.formatNumber(mail.data.attempts)}</dd>
            </div>
            {mail.data.error ? (
              <div>
                <dt>
                  <FormattedMessage id="outbox.col.error" />
                </dt>
                <dd lang="en" dir="ltr">
                  {mail.data.error}
                </dd>
              </div>
            ) : null}
          </dl>
          {mail.data.redacted ? (
            <p className="account-callout">
              <FormattedMessage id="outbox.redacted" />
            </p>
          ) : null}
          <section aria-labelledby="outbox-body-title">
            <h2 id="outbox-body-title">
              <FormattedMessage id="outbox.body" />
            </h2>
            {/* A removed body is the server's English note, not the recipient's language. */}
            <pre className="outbox-text" lang={mail.data.redacted ? 'en' : mail.data.language} dir="auto">
              {mail.data.text}
            </pre>
          </section>
        </>
      )}
    </article>
  );
}

function Outbox() {
  const intl = useIntl();
  useDocumentTitle(intl.formatMessage({ id: 'outbox.title' }));
  return (
    <RequireSignedIn allow={canSeeOutbox}>
      <OutboxList />
    </RequireSignedIn>
  );
}

export const outboxRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/outbox',
  validateSearch: (search: Record<string, unknown>): { status?: OutboxStatus; page?: number } => {
    const page = Number(search.page);
    return {
      status: outboxStatuses.includes(search.status as OutboxStatus) ? (search.status as OutboxStatus) : undefined,
      page: Number.isInteger(page) && page > 1 ? page : undefined,
    };
  },
  component: Outbox,
});

export const outboxMailRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/outbox/$id',
  component: () => (
    <RequireSignedIn allow={canSeeOutbox}>
      <OutboxMailPage />
    </RequireSignedIn>
  ),
});
