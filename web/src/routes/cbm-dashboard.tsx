import { useQuery } from '@tanstack/react-query';
import { createRoute, Link } from '@tanstack/react-router';
import { FormattedMessage, useIntl } from 'react-intl';
import { meQuery } from '../api/account.ts';
import { areasQuery, type Dashboard, type Dimension, dashboardQuery, dimensionsQuery, textIn } from '../api/cbm.ts';
import { CbmNav, Day, partyLabel, StatusBadge, Texts } from '../components/cbm/cbm-bits.tsx';
import type { HeatCell, Series } from '../components/cbm/chart-data.ts';
import { stackByYear, yearSpan } from '../components/cbm/chart-data.ts';
import { EventsByYearChart, HeatMap, ProgressBars } from '../components/cbm/charts.tsx';
import { DataTable } from '../components/list/data-table.tsx';
import { Loading, ProblemMessage } from '../components/status.tsx';
import { useDocumentTitle } from '../hooks/use-document-title.ts';
import { rootRoute } from './root.tsx';

/** The headline figures, each a plain number that the charts below break down. */
function Figures({ data }: { data: Dashboard }) {
  const intl = useIntl();
  const of = (status: string) => data.eventsByStatus.find((s) => s.status === status)?.count ?? 0;
  const total = data.eventsByStatus.reduce((s, x) => s + x.count, 0);
  const figures: { id: string; label: React.ReactNode; value: number }[] = [
    { id: 'events', label: <FormattedMessage id="cbm.dash.eventsInYear" values={{ year: data.year }} />, value: total },
    { id: 'held', label: <FormattedMessage id="cbm.dash.held" />, value: of('held') },
    { id: 'planned', label: <FormattedMessage id="cbm.dash.planned" />, value: of('planned') },
    { id: 'participants', label: <FormattedMessage id="cbm.dash.participants" />, value: data.participantsInYear },
    { id: 'uncoordinated', label: <FormattedMessage id="cbm.dash.withoutCoordinator" />, value: data.areasWithoutCoordinator.length },
  ];
  if (data.reportsOverdue) figures.push({ id: 'overdue', label: <FormattedMessage id="cbm.dash.reportsOverdue" />, value: data.reportsOverdue.length });
  return (
    <dl className="cbm-figures">
      {figures.map((f) => (
        <div key={f.id} data-figure={f.id}>
          <dt>{f.label}</dt>
          <dd>{intl.formatNumber(f.value)}</dd>
        </div>
      ))}
    </dl>
  );
}

function Charts({ data, dimensions, areaName }: { data: Dashboard; dimensions: Dimension[]; areaName: (code: string) => { text: string; lang: string } }) {
  const intl = useIntl();
  const series: Series[] = dimensions.map((d) => ({ key: d.code, label: textIn(d.names, intl.locale).text }));
  const years = yearSpan([...data.eventsByYearAndDimension.map((r) => r.year), data.year]);
  const stack = stackByYear(
    data.eventsByYearAndDimension.map((r) => ({ year: r.year, series: r.dimensionCode, count: r.count })),
    years,
    series.map((s) => s.key),
  );
  const participation = data.participation;
  const parties = participation ? [...new Set(participation.map((p) => p.partyCode))] : [];
  const rows = parties.map((code) => ({ key: code, label: partyLabel({ code }, intl.locale) })).sort((a, b) => a.label.localeCompare(b.label, intl.locale));
  const measuresIn = new Map(dimensions.map((d) => [d.code, d.measureCount]));
  const cells: HeatCell[] = (participation ?? []).map((p) => ({ row: p.partyCode, column: p.dimensionCode, value: p.measures, of: measuresIn.get(p.dimensionCode) ?? null }));
  const plans = (data.actionPlans ?? []).map((p) => {
    const name = areaName(p.areaCode);
    return { key: p.planId, label: `${p.areaCode} ${name.text}`, lang: name.lang !== intl.locale ? name.lang : undefined, percent: p.averagePercent ?? 0 };
  });
  return (
    <div className="cbm-charts">
      <EventsByYearChart
        title={intl.formatMessage({ id: 'cbm.chart.events.title' })}
        description={intl.formatMessage({ id: 'cbm.chart.events.desc' }, { from: years[0] ?? data.year, to: years[years.length - 1] ?? data.year, total: stack.reduce((s, y) => s + y.total, 0) })}
        stack={stack}
        series={series}
        yearLabel={intl.formatMessage({ id: 'cbm.chart.year' })}
        totalLabel={intl.formatMessage({ id: 'cbm.chart.total' })}
        legendLabel={intl.formatMessage({ id: 'cbm.chart.legend' })}
        headingLevel={2}
      />
      {participation ? (
        rows.length ? (
          <HeatMap
            title={intl.formatMessage({ id: 'cbm.chart.heat.title' })}
            description={intl.formatMessage({ id: 'cbm.chart.heat.desc' }, { states: rows.length, on: intl.formatDate(`${data.on}T00:00:00Z`, { dateStyle: 'medium', timeZone: 'UTC' }) })}
            rows={rows}
            columns={series}
            cells={cells}
            rowHeading={intl.formatMessage({ id: 'cbm.chart.state' })}
            cellText={(c) => (c.of ? intl.formatMessage({ id: 'cbm.chart.heat.cell' }, { value: c.value, of: c.of }) : intl.formatNumber(c.value))}
            headingLevel={2}
          />
        ) : (
          <p>
            <FormattedMessage id="cbm.dash.noParticipation" />
          </p>
        )
      ) : null}
      {data.actionPlans ? (
        plans.length ? (
          <ProgressBars
            title={intl.formatMessage({ id: 'cbm.chart.progress.title' })}
            description={intl.formatMessage({ id: 'cbm.chart.progress.desc' }, { plans: plans.length })}
            items={plans}
            itemHeading={intl.formatMessage({ id: 'cbm.chart.plan' })}
            valueHeading={intl.formatMessage({ id: 'cbm.plan.percentDone' })}
            headingLevel={2}
          />
        ) : (
          <p>
            <FormattedMessage id="cbm.dash.noPlans" />
          </p>
        )
      ) : null}
    </div>
  );
}

function DashboardPage() {
  const intl = useIntl();
  const { year } = cbmDashboardRoute.useSearch();
  const me = useQuery(meQuery);
  const dashboard = useQuery(dashboardQuery(year));
  const dimensions = useQuery(dimensionsQuery);
  const areas = useQuery(areasQuery({}));
  const shownYear = dashboard.data?.year ?? year ?? new Date().getFullYear();
  useDocumentTitle(intl.formatMessage({ id: 'cbm.dash.title' }, { year: shownYear }));
  const areaName = (code: string) => {
    const a = areas.data?.items.find((x) => x.code === code);
    return a ? textIn(a.names, intl.locale) : { text: '', lang: '' };
  };
  const failed = [dashboard, dimensions, areas].find((q) => q.isError);
  const data = dashboard.data;

  return (
    <div className="cbm">
      <h1>
        <FormattedMessage id="cbm.dash.title" values={{ year: shownYear }} />
      </h1>
      <CbmNav signedIn={Boolean(me.data)} />
      <nav className="cbm-switch" aria-label={intl.formatMessage({ id: 'cbm.annual.years' })}>
        <ul>
          <li>
            <Link to="/cbm/dashboard" search={{ year: shownYear - 1 }} rel="prev">
              <span aria-hidden="true" className="flip-rtl">‹</span>{' '}
              {shownYear - 1}
            </Link>
          </li>
          <li>
            <span aria-current="page">{shownYear}</span>
          </li>
          <li>
            <Link to="/cbm/dashboard" search={{ year: shownYear + 1 }} rel="next">
              {shownYear + 1}
              {' '}<span aria-hidden="true" className="flip-rtl">›</span>
            </Link>
          </li>
        </ul>
      </nav>
      {dashboard.isPending || dimensions.isPending || areas.isPending ? <Loading /> : null}
      {failed ? <ProblemMessage error={failed.error} onRetry={() => void failed.refetch()} /> : null}
      {data && dimensions.data && areas.data ? (
        <>
          <p className={data.scope === 'public' ? 'cbm-note cbm-scope cbm-scope--public' : 'cbm-note cbm-scope'}>
            <span aria-hidden="true">{data.scope === 'public' ? '◐ ' : '● '}</span>
            <FormattedMessage id={data.scope === 'public' ? 'cbm.dash.scopePublic' : 'cbm.dash.scopeForum'} values={{ on: <Day key="d" value={data.on} /> }} />
          </p>
          <Figures data={data} />
          <Charts data={data} dimensions={[...dimensions.data.items].sort((a, b) => a.position - b.position)} areaName={areaName} />
          <section className="cbm-section" aria-labelledby="uncoordinated-h">
            <h2 id="uncoordinated-h">
              <FormattedMessage id="cbm.dash.withoutCoordinator" />
            </h2>
            {data.areasWithoutCoordinator.length ? (
              <ul className="cbm-list">
                {data.areasWithoutCoordinator.map((a) => (
                  <li key={a.areaCode}>
                    <Link to="/cbm/areas/$area" params={{ area: a.areaCode }}>
                      <span dir="ltr">{a.areaCode}</span> <Texts value={a.names} />
                    </Link>
                  </li>
                ))}
              </ul>
            ) : (
              <p>
                <FormattedMessage id="cbm.dash.allCoordinated" />
              </p>
            )}
          </section>
          {data.reportsOverdue ? (
            <section className="cbm-section" aria-labelledby="overdue-h">
              <h2 id="overdue-h">
                <FormattedMessage id="cbm.dash.reportsOverdue" />
              </h2>
              {data.reportsOverdue.length ? (
                <DataTable<Dashboard['reportsOverdue'] extends (infer R)[] | null ? R : never>
                  caption={intl.formatMessage({ id: 'cbm.dash.reportsOverdue' })}
                  columns={[
                    {
                      heading: 'cbm.event.area',
                      cell: (r) => (
                        <Link to="/cbm/areas/$area" params={{ area: r.areaCode }}>
                          <span dir="ltr">{r.areaCode}</span> <span lang={areaName(r.areaCode).lang || undefined}>{areaName(r.areaCode).text}</span>
                        </Link>
                      ),
                    },
                    { heading: 'cbm.chart.year', cell: (r) => r.year },
                    { heading: 'cbm.dash.dueOn', cell: (r) => <Day value={r.dueOn} /> },
                    { heading: 'cbm.plan.status', cell: (r) => <FormattedMessage id={r.status === 'missing' ? 'cbm.dash.reportMissing' : 'cbm.dash.reportDraft'} /> },
                  ]}
                  rows={data.reportsOverdue}
                  rowKey={(r) => `${r.areaCode}-${r.year}`}
                />
              ) : (
                <p>
                  <FormattedMessage id="cbm.dash.noneOverdue" />
                </p>
              )}
            </section>
          ) : null}
          {data.actionPlans?.length ? (
            <section className="cbm-section" aria-labelledby="plans-h">
              <h2 id="plans-h">
                <FormattedMessage id="cbm.dash.plans" />
              </h2>
              <DataTable<NonNullable<Dashboard['actionPlans']>[number]>
                caption={intl.formatMessage({ id: 'cbm.dash.plans' })}
                columns={[
                  {
                    heading: 'cbm.event.area',
                    cell: (p) => (
                      <Link to="/cbm/areas/$area" params={{ area: p.areaCode }}>
                        <span dir="ltr">{p.areaCode}</span> <span lang={areaName(p.areaCode).lang || undefined}>{areaName(p.areaCode).text}</span>
                      </Link>
                    ),
                  },
                  { heading: 'cbm.plan.status', cell: (p) => <StatusBadge kind="plan" status={p.status} /> },
                  { heading: 'cbm.plan.percentDone', cell: (p) => (p.averagePercent === null ? '—' : intl.formatNumber(p.averagePercent / 100, { style: 'percent', maximumFractionDigits: 1 })) },
                  {
                    heading: 'cbm.plan.activities',
                    cell: (p) =>
                      intl.formatList(
                        p.activitiesByStatus.filter((s) => s.count > 0).map((s) => `${intl.formatMessage({ id: `cbm.activityStatus.${s.status}` })}: ${intl.formatNumber(s.count)}`),
                        { type: 'unit' },
                      ) || '—',
                  },
                ]}
                rows={data.actionPlans}
                rowKey={(p) => p.planId}
              />
            </section>
          ) : null}
        </>
      ) : null}
    </div>
  );
}

export const cbmDashboardRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/cbm/dashboard',
  component: DashboardPage,
  validateSearch: (s: Record<string, unknown>): { year?: number } => {
    const y = Number(s.year);
    return { year: Number.isInteger(y) && y >= 1990 && y <= 2100 ? y : undefined };
  },
});
