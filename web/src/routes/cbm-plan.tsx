import { useQuery } from '@tanstack/react-query';
import { createRoute, Link, useNavigate } from '@tanstack/react-router';
import { type FormEvent, useId, useState } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { meQuery } from '../api/account.ts';
import { type AnnualPlan, annualPlanQuery, areasQuery, type CbmEvent, cbmApi, dimensionsQuery, type EventStatus, eventStatuses, eventsQuery, type PlanChange, textIn } from '../api/cbm.ts';
import { isApiError } from '../api/client.ts';
import { ChangeOutcome, SubmitRow, CbmNav, Day, DemoLabel, Disclosure, Field, PartyName, Period, StatusBadge, Texts, useCbmChange } from '../components/cbm/cbm-bits.tsx';
import { AddEventForm } from '../components/cbm/event-form.tsx';
import { DataTable } from '../components/list/data-table.tsx';
import { Loading, ProblemMessage } from '../components/status.tsx';
import { useDocumentTitle } from '../hooks/use-document-title.ts';
import { DecisionRef } from './cbm-area.tsx';
import { rootRoute } from './root.tsx';

interface PlanSearch {
  dimension?: string;
  area?: string;
  status?: EventStatus;
}

function Approval({ plan }: { plan: AnnualPlan }) {
  return (
    <section className="cbm-section" aria-labelledby="approval-h">
      <h2 id="approval-h">
        <FormattedMessage id="cbm.annual.approval" />
      </h2>
      <dl className="cbm-facts">
        <div>
          <dt>
            <FormattedMessage id="cbm.plan.status" />
          </dt>
          <dd>
            <StatusBadge kind="annual" status={plan.status} />
          </dd>
        </div>
        <div>
          <dt>
            <FormattedMessage id="cbm.annual.approvedOn" />
          </dt>
          <dd>
            <Day value={plan.approvedOn} />
          </dd>
        </div>
        <div>
          <dt>
            <FormattedMessage id="cbm.plan.decision" />
          </dt>
          <dd>
            <DecisionRef link={plan} />
          </dd>
        </div>
        <div>
          <dt>
            <FormattedMessage id="cbm.annual.eventCount" />
          </dt>
          <dd>{plan.eventCount}</dd>
        </div>
      </dl>
      {plan.note ? <p dir="auto">{plan.note}</p> : null}
      {plan.can.approve ? <ApproveForm year={plan.year} /> : null}
      <Changes changes={plan.changes} events={plan.events} />
    </section>
  );
}

function ApproveForm({ year }: { year: number }) {
  const ids = useId();
  const change = useCbmChange();
  const [on, setOn] = useState(new Date().toISOString().slice(0, 10));
  const [ref, setRef] = useState('');
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void change.run(() => cbmApi.approveAnnualPlan(year, { approvedOn: on, decisionRef: ref.trim() || null }));
  };
  return (
    <form className="cbm-form cbm-form--panel" onSubmit={submit} noValidate aria-labelledby={`${ids}-h`}>
      <h3 id={`${ids}-h`}>
        <FormattedMessage id="cbm.annual.approve" />
      </h3>
      <div className="cbm-row">
        <Field label={<FormattedMessage id="cbm.annual.approvedOn" />} name="approvedOn" problems={change.fields} idBase={ids}>
          {(a) => <input id={a.id} type="date" dir="ltr" aria-describedby={a.describedBy} aria-invalid={a.invalid || undefined} value={on} onChange={(e) => setOn(e.target.value)} />}
        </Field>
        <Field label={<FormattedMessage id="cbm.step.decisionRef" />} name="decisionRef" problems={change.fields} idBase={ids}>
          {(a) => <input id={a.id} type="text" dir="ltr" aria-describedby={a.describedBy} aria-invalid={a.invalid || undefined} value={ref} onChange={(e) => setRef(e.target.value)} />}
        </Field>
      </div>
      <SubmitRow change={change} label="cbm.annual.approveSubmit" />
    </form>
  );
}

function Changes({ changes, events }: { changes: PlanChange[]; events: CbmEvent[] }) {
  const intl = useIntl();
  if (changes.length === 0) return null;
  const titleOf = (id: string | null) => {
    const ev = events.find((e) => e.id === id);
    return ev ? textIn(ev.title, intl.locale).text : null;
  };
  return (
    <>
      <h3>
        <FormattedMessage id="cbm.annual.changes" />
      </h3>
      <DataTable<PlanChange>
        caption={intl.formatMessage({ id: 'cbm.annual.changes' })}
        columns={[
          { heading: 'cbm.annual.changeAt', cell: (c) => <time dateTime={c.at}>{intl.formatDate(c.at, { dateStyle: 'medium' })}</time> },
          { heading: 'cbm.annual.change', cell: (c) => <FormattedMessage id={`cbm.change.${c.change}`} /> },
          {
            heading: 'cbm.annual.changeEvent',
            cell: (c) =>
              c.eventId && titleOf(c.eventId) ? (
                <Link to="/cbm/events/$id" params={{ id: c.eventId }} dir="auto">
                  {titleOf(c.eventId)}
                </Link>
              ) : (
                '—'
              ),
          },
          { heading: 'cbm.annual.changeNote', cell: (c) => (c.note ? <span dir="auto">{c.note}</span> : '—') },
          { heading: 'cbm.annual.changeBy', cell: (c) => c.by?.name ?? '—' },
        ]}
        rows={changes}
        rowKey={(c) => c.id}
      />
    </>
  );
}

export function EventTitle({ event }: { event: CbmEvent }) {
  return (
    <>
      <Link to="/cbm/events/$id" params={{ id: event.id }}>
        <Texts value={event.title} />
      </Link>
      {event.isDemo ? (
        <>
          {' '}
          <DemoLabel label={event.label} />
        </>
      ) : null}
    </>
  );
}

function PlanPage() {
  const intl = useIntl();
  const { year: yearParam } = cbmPlanRoute.useParams();
  const asked = Number(yearParam);
  const year = Number.isInteger(asked) && asked >= 1990 && asked <= 2100 ? asked : new Date().getFullYear();
  const search = cbmPlanRoute.useSearch();
  const navigate = useNavigate();
  const me = useQuery(meQuery);
  const dimensions = useQuery(dimensionsQuery);
  const areas = useQuery(areasQuery({}));
  const events = useQuery(eventsQuery({ year, ...search }));
  const plan = useQuery({ ...annualPlanQuery(year), enabled: Boolean(me.data) });
  useDocumentTitle(intl.formatMessage({ id: 'cbm.annual.title' }, { year }));
  const setFilter = (next: Partial<PlanSearch>) => void navigate({ to: '/cbm/plans/$year', params: { year: String(year) }, search: { ...search, ...next } });
  const ids = useId();
  const areaOptions = (areas.data?.items ?? []).filter((a) => !search.dimension || a.dimensionCode === search.dimension);

  return (
    <div className="cbm">
      <h1>
        <FormattedMessage id="cbm.annual.title" values={{ year }} />
      </h1>
      <CbmNav signedIn={Boolean(me.data)} />
      <nav className="cbm-switch" aria-label={intl.formatMessage({ id: 'cbm.annual.years' })}>
        <ul>
          <li>
            <Link to="/cbm/plans/$year" params={{ year: String(year - 1) }} search={search} rel="prev">
              <span aria-hidden="true" className="flip-rtl">‹</span>{' '}
              {year - 1}
            </Link>
          </li>
          <li>
            <span aria-current="page">{year}</span>
          </li>
          <li>
            <Link to="/cbm/plans/$year" params={{ year: String(year + 1) }} search={search} rel="next">
              {year + 1}
              {' '}<span aria-hidden="true" className="flip-rtl">›</span>
            </Link>
          </li>
        </ul>
      </nav>
      {me.data ? (
        plan.isPending ? (
          <Loading />
        ) : plan.isError ? (
          isApiError(plan.error) && plan.error.status === 404 ? (
            <p>
              <FormattedMessage id="cbm.annual.noPlan" values={{ year }} />
            </p>
          ) : (
            <ProblemMessage error={plan.error} />
          )
        ) : (
          <Approval plan={plan.data} />
        )
      ) : (
        <p className="cbm-note">
          <FormattedMessage id="cbm.annual.publicOnly" />
        </p>
      )}
      <section className="cbm-section" aria-labelledby="events-h">
        <h2 id="events-h">
          <FormattedMessage id="cbm.annual.events" />
        </h2>
        {plan.data?.can.edit ? (
          <Disclosure label={<FormattedMessage id="cbm.annual.addEvent" />}>
            <AddEventForm plan={plan.data} />
          </Disclosure>
        ) : null}
        <form className="cbm-filters" aria-label={intl.formatMessage({ id: 'cbm.filters' })} onSubmit={(e) => e.preventDefault()}>
          <div className="cbm-field">
            <label htmlFor={`${ids}-dim`}>
              <FormattedMessage id="cbm.filter.dimension" />
            </label>
            <select id={`${ids}-dim`} value={search.dimension ?? ''} onChange={(e) => setFilter({ dimension: e.target.value || undefined, area: undefined })}>
              <option value="">{intl.formatMessage({ id: 'cbm.filter.any' })}</option>
              {(dimensions.data?.items ?? []).map((d) => (
                <option key={d.code} value={d.code}>
                  {textIn(d.names, intl.locale).text}
                </option>
              ))}
            </select>
          </div>
          <div className="cbm-field">
            <label htmlFor={`${ids}-area`}>
              <FormattedMessage id="cbm.filter.area" />
            </label>
            <select id={`${ids}-area`} value={search.area ?? ''} onChange={(e) => setFilter({ area: e.target.value || undefined })}>
              <option value="">{intl.formatMessage({ id: 'cbm.filter.any' })}</option>
              {areaOptions.map((a) => (
                <option key={a.code} value={a.code}>
                  {a.code} — {textIn(a.names, intl.locale).text}
                </option>
              ))}
            </select>
          </div>
          <div className="cbm-field">
            <label htmlFor={`${ids}-status`}>
              <FormattedMessage id="cbm.filter.status" />
            </label>
            <select id={`${ids}-status`} value={search.status ?? ''} onChange={(e) => setFilter({ status: (e.target.value || undefined) as EventStatus | undefined })}>
              <option value="">{intl.formatMessage({ id: 'cbm.filter.any' })}</option>
              {eventStatuses.map((s) => (
                <option key={s} value={s}>
                  {intl.formatMessage({ id: `cbm.eventStatus.${s}` })}
                </option>
              ))}
            </select>
          </div>
        </form>
        {events.isPending ? <Loading /> : null}
        {events.isError ? <ProblemMessage error={events.error} onRetry={() => void events.refetch()} /> : null}
        {events.data ? (
          <>
            <p role="status">
              <FormattedMessage id="cbm.annual.count" values={{ count: events.data.total }} />
            </p>
            {events.data.items.length ? (
              <DataTable<CbmEvent>
                caption={intl.formatMessage({ id: 'cbm.annual.events' })}
                columns={[
                  { heading: 'cbm.event.dates', cell: (e) => <Period from={e.startsOn} to={e.endsOn} /> },
                  { heading: 'cbm.event.title', cell: (e) => <EventTitle event={e} /> },
                  { heading: 'cbm.event.kind', cell: (e) => <FormattedMessage id={`cbm.eventKind.${e.kind}`} /> },
                  {
                    heading: 'cbm.event.area',
                    cell: (e) => (
                      <Link to="/cbm/areas/$area" params={{ area: e.areaCode }} dir="ltr">
                        {e.areaCode}
                      </Link>
                    ),
                  },
                  { heading: 'cbm.event.host', cell: (e) => <PartyName party={e.host} /> },
                  { heading: 'cbm.event.place', cell: (e) => (e.place ? <span dir="auto">{e.place}</span> : <FormattedMessage id="cbm.event.online" />) },
                  { heading: 'cbm.event.status', cell: (e) => <StatusBadge kind="event" status={e.status} /> },
                  { heading: 'cbm.event.report', cell: (e) => <FormattedMessage id={e.hasReport ? 'cbm.event.reportYes' : 'cbm.event.reportNo'} /> },
                ]}
                rows={events.data.items}
                rowKey={(e) => e.id}
              />
            ) : (
              <p>
                <FormattedMessage id="cbm.annual.none" />
              </p>
            )}
          </>
        ) : null}
      </section>
    </div>
  );
}

export const cbmPlanRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/cbm/plans/$year',
  component: PlanPage,
  validateSearch: (s: Record<string, unknown>): PlanSearch => ({
    dimension: typeof s.dimension === 'string' && /^[A-Z]{1,8}$/.test(s.dimension) ? s.dimension : undefined,
    area: typeof s.area === 'string' && /^[A-Za-z]{1,8}\.[0-9]{1,3}$/.test(s.area) ? s.area : undefined,
    status: eventStatuses.includes(s.status as EventStatus) ? (s.status as EventStatus) : undefined,
  }),
});
