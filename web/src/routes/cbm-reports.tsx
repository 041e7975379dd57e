import { useQuery } from '@tanstack/react-query';
import { createRoute, Link, useNavigate } from '@tanstack/react-router';
import { type FormEvent, useId, useState } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { meQuery } from '../api/account.ts';
import { type AreaSummary, areasQuery, cbmApi, dimensionsQuery, type Report, type Review, reportQuery, reportsQuery, reviewsQuery, textIn } from '../api/cbm.ts';
import { isApiError } from '../api/client.ts';
import { ChangeOutcome, SubmitRow, CbmNav, Day, Field, PartyName, StatusBadge, Texts, useCbmChange } from '../components/cbm/cbm-bits.tsx';
import { DataTable } from '../components/list/data-table.tsx';
import { Loading, ProblemMessage } from '../components/status.tsx';
import { useDocumentTitle } from '../hooks/use-document-title.ts';
import { DecisionRef } from './cbm-area.tsx';
import { rootRoute } from './root.tsx';

/** Reports are written after the year they cover: the page opens on last year. */
const lastYear = () => new Date().getUTCFullYear() - 1;
const lang = (locale: string) => locale.split('-')[0];

type Props = { id: string; describedBy: string | undefined; invalid: boolean };
const attrs = (a: Props) => ({ id: a.id, 'aria-describedby': a.describedBy, 'aria-invalid': a.invalid || undefined });

function AreaName({ code, areas }: { code: string; areas: AreaSummary[] | undefined }) {
  const area = areas?.find((a) => a.code === code);
  return (
    <>
      <span className="cbm-code" dir="ltr">
        {code}
      </span>
      {area ? (
        <>
          {' '}
          <Texts value={area.names} />
        </>
      ) : null}
    </>
  );
}

function Instant({ value }: { value: string | null }) {
  const intl = useIntl();
  if (!value) return <>—</>;
  return <time dateTime={value}>{intl.formatDate(value, { dateStyle: 'medium', timeZone: 'UTC' })}</time>;
}

// ---------------------------------------------------------------------------------------------
// The year's reports

function DraftForm({ year, areaCodes, areas }: { year: number; areaCodes: string[]; areas: AreaSummary[] | undefined }) {
  const intl = useIntl();
  const ids = useId();
  const change = useCbmChange();
  const navigate = useNavigate();
  const [area, setArea] = useState(areaCodes[0] ?? '');
  const [text, setText] = useState('');
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    let created: Report | null = null;
    const ok = await change.run(async () => {
      created = await cbmApi.createReport({ area, year, text: { [lang(intl.locale)]: text.trim() } });
    });
    if (ok && created) void navigate({ to: '/cbm/reports/$id', params: { id: (created as Report).id } });
  };
  return (
    <form className="cbm-form cbm-form--panel" onSubmit={(e) => void submit(e)} noValidate aria-labelledby={`${ids}-h`}>
      <h3 id={`${ids}-h`}>
        <FormattedMessage id="cbm.yearReport.draftHeading" values={{ year }} />
      </h3>
      <Field label={<FormattedMessage id="cbm.filter.area" />} name="area" problems={change.fields} idBase={ids}>
        {(a) => (
          <select {...attrs(a)} value={area} onChange={(e) => setArea(e.target.value)}>
            {areaCodes.map((code) => {
              const found = areas?.find((x) => x.code === code);
              return (
                <option key={code} value={code}>
                  {code}
                  {found ? ` — ${textIn(found.names, intl.locale).text}` : ''}
                </option>
              );
            })}
          </select>
        )}
      </Field>
      <Field label={<FormattedMessage id="cbm.yearReport.text" />} name="text" problems={change.fields} idBase={ids}>
        {(a) => <textarea {...attrs(a)} dir="auto" rows={6} value={text} onChange={(e) => setText(e.target.value)} />}
      </Field>
      <SubmitRow change={change} label="cbm.yearReport.createSubmit" />
    </form>
  );
}

function ReviewForm({ year }: { year: number }) {
  const intl = useIntl();
  const ids = useId();
  const change = useCbmChange();
  const dimensions = useQuery(dimensionsQuery);
  const [dimension, setDimension] = useState('');
  const [record, setRecord] = useState('');
  const [decisionRef, setDecisionRef] = useState('');
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void change.run(() => cbmApi.createReview({ year, dimension, record: { [lang(intl.locale)]: record.trim() }, decisionRef: decisionRef.trim() || null }));
  };
  return (
    <form className="cbm-form cbm-form--panel" onSubmit={submit} noValidate aria-labelledby={`${ids}-h`}>
      <h3 id={`${ids}-h`}>
        <FormattedMessage id="cbm.review.recordHeading" values={{ year }} />
      </h3>
      <div className="cbm-row">
        <Field label={<FormattedMessage id="cbm.filter.dimension" />} name="dimension" problems={change.fields} idBase={ids}>
          {(a) => (
            <select {...attrs(a)} value={dimension} onChange={(e) => setDimension(e.target.value)}>
              <option value="">{intl.formatMessage({ id: 'cbm.review.choose' })}</option>
              {[...(dimensions.data?.items ?? [])]
                .sort((x, y) => x.position - y.position)
                .map((d) => (
                  <option key={d.code} value={d.code}>
                    {textIn(d.names, intl.locale).text}
                  </option>
                ))}
            </select>
          )}
        </Field>
        <Field label={<FormattedMessage id="cbm.step.decisionRef" />} name="decisionRef" problems={change.fields} idBase={ids} hint={<FormattedMessage id="cbm.step.decisionRefHint" />}>
          {(a) => <input {...attrs(a)} type="text" dir="ltr" value={decisionRef} onChange={(e) => setDecisionRef(e.target.value)} />}
        </Field>
      </div>
      <Field label={<FormattedMessage id="cbm.review.record" />} name="record" problems={change.fields} idBase={ids}>
        {(a) => <textarea {...attrs(a)} dir="auto" rows={5} value={record} onChange={(e) => setRecord(e.target.value)} />}
      </Field>
      <SubmitRow change={change} label="cbm.review.recordSubmit" />
    </form>
  );
}

function Reviews({ year }: { year: number }) {
  const intl = useIntl();
  const reviews = useQuery(reviewsQuery({ year }));
  const dimensions = useQuery(dimensionsQuery);
  const dimensionName = (code: string) => dimensions.data?.items.find((d) => d.code === code)?.names;
  return (
    <section className="cbm-section" aria-labelledby="reviews-h">
      <h2 id="reviews-h">
        <FormattedMessage id="cbm.review.heading" />
      </h2>
      {reviews.isPending ? <Loading /> : null}
      {reviews.isError ? <ProblemMessage error={reviews.error} onRetry={() => void reviews.refetch()} /> : null}
      {reviews.data ? (
        <>
          {reviews.data.items.length === 0 ? (
            <p>
              <FormattedMessage id="cbm.review.none" values={{ year }} />
            </p>
          ) : (
            <DataTable<Review>
              caption={intl.formatMessage({ id: 'cbm.review.caption' }, { year })}
              columns={[
                {
                  heading: 'cbm.filter.dimension',
                  cell: (r) => (
                    <>
                      <Texts value={dimensionName(r.dimensionCode)} />{' '}
                      <span className="cbm-code" dir="ltr">
                        {r.dimensionCode}
                      </span>
                    </>
                  ),
                },
                { heading: 'cbm.review.record', cell: (r) => <Texts value={r.record} /> },
                { heading: 'cbm.plan.decision', cell: (r) => <DecisionRef link={r} /> },
              ]}
              rows={reviews.data.items}
              rowKey={(r) => r.id}
            />
          )}
          {reviews.data.can.record ? <ReviewForm year={year} /> : null}
        </>
      ) : null}
    </section>
  );
}

function ReportsPage() {
  const intl = useIntl();
  const { year: asked } = cbmReportsRoute.useSearch();
  const year = asked ?? lastYear();
  const me = useQuery(meQuery);
  const areas = useQuery(areasQuery({}));
  const reports = useQuery({ ...reportsQuery({ year }), enabled: Boolean(me.data) });
  useDocumentTitle(intl.formatMessage({ id: 'cbm.yearReport.title' }, { year }));
  const draftable = (reports.data?.can.draftAreas ?? []).filter((code) => !reports.data?.items.some((r) => r.areaCode === code));

  return (
    <div className="cbm">
      <h1>
        <FormattedMessage id="cbm.yearReport.title" values={{ year }} />
      </h1>
      <CbmNav signedIn={Boolean(me.data)} />
      <p className="cbm-lead">
        <FormattedMessage id="cbm.yearReport.lead" />
      </p>
      <nav className="cbm-switch" aria-label={intl.formatMessage({ id: 'cbm.annual.years' })}>
        <ul>
          <li>
            <Link to="/cbm/reports" search={{ year: year - 1 }} rel="prev">
              <span aria-hidden="true" className="flip-rtl">‹</span>{' '}
              {year - 1}
            </Link>
          </li>
          <li>
            <span aria-current="page">{year}</span>
          </li>
          <li>
            <Link to="/cbm/reports" search={{ year: year + 1 }} rel="next">
              {year + 1}
              {' '}<span aria-hidden="true" className="flip-rtl">›</span>
            </Link>
          </li>
        </ul>
      </nav>
      {me.isPending ? <Loading /> : null}
      {me.data === null ? (
        <p className="cbm-note">
          <FormattedMessage id="cbm.plan.membersOnly" />
        </p>
      ) : null}
      {me.data ? (
        <>
          <section className="cbm-section" aria-labelledby="reports-h">
            <h2 id="reports-h">
              <FormattedMessage id="cbm.yearReport.heading" />
            </h2>
            {reports.isPending ? <Loading /> : null}
            {reports.isError ? <ProblemMessage error={reports.error} onRetry={() => void reports.refetch()} /> : null}
            {reports.data ? (
              reports.data.items.length === 0 ? (
                <p>
                  <FormattedMessage id="cbm.yearReport.none" values={{ year }} />
                </p>
              ) : (
                <DataTable<Report>
                  caption={intl.formatMessage({ id: 'cbm.yearReport.caption' }, { year })}
                  columns={[
                    {
                      heading: 'cbm.filter.area',
                      cell: (r) => (
                        <Link to="/cbm/reports/$id" params={{ id: r.id }}>
                          <AreaName code={r.areaCode} areas={areas.data?.items} />
                        </Link>
                      ),
                    },
                    { heading: 'cbm.plan.status', cell: (r) => <StatusBadge kind="report" status={r.status} /> },
                    { heading: 'cbm.yearReport.draftedBy', cell: (r) => (r.draftedBy ? <PartyName party={r.draftedBy} /> : '—') },
                    { heading: 'cbm.yearReport.dueOn', cell: (r) => <Day value={r.dueOn} /> },
                    { heading: 'cbm.yearReport.submittedAt', cell: (r) => <Instant value={r.submittedAt} /> },
                    { heading: 'cbm.yearReport.compiledAt', cell: (r) => <Instant value={r.compiledAt} /> },
                  ]}
                  rows={reports.data.items}
                  rowKey={(r) => r.id}
                />
              )
            ) : null}
            {draftable.length ? <DraftForm key={`${year}-${draftable.join()}`} year={year} areaCodes={draftable} areas={areas.data?.items} /> : null}
          </section>
          <Reviews year={year} />
        </>
      ) : null}
    </div>
  );
}

// ---------------------------------------------------------------------------------------------
// One report

function EditReportText({ report }: { report: Report }) {
  const intl = useIntl();
  const ids = useId();
  const change = useCbmChange();
  const [text, setText] = useState(textIn(report.text, intl.locale).text);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void change.run(() => cbmApi.updateReport(report.id, { text: { ...report.text, [lang(intl.locale)]: text.trim() } }));
  };
  return (
    <form className="cbm-form cbm-form--panel" onSubmit={submit} noValidate aria-labelledby={`${ids}-h`}>
      <h2 id={`${ids}-h`}>
        <FormattedMessage id="cbm.yearReport.editHeading" />
      </h2>
      <Field label={<FormattedMessage id="cbm.yearReport.text" />} name="text" problems={change.fields} idBase={ids}>
        {(a) => <textarea {...attrs(a)} dir="auto" rows={8} value={text} onChange={(e) => setText(e.target.value)} />}
      </Field>
      <SubmitRow change={change} label="cbm.save" />
    </form>
  );
}

function ReportActions({ report }: { report: Report }) {
  const change = useCbmChange();
  // Once the step is taken and nothing is left to do, only the outcome stays (announced, without a heading).
  if (!report.can.submit && !report.can.compile) return change.done ? <ChangeOutcome change={change} /> : null;
  return (
    <section className="cbm-section" aria-labelledby="report-actions-h">
      <h2 id="report-actions-h">
        <FormattedMessage id="cbm.yearReport.next" />
      </h2>
      {report.can.submit ? (
        <>
          <p className="cbm-meta">
            <FormattedMessage id="cbm.yearReport.submitHint" />
          </p>
          <button type="button" className="button" disabled={change.busy} onClick={() => void change.run(() => cbmApi.submitReport(report.id))}>
            <FormattedMessage id="cbm.yearReport.submit" />
          </button>
        </>
      ) : null}
      {report.can.compile ? (
        <button type="button" className="button" disabled={change.busy} onClick={() => void change.run(() => cbmApi.compileReport(report.id))}>
          <FormattedMessage id="cbm.yearReport.compile" />
        </button>
      ) : null}
      <ChangeOutcome change={change} />
    </section>
  );
}

function ReportPage() {
  const intl = useIntl();
  const { id } = cbmReportRoute.useParams();
  const me = useQuery(meQuery);
  const report = useQuery({ ...reportQuery(id), enabled: Boolean(me.data) });
  const areas = useQuery(areasQuery({}));
  const area = areas.data?.items.find((a) => a.code === report.data?.areaCode);
  const heading = report.data
    ? intl.formatMessage({ id: 'cbm.yearReport.pageHeading' }, { area: `${report.data.areaCode}${area ? ` ${textIn(area.names, intl.locale).text}` : ''}`, year: report.data.year })
    : intl.formatMessage({ id: 'cbm.yearReport.pageTitle' });
  useDocumentTitle(heading);
  if (!report.data)
    return (
      <div className="cbm">
        <h1>
          <FormattedMessage id="cbm.yearReport.pageTitle" />
        </h1>
        {me.data === null ? (
          <p className="cbm-note">
            <FormattedMessage id="cbm.plan.membersOnly" />
          </p>
        ) : report.isError ? (
          <ProblemMessage error={report.error} onRetry={isApiError(report.error) && report.error.status === 404 ? undefined : () => void report.refetch()} />
        ) : (
          <Loading />
        )}
      </div>
    );
  const r = report.data;
  return (
    <div className="cbm">
      <p className="cbm-breadcrumb">
        <Link to="/cbm/reports" search={{ year: r.year }}>
          <FormattedMessage id="cbm.yearReport.title" values={{ year: r.year }} />
        </Link>
      </p>
      <h1>{heading}</h1>
      <CbmNav signedIn={Boolean(me.data)} />
      <dl className="cbm-facts">
        <div>
          <dt>
            <FormattedMessage id="cbm.plan.status" />
          </dt>
          <dd>
            <StatusBadge kind="report" status={r.status} />
          </dd>
        </div>
        <div>
          <dt>
            <FormattedMessage id="cbm.filter.area" />
          </dt>
          <dd>
            <Link to="/cbm/areas/$area" params={{ area: r.areaCode }}>
              <AreaName code={r.areaCode} areas={areas.data?.items} />
            </Link>
          </dd>
        </div>
        <div>
          <dt>
            <FormattedMessage id="cbm.yearReport.draftedBy" />
          </dt>
          <dd>{r.draftedBy ? <PartyName party={r.draftedBy} /> : '—'}</dd>
        </div>
        <div>
          <dt>
            <FormattedMessage id="cbm.yearReport.dueOn" />
          </dt>
          <dd>
            <Day value={r.dueOn} />
          </dd>
        </div>
        <div>
          <dt>
            <FormattedMessage id="cbm.yearReport.submittedAt" />
          </dt>
          <dd>
            <Instant value={r.submittedAt} />
          </dd>
        </div>
        <div>
          <dt>
            <FormattedMessage id="cbm.yearReport.compiledAt" />
          </dt>
          <dd>
            <Instant value={r.compiledAt} />
          </dd>
        </div>
      </dl>
      <section className="cbm-section" aria-labelledby="report-text-h">
        <h2 id="report-text-h">
          <FormattedMessage id="cbm.yearReport.text" />
        </h2>
        <Texts value={r.text} as="p" />
      </section>
      {r.can.edit ? <EditReportText key={r.id} report={r} /> : null}
      <ReportActions report={r} />
    </div>
  );
}

export const cbmReportsRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/cbm/reports',
  component: ReportsPage,
  validateSearch: (s: Record<string, unknown>): { year?: number } => {
    const year = Number(s.year);
    return { year: Number.isInteger(year) && year >= 1990 && year <= 2100 ? year : undefined };
  },
});

export const cbmReportRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/cbm/reports/$id',
  component: ReportPage,
});
