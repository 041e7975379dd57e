import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { createRoute, Link } from '@tanstack/react-router';
import { FormattedDate, FormattedMessage, useIntl } from 'react-intl';
import { apiCall, meQuery } from '../api/account.ts';
import { exchangeFormQuery, exchangeKey, type SubmissionDetail, submissionQuery, type Visibility } from '../api/exchange.ts';
import { AckBadge, Day, DraftBadge, Localized, PartyName, useLocalized } from '../components/exchange/exchange-bits.tsx';
import { AnswersView } from '../components/exchange/schema-form.tsx';
import { DataTable } from '../components/list/data-table.tsx';
import { Loading, ProblemMessage } from '../components/status.tsx';
import { useDocumentTitle } from '../hooks/use-document-title.ts';
import { AcknowledgeButton, canAcknowledge, canFile, ExchangeNav } from './exchange.tsx';
import { rootRoute } from './root.tsx';

/**
 * One submission: its answers laid out by the form, when it was due and whether it was on time, who
 * received it and who acknowledged when (for the sender and the Secretariat), the reader's own
 * acknowledgement (for a recipient), its versions, and derestrictions on record.
 */
function SubmissionPage() {
  const { id } = submissionRoute.useParams();
  const { saved } = submissionRoute.useSearch();
  const q = useQuery(submissionQuery(id));
  const intl = useIntl();
  const localized = useLocalized();
  const form = useQuery({ ...exchangeFormQuery(q.data?.form.id ?? 'none'), enabled: Boolean(q.data) });
  useDocumentTitle(q.data?.title ?? (form.data ? localized(form.data.title) : intl.formatMessage({ id: 'exchange.title' })));
  if (q.isPending) return <Loading />;
  if (q.isError) return <ProblemMessage error={q.error} headingLevel={1} />;
  const s = q.data;
  return (
    <div className="xc-page">
      <p className="xc-eyebrow">{form.data ? <Localized text={form.data.title} /> : null}</p>
      <h1 dir="auto">{s.title ?? <FormattedMessage id="exchange.submission.titleYear" values={{ party: <PartyName key="p" code={s.party} />, year: s.year }} />}</h1>
      <ExchangeNav />
      {saved ? (
        <p role="status" className="xc-saved">
          <FormattedMessage id={saved === 'submitted' ? 'exchange.submission.justSubmitted' : 'exchange.submission.justSaved'} />
        </p>
      ) : null}
      <Facts s={s} />
      <Received s={s} />
      <Recipients s={s} />
      <section aria-labelledby="xc-content">
        <h2 id="xc-content">
          <FormattedMessage id="exchange.submission.content" />
        </h2>
        {s.kind === 'nothing-to-declare' ? (
          <p>
            <FormattedMessage id="exchange.kind.nothing-to-declare" />
          </p>
        ) : s.kind === 'nothing-new' ? (
          <p>
            <FormattedMessage id="exchange.submission.nothingNewSince" values={{ year: s.nothingNewSince }} />
          </p>
        ) : form.data && s.data ? (
          <AnswersView form={form.data} data={s.data} />
        ) : form.isPending ? (
          <Loading />
        ) : (
          <p>
            <FormattedMessage id="exchange.submission.noAnswers" />
          </p>
        )}
      </section>
      {s.status === 'submitted' ? (
        <p className="xc-compare-link">
          <Link to="/exchange/compare" search={{ party: s.party, form: s.form.code, year: s.year, against: s.year - 1 }}>
            <FormattedMessage id="exchange.compare.link" values={{ year: s.year - 1 }} />
          </Link>
        </p>
      ) : null}
      <Actions s={s} />
      <History s={s} />
    </div>
  );
}

function Facts(props: { s: SubmissionDetail }) {
  const { s } = props;
  return (
    <dl className="xc-facts">
      <div>
        <dt>
          <FormattedMessage id="exchange.col.party" />
        </dt>
        <dd>
          <PartyName code={s.party} />
        </dd>
      </div>
      <div>
        <dt>
          <FormattedMessage id="exchange.col.status" />
        </dt>
        <dd>
          {s.status === 'draft' ? (
            <DraftBadge />
          ) : (
            <FormattedMessage id="exchange.submission.submittedAt" values={{ at: <FormattedDate key="at" value={s.submittedAt!} dateStyle="long" timeStyle="short" /> }} />
          )}
          {s.version > 1 ? (
            <>
              {' · '}
              <FormattedMessage id="exchange.list.version" values={{ version: s.version }} />
            </>
          ) : null}
        </dd>
      </div>
      {s.activityStart ? (
        <div>
          <dt>
            <FormattedMessage id="exchange.submission.activityStart" />
          </dt>
          <dd>
            <Day value={s.activityStart} />
          </dd>
        </div>
      ) : (
        <div>
          <dt>
            <FormattedMessage id="exchange.deadlines.year" />
          </dt>
          <dd>{s.year}</dd>
        </div>
      )}
      {s.due ? (
        <div>
          <dt>
            <FormattedMessage id="exchange.col.dueDay" />
          </dt>
          <dd>
            <Day value={s.due.dueDay} />{' '}
            <span className="xc-hint">
              <FormattedMessage id="exchange.submission.dueEnd" values={{ timeZone: <span key="tz" dir="ltr">{s.due.timeZone}</span> }} />
            </span>
            {s.due.onTime !== null ? (
              <span className="xc-block">
                <span className={`xc-badge xc-badge--${s.due.onTime ? 'submitted-on-time' : 'submitted-late'}`}>
                  <FormattedMessage id={s.due.onTime ? 'exchange.deadline.status.submitted-on-time' : 'exchange.deadline.status.submitted-late'} />
                </span>
              </span>
            ) : null}
          </dd>
        </div>
      ) : null}
      <div>
        <dt>
          <FormattedMessage id="exchange.col.visibility" />
        </dt>
        <dd>
          <FormattedMessage id={`exchange.visibility.${s.visibility}`} />
          {s.visibleTo && s.visibleTo.length > 0 ? (
            <>
              {': '}
              {s.visibleTo.map((p, i) => (
                <span key={p}>
                  {i > 0 ? ', ' : ''}
                  <PartyName code={p} />
                </span>
              ))}
            </>
          ) : null}
        </dd>
      </div>
    </dl>
  );
}

/** For a recipient: its party's acknowledgement, or the button to give it. */
function Received(props: { s: SubmissionDetail }) {
  const me = useQuery(meQuery);
  if (!props.s.received) return null;
  return (
    <section className="xc-received" aria-labelledby="xc-received">
      <h2 id="xc-received">
        <FormattedMessage id="exchange.submission.receipt" />
      </h2>
      {props.s.received.acknowledgedAt ? (
        <p>
          <AckBadge acknowledgedAt={props.s.received.acknowledgedAt} />
        </p>
      ) : canAcknowledge(me.data) ? (
        <p>
          <FormattedMessage id="exchange.submission.pleaseAcknowledge" />{' '}
          <AcknowledgeButton submission={props.s} />
        </p>
      ) : (
        <p>
          <AckBadge acknowledgedAt={null} />{' '}
          <span className="xc-hint">
            <FormattedMessage id="exchange.submission.focalAcknowledges" />
          </span>
        </p>
      )}
    </section>
  );
}

/** For the sender and the Secretariat: each recipient, when it acknowledged, when it was reminded. */
function Recipients(props: { s: SubmissionDetail }) {
  const { s } = props;
  if (!s.recipients) return null;
  return (
    <section aria-labelledby="xc-recipients">
      <h2 id="xc-recipients">
        <FormattedMessage id="exchange.col.recipients" />
      </h2>
      {s.recipients.length === 0 ? (
        <p>
          <FormattedMessage id="exchange.sent.noRecipients" />
        </p>
      ) : (
        <DataTable
          caption={<FormattedMessage id="exchange.col.recipients" />}
          rows={s.recipients}
          rowKey={(r) => r.party}
          columns={[
            { heading: 'exchange.col.party', cell: (r) => <PartyName code={r.party} /> },
            { heading: 'exchange.col.acknowledgement', cell: (r) => (s.status === 'draft' ? <FormattedMessage id="exchange.ack.notSentYet" /> : <AckBadge acknowledgedAt={r.acknowledgedAt} />) },
            { heading: 'exchange.col.reminded', cell: (r) => (r.remindedAt ? <FormattedDate value={r.remindedAt} dateStyle="medium" timeStyle="short" /> : '—') },
          ]}
        />
      )}
    </section>
  );
}

function Actions(props: { s: SubmissionDetail }) {
  const { s } = props;
  const me = useQuery(meQuery);
  const queryClient = useQueryClient();
  const submit = useMutation({
    mutationFn: () => apiCall('POST', `/exchange/submissions/${s.id}/submit`),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: exchangeKey }),
  });
  const derestrict = useMutation({
    mutationFn: (to: Visibility) => apiCall('POST', `/exchange/submissions/${s.id}/derestrict`, { body: { to } }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: exchangeKey }),
  });
  const own = canFile(me.data) && me.data?.user.party.code === s.party;
  if (!own) return null;
  const wider: Array<'members' | 'public'> = s.visibility === 'parties' ? ['members', 'public'] : s.visibility === 'members' ? ['public'] : [];
  return (
    <section aria-labelledby="xc-actions" className="xc-actions-section">
      <h2 id="xc-actions">
        <FormattedMessage id="exchange.submission.actions" />
      </h2>
      <div className="xc-actions">
        {s.status === 'draft' ? (
          <>
            <Link to="/exchange/forms/$formId/fill" params={{ formId: s.form.id }} search={{ draft: s.id }} className="button xc-button--secondary">
              <FormattedMessage id="exchange.submission.edit" />
            </Link>
            <button type="button" className="button" disabled={submit.isPending} onClick={() => submit.mutate()}>
              <FormattedMessage id="exchange.fill.submit" />
            </button>
          </>
        ) : null}
        {s.status === 'submitted' && !s.nextId ? (
          <Link to="/exchange/forms/$formId/fill" params={{ formId: s.form.id }} search={{ correct: s.id }} className="button xc-button--secondary">
            <FormattedMessage id="exchange.submission.correct" />
          </Link>
        ) : null}
        {s.status === 'submitted'
          ? wider.map((to) => (
              <button key={to} type="button" className="button xc-button--secondary" disabled={derestrict.isPending} onClick={() => derestrict.mutate(to)}>
                <FormattedMessage id={`exchange.submission.derestrictTo.${to}`} />
              </button>
            ))
          : null}
      </div>
      {submit.isError ? <ProblemMessage error={submit.error} /> : null}
      {derestrict.isError ? <ProblemMessage error={derestrict.error} /> : null}
    </section>
  );
}

function History(props: { s: SubmissionDetail }) {
  const { s } = props;
  if (s.history.length <= 1 && s.derestrictions.length === 0) return null;
  return (
    <section aria-labelledby="xc-history">
      <h2 id="xc-history">
        <FormattedMessage id="exchange.submission.history" />
      </h2>
      {s.history.length > 1 ? (
        <ol className="xc-history">
          {s.history.map((h) => (
            <li key={h.id}>
              {h.id === s.id ? (
                <strong aria-current="page">
                  <FormattedMessage id="exchange.list.version" values={{ version: h.version }} />
                </strong>
              ) : (
                <Link to="/exchange/submissions/$id" params={{ id: h.id }} search={{}}>
                  <FormattedMessage id="exchange.list.version" values={{ version: h.version }} />
                </Link>
              )}
              {' — '}
              {h.submittedAt ? <FormattedDate value={h.submittedAt} dateStyle="medium" timeStyle="short" /> : <DraftBadge />}
            </li>
          ))}
        </ol>
      ) : null}
      {s.derestrictions.length > 0 ? (
        <ul className="xc-history">
          {s.derestrictions.map((d) => (
            <li key={d.at}>
              <FormattedMessage
                id="exchange.submission.derestricted"
                values={{
                  to: <FormattedMessage key="to" id={`exchange.visibility.${d.to}`} />,
                  at: <FormattedDate key="at" value={d.at} dateStyle="medium" timeStyle="short" />,
                }}
              />
              {d.reason ? <span dir="auto">{` — ${d.reason}`}</span> : null}
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}

export const submissionRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/exchange/submissions/$id',
  component: SubmissionPage,
  validateSearch: (s: Record<string, unknown>): { saved?: 'submitted' | 'draft' } => ({
    saved: s.saved === 'submitted' || s.saved === 'draft' ? s.saved : undefined,
  }),
});
