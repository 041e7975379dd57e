import { useQuery } from '@tanstack/react-query';
import { createRoute, Link, useNavigate } from '@tanstack/react-router';
import { FormattedMessage, useIntl } from 'react-intl';
import { meQuery } from '../api/account.ts';
import { type DecisionFilter, type DecisionState, decisionListQuery, decisionStates, pageSize, titleIn } from '../api/decisions.ts';
import { DecisionStateBadge, InstantIn, PositionLabel, viewerTimeZone } from '../components/decisions/decision-bits.tsx';
import { DataTable } from '../components/list/data-table.tsx';
import { Pager } from '../components/list/pager.tsx';
import { Loading, ProblemMessage } from '../components/status.tsx';
import { useDocumentTitle } from '../hooks/use-document-title.ts';
import { rootRoute } from './root.tsx';
import './decisions.css';

function DecisionsPage() {
  const intl = useIntl();
  const filter = decisionsRoute.useSearch();
  const navigate = useNavigate();
  const me = useQuery(meQuery);
  const list = useQuery(decisionListQuery(filter));
  useDocumentTitle(intl.formatMessage({ id: 'decisions.title' }));
  const zone = viewerTimeZone(me.data?.user.timeZone);
  const isMember = me.data?.user.party.kind === 'member-state';
  // Who may prepare a decision (decisions.prepare): the Secretariat's staff, a member state's focal point or head.
  const role = me.data?.user.role;
  const canPrepare =
    (me.data?.user.party.kind === 'secretariat' && (role === 'officer' || role === 'admin')) || (isMember && (role === 'focal-point' || role === 'head-of-delegation'));
  const page = filter.page ?? 1;
  const pages = list.data ? Math.max(1, Math.ceil(list.data.total / pageSize)) : 1;
  const setFilter = (next: Partial<DecisionFilter>) => void navigate({ to: '/decisions', search: { ...filter, ...next, page: undefined } });

  return (
    <div className="decisions">
      <div className="decisions-head">
        <h1>
          <FormattedMessage id="decisions.title" />
        </h1>
        {canPrepare ? (
          <Link to="/decisions/new" className="button">
            <FormattedMessage id="decisions.new.link" />
          </Link>
        ) : null}
      </div>
      <form className="dec-filters" aria-label={intl.formatMessage({ id: 'decisions.filters' })} onSubmit={(e) => e.preventDefault()}>
        <div className="dec-filters__field">
          <label htmlFor="dec-state">
            <FormattedMessage id="decisions.filter.state" />
          </label>
          <select id="dec-state" value={filter.state ?? ''} onChange={(e) => setFilter({ state: (e.target.value || undefined) as DecisionState | undefined })}>
            <option value="">{intl.formatMessage({ id: 'decisions.filter.anyState' })}</option>
            {decisionStates.map((s) => (
              <option key={s} value={s}>
                {intl.formatMessage({ id: `decisions.state.${s}` })}
              </option>
            ))}
          </select>
        </div>
        {isMember ? (
          <label className="dec-filters__check">
            <input type="checkbox" checked={filter.awaiting === 'mine'} onChange={(e) => setFilter({ awaiting: e.target.checked ? 'mine' : undefined })} />
            <FormattedMessage id="decisions.filter.awaitingMine" />
          </label>
        ) : null}
      </form>
      {list.isPending ? <Loading /> : null}
      {list.isError ? <ProblemMessage error={list.error} onRetry={() => void list.refetch()} /> : null}
      {list.data ? (
        <>
          <p role="status">
            <FormattedMessage id="decisions.count" values={{ count: list.data.total }} />
          </p>
          {list.data.items.length === 0 ? (
            <p>
              <FormattedMessage id="decisions.none" />
            </p>
          ) : (
            <DataTable
              caption={<FormattedMessage id="decisions.title" />}
              rows={list.data.items}
              rowKey={(d) => d.id}
              columns={[
                {
                  heading: 'decisions.col.title',
                  cell: (d) => {
                    const title = titleIn(d.title, intl.locale);
                    return (
                      <>
                        <Link to="/decisions/$id" params={{ id: d.id }} lang={title.lang} dir="auto">
                          {title.text}
                        </Link>
                        {d.textDocument ? (
                          <div className="dec-zone" dir="ltr">
                            {d.textDocument.symbol}
                          </div>
                        ) : null}
                      </>
                    );
                  },
                },
                { heading: 'decisions.col.body', dir: 'ltr', cell: (d) => d.bodyCode },
                { heading: 'decisions.col.state', cell: (d) => <DecisionStateBadge state={d.state} /> },
                {
                  heading: 'decisions.col.deadline',
                  cell: (d) => (d.expiry ? <InstantIn at={d.expiry.at} zone={zone} /> : <FormattedMessage id={`decisions.procedure.${d.procedure}`} />),
                },
                isMember && {
                  heading: 'decisions.col.myPosition',
                  cell: (d) =>
                    d.myPosition ? (
                      <PositionLabel kind={d.myPosition} />
                    ) : d.awaitingMyState ? (
                      <strong>
                        <FormattedMessage id="decisions.awaitingYou" />
                      </strong>
                    ) : (
                      '—'
                    ),
                },
              ]}
            />
          )}
          <Pager
            page={page}
            pages={pages}
            link={(p, rel, label) => (
              <Link to="/decisions" search={{ ...filter, page: p }} rel={rel}>
                {label}
              </Link>
            )}
          />
        </>
      ) : null}
    </div>
  );
}

export const decisionsRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/decisions',
  component: DecisionsPage,
  validateSearch: (s: Record<string, unknown>): DecisionFilter => {
    const page = Number(s.page);
    return {
      state: decisionStates.includes(s.state as DecisionState) ? (s.state as DecisionState) : undefined,
      body: typeof s.body === 'string' && /^[A-Z][A-Z0-9-]{1,15}$/.test(s.body) ? s.body : undefined,
      awaiting: s.awaiting === 'mine' ? 'mine' : undefined,
      page: Number.isInteger(page) && page > 1 ? page : undefined,
    };
  },
});
