import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { createRoute, Link, useNavigate } from '@tanstack/react-router';
import { type FormEvent, useState } from 'react';
import { FormattedDate, FormattedMessage, useIntl } from 'react-intl';
import { apiCall, type Me, meQuery } from '../api/account.ts';
import {
  type DeadlineRow,
  type DeadlineStatus,
  type DueRule,
  deadlinesQuery,
  deadlineStatuses,
  exchangeFormsQuery,
  exchangeKey,
  exportHref,
  type Submission,
  type SubmissionFilter,
  archivePageSize,
  submissionsQuery,
} from '../api/exchange.ts';
import { AckBadge, DeadlineBadge, Day, DraftBadge, Localized, PartyName, useLocalized } from '../components/exchange/exchange-bits.tsx';
import { RequireSignedIn } from '../components/account/session.tsx';
import { DataTable } from '../components/list/data-table.tsx';
import { Pager } from '../components/list/pager.tsx';
import { Loading, ProblemMessage } from '../components/status.tsx';
import type { MessageId } from '../i18n/messages.ts';
import { useDocumentTitle } from '../hooks/use-document-title.ts';
import { rootRoute } from './root.tsx';

/** Who files for a party: a member state's focal point or head of delegation (the API checks again). */
export function canFile(me: Me | null | undefined): boolean {
  return !!me && me.user.party.kind === 'member-state' && (me.user.role === 'focal-point' || me.user.role === 'head-of-delegation');
}

/** Who acknowledges for a party: its focal point or head of delegation. */
export function canAcknowledge(me: Me | null | undefined): boolean {
  return !!me && (me.user.role === 'focal-point' || me.user.role === 'head-of-delegation');
}

export function DueRuleText(props: { rule: DueRule }) {
  const r = props.rule;
  if (r.kind === 'annual') {
    return (
      <FormattedMessage
        id={r.covers === 'previous-year' ? 'exchange.dueRule.annualPrevious' : 'exchange.dueRule.annualCurrent'}
        values={{ date: <FormattedDate key="d" value={`2024-${String(r.month).padStart(2, '0')}-${String(r.day).padStart(2, '0')}T12:00:00Z`} month="long" day="numeric" timeZone="UTC" /> }}
      />
    );
  }
  return <FormattedMessage id="exchange.dueRule.beforeActivity" values={{ days: r.days }} />;
}

/** The sections of the information exchange. */
export function ExchangeNav() {
  const intl = useIntl();
  const me = useQuery(meQuery);
  type Tab = { to: '/exchange' | '/exchange/received' | '/exchange/sent' | '/exchange/deadlines' | '/exchange/archive' | '/exchange/compare'; label: MessageId; exact?: boolean };
  const links: Tab[] = [{ to: '/exchange', label: 'exchange.nav.forms', exact: true }];
  if (me.data) links.push({ to: '/exchange/received', label: 'exchange.nav.received' });
  if (me.data && me.data.user.party.kind !== 'secretariat') links.push({ to: '/exchange/sent', label: 'exchange.nav.sent' });
  if (me.data && (me.data.user.party.kind === 'member-state' || me.data.powers.isSecretariat)) links.push({ to: '/exchange/deadlines', label: 'exchange.nav.deadlines' });
  links.push({ to: '/exchange/archive', label: 'exchange.nav.archive' });
  links.push({ to: '/exchange/compare', label: 'exchange.nav.compare' });
  return (
    <nav className="xc-tabs" aria-label={intl.formatMessage({ id: 'exchange.nav.label' })}>
      <ul>
        {links.map((l) => (
          <li key={l.to}>
            <Link to={l.to} activeOptions={{ exact: l.exact === true }} activeProps={{ 'aria-current': 'page', className: 'xc-tabs__current' }}>
              <FormattedMessage id={l.label} />
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}

function PageHead(props: { title: string; intro?: string }) {
  useDocumentTitle(props.title);
  return (
    <>
      <h1>{props.title}</h1>
      {props.intro ? <p className="xc-intro">{props.intro}</p> : null}
      <ExchangeNav />
    </>
  );
}

// ---------------------------------------------------------------------------------------------------------
// Forms

function FormsPage() {
  const intl = useIntl();
  const me = useQuery(meQuery);
  const forms = useQuery(exchangeFormsQuery);
  return (
    <div className="xc-page">
      <PageHead title={intl.formatMessage({ id: 'exchange.title' })} intro={intl.formatMessage({ id: 'exchange.intro' })} />
      <h2>
        <FormattedMessage id="exchange.forms.heading" />
      </h2>
      {forms.isPending ? <Loading /> : null}
      {forms.isError ? <ProblemMessage error={forms.error} onRetry={() => void forms.refetch()} /> : null}
      {forms.data?.items.length === 0 ? (
        <p>
          <FormattedMessage id="exchange.forms.none" />
        </p>
      ) : null}
      <ul className="xc-cards">
        {forms.data?.items.map((f) => (
          <li key={f.id} className="xc-card">
            <h3>
              <Localized text={f.title} />
            </h3>
            <p>
              <Localized text={f.description} />
            </p>
            <p className="xc-meta">
              <DueRuleText rule={f.dueRule} />
              {' · '}
              <FormattedMessage id="exchange.forms.version" values={{ version: f.version }} />
            </p>
            {canFile(me.data) ? (
              <p>
                <Link to="/exchange/forms/$formId/fill" params={{ formId: f.id }} search={{}} className="button">
                  <FormattedMessage id="exchange.forms.fill" />
                  <span className="sr-only">
                    {': '}
                    <Localized text={f.title} />
                  </span>
                </Link>
              </p>
            ) : null}
          </li>
        ))}
      </ul>
      {me.data === null ? (
        <p className="xc-hint">
          <FormattedMessage id="exchange.forms.signInToFile" />
        </p>
      ) : null}
    </div>
  );
}

// ---------------------------------------------------------------------------------------------------------
// Received and sent

function useAcknowledge() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => apiCall<{ acknowledgedAt: string }>('POST', `/exchange/submissions/${encodeURIComponent(id)}/acknowledgements`, { body: {} }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: exchangeKey }),
  });
}

export function AcknowledgeButton(props: { submission: Submission; label?: string }) {
  const intl = useIntl();
  const ack = useAcknowledge();
  const formTitle = props.label ?? props.submission.title ?? String(props.submission.year);
  return (
    <>
      <button type="button" className="button" disabled={ack.isPending} onClick={() => ack.mutate(props.submission.id)}>
        <FormattedMessage id="exchange.ack.button" />
        <span className="sr-only">{`: ${formTitle}`}</span>
      </button>
      {ack.isError ? <ProblemMessage error={ack.error} /> : null}
      <span className="sr-only" role="status">
        {ack.isSuccess ? intl.formatMessage({ id: 'exchange.ack.done' }) : ''}
      </span>
    </>
  );
}

function FormTitleOf(props: { formCode: string }) {
  const forms = useQuery(exchangeFormsQuery);
  const f = forms.data?.items.find((x) => x.code === props.formCode);
  return f ? <Localized text={f.title} /> : <span dir="ltr">{props.formCode}</span>;
}

function SubjectLink(props: { s: Submission }) {
  return (
    <Link to="/exchange/submissions/$id" params={{ id: props.s.id }}>
      {props.s.title ? <span dir="auto">{props.s.title}</span> : <FormattedMessage id="exchange.list.yearOnly" values={{ year: props.s.year }} />}
      {props.s.version > 1 ? (
        <>
          {' '}
          <FormattedMessage id="exchange.list.version" values={{ version: props.s.version }} />
        </>
      ) : null}
    </Link>
  );
}

function ReceivedPage() {
  const intl = useIntl();
  return (
    <div className="xc-page">
      <PageHead title={intl.formatMessage({ id: 'exchange.received.title' })} intro={intl.formatMessage({ id: 'exchange.received.intro' })} />
      <RequireSignedIn>{(me) => <ReceivedList me={me} />}</RequireSignedIn>
    </div>
  );
}

function ReceivedList(props: { me: Me }) {
  const list = useQuery(submissionsQuery({ box: 'received' }));
  if (list.isPending) return <Loading />;
  if (list.isError) return <ProblemMessage error={list.error} onRetry={() => void list.refetch()} />;
  if (list.data.items.length === 0)
    return (
      <p>
        <FormattedMessage id="exchange.received.none" />
      </p>
    );
  return (
    <DataTable
      caption={<FormattedMessage id="exchange.received.title" />}
      rows={list.data.items}
      rowKey={(s) => s.id}
      columns={[
        { heading: 'exchange.col.from', cell: (s) => <PartyName code={s.party} /> },
        { heading: 'exchange.col.form', cell: (s) => <FormTitleOf formCode={s.form.code} /> },
        { heading: 'exchange.col.subject', cell: (s) => <SubjectLink s={s} /> },
        { heading: 'exchange.col.submitted', cell: (s) => (s.submittedAt ? <FormattedDate value={s.submittedAt} dateStyle="medium" timeStyle="short" /> : null) },
        {
          heading: 'exchange.col.acknowledgement',
          cell: (s) =>
            s.received?.acknowledgedAt || !canAcknowledge(props.me) ? <AckBadge acknowledgedAt={s.received?.acknowledgedAt ?? null} /> : <AcknowledgeButton submission={s} />,
        },
      ]}
    />
  );
}

function SentPage() {
  const intl = useIntl();
  return (
    <div className="xc-page">
      <PageHead title={intl.formatMessage({ id: 'exchange.sent.title' })} intro={intl.formatMessage({ id: 'exchange.sent.intro' })} />
      <RequireSignedIn>
        <SentList />
      </RequireSignedIn>
    </div>
  );
}

function SentList() {
  const list = useQuery(submissionsQuery({ box: 'sent' }));
  if (list.isPending) return <Loading />;
  if (list.isError) return <ProblemMessage error={list.error} onRetry={() => void list.refetch()} />;
  if (list.data.items.length === 0)
    return (
      <p>
        <FormattedMessage id="exchange.sent.none" />
      </p>
    );
  return (
    <DataTable
      caption={<FormattedMessage id="exchange.sent.title" />}
      rows={list.data.items}
      rowKey={(s) => s.id}
      columns={[
        { heading: 'exchange.col.form', cell: (s) => <FormTitleOf formCode={s.form.code} /> },
        { heading: 'exchange.col.subject', cell: (s) => <SubjectLink s={s} /> },
        {
          heading: 'exchange.col.submitted',
          cell: (s) => (s.status === 'draft' ? <DraftBadge /> : s.submittedAt ? <FormattedDate value={s.submittedAt} dateStyle="medium" timeStyle="short" /> : null),
        },
        {
          heading: 'exchange.col.recipients',
          cell: (s) =>
            s.recipients && s.recipients.length > 0 ? (
              <ul className="xc-recipients">
                {s.recipients.map((r) => (
                  <li key={r.party}>
                    <PartyName code={r.party} />
                    {': '}
                    {s.status === 'draft' ? <FormattedMessage id="exchange.ack.notSentYet" /> : <AckBadge acknowledgedAt={r.acknowledgedAt} />}
                  </li>
                ))}
              </ul>
            ) : (
              <FormattedMessage id="exchange.sent.noRecipients" />
            ),
        },
      ]}
    />
  );
}

// ---------------------------------------------------------------------------------------------------------
// Deadlines

function DeadlinesPage() {
  const intl = useIntl();
  const { year } = deadlinesRoute.useSearch();
  return (
    <div className="xc-page">
      <PageHead title={intl.formatMessage({ id: 'exchange.deadlines.title' })} intro={intl.formatMessage({ id: 'exchange.deadlines.intro' })} />
      <RequireSignedIn allow={(me) => me.user.party.kind === 'member-state' || me.powers.isSecretariat}>
        {(me) => <DeadlinesTable year={year} isSecretariat={me.powers.isSecretariat} />}
      </RequireSignedIn>
    </div>
  );
}

function DeadlinesTable(props: { year: number | undefined; isSecretariat: boolean }) {
  const intl = useIntl();
  const navigate = useNavigate();
  const localized = useLocalized();
  const q = useQuery(deadlinesQuery(props.year));
  const [yearInput, setYearInput] = useState<string | null>(null);
  const [show, setShow] = useState<DeadlineStatus | ''>('');
  if (q.isPending) return <Loading />;
  if (q.isError) return <ProblemMessage error={q.error} onRetry={() => void q.refetch()} />;
  const d = q.data;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const y = Number(yearInput ?? d.year);
    void navigate({ to: '/exchange/deadlines', search: { year: Number.isInteger(y) && y >= 1990 && y <= 2200 ? y : undefined } });
  };
  const byStatus = (a: DeadlineRow, b: DeadlineRow) => deadlineStatuses.indexOf(a.status) - deadlineStatuses.indexOf(b.status) || a.dueDay.localeCompare(b.dueDay);
  return (
    <>
      <form className="xc-filters" onSubmit={submit}>
        <div className="xc-field xc-field--narrow">
          <label htmlFor="xc-deadline-year" className="xc-field__label">
            <FormattedMessage id="exchange.deadlines.year" />
          </label>
          <input id="xc-deadline-year" type="number" inputMode="numeric" dir="ltr" min={1990} max={2200} value={yearInput ?? String(d.year)} onChange={(e) => setYearInput(e.target.value)} />
        </div>
        <button type="submit" className="button xc-button--secondary">
          <FormattedMessage id="exchange.filters.apply" />
        </button>
        <div className="xc-field">
          <label htmlFor="xc-deadline-show" className="xc-field__label">
            <FormattedMessage id="exchange.col.status" />
          </label>
          <select id="xc-deadline-show" value={show} onChange={(e) => setShow(e.target.value as DeadlineStatus | '')}>
            <option value="">{intl.formatMessage({ id: 'exchange.deadlines.all' })}</option>
            {deadlineStatuses.map((st) => (
              <option key={st} value={st}>
                {intl.formatMessage({ id: `exchange.deadline.status.${st}` })}
              </option>
            ))}
          </select>
        </div>
      </form>
      <p className="xc-hint">
        <FormattedMessage id="exchange.deadlines.rule" values={{ timeZone: <span key="tz" dir="ltr">{d.timeZone}</span> }} />
      </p>
      <ul className="xc-summary" aria-label={intl.formatMessage({ id: 'exchange.deadlines.summary' })}>
        {deadlineStatuses.map((s) => (
          <li key={s}>
            <DeadlineBadge status={s} /> <strong>{intl.formatNumber(d.summary[s])}</strong>
          </li>
        ))}
      </ul>
      {d.items.length === 0 ? (
        <p>
          <FormattedMessage id="exchange.deadlines.none" />
        </p>
      ) : (
        <DataTable
          caption={<FormattedMessage id="exchange.deadlines.caption" values={{ year: d.year }} />}
          rows={[...d.items].filter((r) => !show || r.status === show).sort(byStatus)}
          rowKey={(r) => `${r.party}-${r.form}-${r.submissionId ?? ''}-${r.dueDay}`}
          columns={[
            props.isSecretariat && { heading: 'exchange.col.party', cell: (r: DeadlineRow) => <PartyName code={r.party} /> },
            {
              heading: 'exchange.col.form',
              cell: (r) => (
                <>
                  {localized(r.formTitle)}
                  {r.title ? (
                    <>
                      {': '}
                      <span dir="auto">{r.title}</span>
                    </>
                  ) : null}
                  {r.covers ? (
                    <span className="xc-hint xc-block">
                      <FormattedMessage id="exchange.deadlines.covers" values={{ year: Number(r.covers.from.slice(0, 4)) }} />
                    </span>
                  ) : null}
                </>
              ),
            },
            { heading: 'exchange.col.dueDay', cell: (r) => <Day value={r.dueDay} /> },
            {
              heading: 'exchange.col.status',
              cell: (r) => (
                <>
                  <DeadlineBadge status={r.status} />
                  {r.hasDraft ? (
                    <span className="xc-block">
                      <DraftBadge />
                    </span>
                  ) : null}
                </>
              ),
            },
            {
              heading: 'exchange.col.detail',
              cell: (r) => (
                <>
                  {r.firstSubmittedAt ? (
                    <FormattedMessage
                      id="exchange.deadlines.submittedOn"
                      values={{ at: <FormattedDate key="at" value={r.firstSubmittedAt} dateStyle="medium" timeStyle="short" timeZone={d.timeZone} /> }}
                    />
                  ) : r.daysLeft !== null && r.status !== 'not-yet-due' ? (
                    <FormattedMessage id={r.daysLeft >= 0 ? 'exchange.deadlines.daysLeft' : 'exchange.deadlines.daysLate'} values={{ days: Math.abs(r.daysLeft) }} />
                  ) : null}
                  {r.submissionId ? (
                    <span className="xc-block">
                      <Link to="/exchange/submissions/$id" params={{ id: r.submissionId }}>
                        <FormattedMessage id="exchange.deadlines.open" />
                      </Link>
                    </span>
                  ) : null}
                </>
              ),
            },
          ]}
        />
      )}
    </>
  );
}

// ---------------------------------------------------------------------------------------------------------
// Archive

function ArchivePage() {
  const intl = useIntl();
  const filter = archiveRoute.useSearch();
  const navigate = useNavigate();
  const forms = useQuery(exchangeFormsQuery);
  const list = useQuery(submissionsQuery({ ...filter, status: 'submitted', page: filter.page ?? 1 }));
  const [draft, setDraft] = useState<SubmissionFilter>(filter);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void navigate({ to: '/exchange/archive', search: { party: draft.party || undefined, form: draft.form || undefined, year: draft.year || undefined } });
  };
  return (
    <div className="xc-page">
      <PageHead title={intl.formatMessage({ id: 'exchange.archive.title' })} intro={intl.formatMessage({ id: 'exchange.archive.intro' })} />
      <form className="xc-filters" onSubmit={submit} aria-label={intl.formatMessage({ id: 'exchange.filters.label' })}>
        <div className="xc-field">
          <label htmlFor="xc-f-form" className="xc-field__label">
            <FormattedMessage id="exchange.col.form" />
          </label>
          <select id="xc-f-form" value={draft.form ?? ''} onChange={(e) => setDraft({ ...draft, form: e.target.value || undefined })}>
            <option value="">{intl.formatMessage({ id: 'exchange.filters.anyForm' })}</option>
            {forms.data?.items.map((f) => (
              <option key={f.code} value={f.code}>
                {intl.locale in f.title ? f.title[intl.locale] : f.title.en}
              </option>
            ))}
          </select>
        </div>
        <div className="xc-field xc-field--narrow">
          <label htmlFor="xc-f-party" className="xc-field__label">
            <FormattedMessage id="exchange.filters.partyCode" />
          </label>
          <input id="xc-f-party" dir="ltr" value={draft.party ?? ''} maxLength={16} onChange={(e) => setDraft({ ...draft, party: e.target.value.toUpperCase() || undefined })} />
        </div>
        <div className="xc-field xc-field--narrow">
          <label htmlFor="xc-f-year" className="xc-field__label">
            <FormattedMessage id="exchange.deadlines.year" />
          </label>
          <input
            id="xc-f-year"
            type="number"
            inputMode="numeric"
            dir="ltr"
            min={1990}
            max={2200}
            value={draft.year ?? ''}
            onChange={(e) => setDraft({ ...draft, year: e.target.value ? Number(e.target.value) : undefined })}
          />
        </div>
        <button type="submit" className="button xc-button--secondary">
          <FormattedMessage id="exchange.filters.apply" />
        </button>
      </form>
      <p className="xc-exports">
        <FormattedMessage id="exchange.archive.export" />{' '}
        <a href={exportHref('csv', { ...filter, status: 'submitted' })} download>
          <FormattedMessage id="exchange.archive.csv" />
        </a>
        {' · '}
        <a href={exportHref('json', { ...filter, status: 'submitted' })} download>
          <FormattedMessage id="exchange.archive.json" />
        </a>
      </p>
      {list.isPending ? <Loading /> : null}
      {list.isError ? <ProblemMessage error={list.error} onRetry={() => void list.refetch()} /> : null}
      {list.data ? (
        <>
          <p role="status">
            <FormattedMessage id="exchange.archive.count" values={{ count: list.data.total }} />
          </p>
          {list.data.items.length > 0 ? (
            <DataTable
              caption={<FormattedMessage id="exchange.archive.title" />}
              rows={list.data.items}
              rowKey={(s) => s.id}
              columns={[
                { heading: 'exchange.col.party', cell: (s) => <PartyName code={s.party} /> },
                { heading: 'exchange.col.form', cell: (s) => <FormTitleOf formCode={s.form.code} /> },
                { heading: 'exchange.col.subject', cell: (s) => <SubjectLink s={s} /> },
                { heading: 'exchange.col.submitted', cell: (s) => (s.submittedAt ? <FormattedDate value={s.submittedAt} dateStyle="medium" /> : null) },
                { heading: 'exchange.col.visibility', cell: (s) => <FormattedMessage id={`exchange.visibility.${s.visibility}`} /> },
              ]}
            />
          ) : null}
          {list.data.total > archivePageSize ? (
            <Pager
              page={filter.page ?? 1}
              pages={Math.ceil(list.data.total / archivePageSize)}
              link={(p, rel, label) => (
                <Link to="/exchange/archive" search={{ ...filter, page: p > 1 ? p : undefined }} rel={rel}>
                  {label}
                </Link>
              )}
            />
          ) : null}
        </>
      ) : null}
    </div>
  );
}

const str = (v: unknown) => (typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined);
const yearOf = (v: unknown) => {
  const y = Number(v);
  return Number.isInteger(y) && y >= 1990 && y <= 2200 ? y : undefined;
};

export const exchangeRoute = createRoute({ getParentRoute: () => rootRoute, path: '/exchange', component: FormsPage });
export const receivedRoute = createRoute({ getParentRoute: () => rootRoute, path: '/exchange/received', component: ReceivedPage });
export const sentRoute = createRoute({ getParentRoute: () => rootRoute, path: '/exchange/sent', component: SentPage });
export const deadlinesRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/exchange/deadlines',
  component: DeadlinesPage,
  validateSearch: (s: Record<string, unknown>): { year?: number } => ({ year: yearOf(s.year) }),
});
export const archiveRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/exchange/archive',
  component: ArchivePage,
  validateSearch: (s: Record<string, unknown>): SubmissionFilter => {
    const page = Number(s.page);
    return { party: str(s.party)?.toUpperCase(), form: str(s.form), year: yearOf(s.year), page: Number.isInteger(page) && page > 1 ? page : undefined };
  },
});
