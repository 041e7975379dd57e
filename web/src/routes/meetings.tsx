import { useQuery } from '@tanstack/react-query';
import { createRoute, Link } from '@tanstack/react-router';
import { FormattedDate, FormattedMessage, useIntl } from 'react-intl';
import { meQuery } from '../api/account.ts';
import { type Meeting, meetingListQuery } from '../api/meetings.ts';
import { DataTable } from '../components/list/data-table.tsx';
import { Pager } from '../components/list/pager.tsx';
import { Localized } from '../components/meetings/meeting-bits.tsx';
import { Loading, ProblemMessage } from '../components/status.tsx';
import { useDocumentTitle } from '../hooks/use-document-title.ts';
import { rootRoute } from './root.tsx';
import './meetings.css';

type View = 'list' | 'month';

export function MeetingName({ meeting }: { meeting: Pick<Meeting, 'name'> }) {
  return <Localized value={meeting.name} />;
}

export function MeetingStatusBadge({ status }: { status: Meeting['status'] }) {
  return (
    <span className={`meeting-status meeting-status--${status}`}>
      <span aria-hidden="true" className="meeting-status__mark" />
      <FormattedMessage id={`meetings.status.${status}`} />
    </span>
  );
}

const pageSize = 20;

function MeetingsTable({ meetings }: { meetings: Meeting[] }) {
  return (
    <DataTable
      caption={<FormattedMessage id="meetings.list.caption" />}
      rows={meetings}
      rowKey={(m) => m.id}
      className="meetings-table"
      columns={[
        {
          heading: 'meetings.list.meeting',
          cell: (m) => (
            <>
              <Link to="/meetings/$meetingId" params={{ meetingId: m.id }} className="meetings-table__name">
                <MeetingName meeting={m} />
              </Link>
              <span className="meetings-table__title">
                <Localized value={m.title} />
              </span>
            </>
          ),
        },
        {
          heading: 'meetings.list.when',
          cell: (m) => (
            <>
              <FormattedDate value={m.startsAt} dateStyle="medium" timeStyle="short" timeZone={m.timeZone} /> <span className="meetings-zone">({m.timeZone})</span>
            </>
          ),
        },
        {
          heading: 'meetings.list.where',
          cell: (m) => (
            <>
              <FormattedMessage id={`meetings.format.${m.format}`} />
              {m.venue ? <span>{` · ${m.venue.city}`}</span> : null}
            </>
          ),
        },
        { heading: 'meetings.list.status', cell: (m) => <MeetingStatusBadge status={m.status} /> },
      ]}
    />
  );
}

function monthDays(year: number, month: number): Date[] {
  const first = new Date(Date.UTC(year, month, 1));
  const offset = (first.getUTCDay() + 6) % 7; // weeks start on Monday
  const start = new Date(first.getTime() - offset * 86400_000);
  return Array.from({ length: 42 }, (_, i) => new Date(start.getTime() + i * 86400_000));
}

function MonthView({ meetings, year, month }: { meetings: Meeting[]; year: number; month: number }) {
  const intl = useIntl();
  const days = monthDays(year, month);
  const weekdays = days.slice(0, 7).map((d) => intl.formatDate(d, { weekday: 'short', timeZone: 'UTC' }));
  const onDay = (d: Date) => {
    const day = d.toISOString().slice(0, 10);
    return meetings.filter((m) => m.startsAt.slice(0, 10) <= day && m.endsAt.slice(0, 10) >= day);
  };
  return (
    <table className="meetings-month">
      <caption>{intl.formatDate(new Date(Date.UTC(year, month, 15)), { month: 'long', year: 'numeric', timeZone: 'UTC' })}</caption>
      <thead>
        <tr>
          {weekdays.map((w) => (
            <th key={w} scope="col">
              {w}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {[0, 1, 2, 3, 4, 5].map((week) => (
          <tr key={week}>
            {days.slice(week * 7, week * 7 + 7).map((d) => (
              <td key={d.toISOString()} className={d.getUTCMonth() === month ? '' : 'meetings-month__other'}>
                <span className="meetings-month__day">{intl.formatNumber(d.getUTCDate())}</span>
                <ul>
                  {onDay(d).map((m) => (
                    <li key={m.id}>
                      <Link to="/meetings/$meetingId" params={{ meetingId: m.id }}>
                        {m.body.code} {intl.formatNumber(m.ordinal)}
                      </Link>
                    </li>
                  ))}
                </ul>
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function MeetingsPage() {
  const intl = useIntl();
  const search = meetingsRoute.useSearch();
  const view: View = search.view === 'month' ? 'month' : 'list';
  const today = new Date();
  const year = search.year ?? today.getUTCFullYear();
  const month = search.month ?? today.getUTCMonth();
  const meetings = useQuery(meetingListQuery());
  const me = useQuery(meQuery);
  const page = Math.max(1, search.page ?? 1);
  useDocumentTitle(intl.formatMessage({ id: 'meetings.title' }));
  const prev = month === 0 ? { year: year - 1, month: 11 } : { year, month: month - 1 };
  const next = month === 11 ? { year: year + 1, month: 0 } : { year, month: month + 1 };
  return (
    <article className="meetings">
      <h1>
        <FormattedMessage id="meetings.title" />
      </h1>
      <nav className="meetings-views" aria-label={intl.formatMessage({ id: 'meetings.views' })}>
        <Link to="/meetings" search={{ view: 'list' }} aria-current={view === 'list' ? 'page' : undefined}>
          <FormattedMessage id="meetings.view.list" />
        </Link>
        <Link to="/meetings" search={{ view: 'month', year, month }} aria-current={view === 'month' ? 'page' : undefined}>
          <FormattedMessage id="meetings.view.month" />
        </Link>
        <a href="/api/calendar.ics">
          <FormattedMessage id="meetings.calendarFeed" />
        </a>
      </nav>
      {me.data?.powers.isSecretariat && (me.data.user.role === 'officer' || me.data.user.role === 'admin') ? (
        <p>
          <Link to="/meetings/new" className="button">
            <FormattedMessage id="meetings.new" />
          </Link>
        </p>
      ) : null}
      {meetings.isPending ? <Loading /> : null}
      {meetings.isError ? <ProblemMessage error={meetings.error} /> : null}
      {meetings.data && view === 'list' ? (
        meetings.data.items.length === 0 ? (
          <p>
            <FormattedMessage id="meetings.none" />
          </p>
        ) : (
          <>
            <MeetingsTable meetings={meetings.data.items.slice((page - 1) * pageSize, page * pageSize)} />
            <Pager
              page={page}
              pages={Math.ceil(meetings.data.items.length / pageSize)}
              link={(p, rel, label) => (
                <Link to="/meetings" search={{ view: 'list', page: p }} rel={rel}>
                  {label}
                </Link>
              )}
            />
          </>
        )
      ) : null}
      {meetings.data && view === 'month' ? (
        <>
          <p className="meetings-month__nav">
            <Link to="/meetings" search={{ view: 'month', ...prev }}>
              <FormattedMessage id="meetings.month.previous" />
            </Link>
            <Link to="/meetings" search={{ view: 'month', ...next }}>
              <FormattedMessage id="meetings.month.next" />
            </Link>
          </p>
          <MonthView meetings={meetings.data.items} year={year} month={month} />
        </>
      ) : null}
    </article>
  );
}

export const meetingsRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/meetings',
  validateSearch: (s: Record<string, unknown>): { view?: View; year?: number; month?: number; page?: number } => ({
    view: s.view === 'month' || s.view === 'list' ? s.view : undefined,
    year: typeof s.year === 'number' ? s.year : undefined,
    month: typeof s.month === 'number' && s.month >= 0 && s.month <= 11 ? s.month : undefined,
    page: typeof s.page === 'number' && s.page >= 1 ? Math.floor(s.page) : undefined,
  }),
  component: MeetingsPage,
});
