import { useQuery } from '@tanstack/react-query';
import { createRoute } from '@tanstack/react-router';
import { FormattedMessage, useIntl } from 'react-intl';
import { type DelegateFunction, meetingQuery, type Participants, participantsQuery } from '../api/meetings.ts';
import { DataTable } from '../components/list/data-table.tsx';
import { directionOf, Localized, MeetingNav } from '../components/meetings/meeting-bits.tsx';
import { Loading, ProblemMessage } from '../components/status.tsx';
import { useDocumentTitle } from '../hooks/use-document-title.ts';
import { intlDataLocale, languageName } from '../i18n/display-names.ts';
import { rootRoute } from './root.tsx';
import './meetings.css';

type PartyRow = Participants['groups'][number]['parties'][number];

function People({ row, fn }: { row: PartyRow; fn: DelegateFunction }) {
  const people = row.delegates.filter((d) => d.function === fn);
  if (!people.length) return null;
  return (
    <ul className="meeting-delegates">
      {people.map((d) => (
        <li key={d.name}>
          <span className="meeting-delegates__name">{d.name}</span>
          {d.title ? <span className="meeting-delegates__title">, {d.title}</span> : null}
        </li>
      ))}
    </ul>
  );
}

/** The list of participants: accepted delegations, members then observers, in the forum's order; printable. */
function ParticipantsPage() {
  const { meetingId } = meetingParticipantsRoute.useParams();
  const intl = useIntl();
  const m = useQuery(meetingQuery(meetingId));
  const list = useQuery({ ...participantsQuery(meetingId), enabled: m.data?.can.participants === true });
  useDocumentTitle(intl.formatMessage({ id: 'meetings.participants.title' }));
  if (m.isPending) return <Loading />;
  if (m.isError) return <ProblemMessage error={m.error} headingLevel={1} />;
  const dataLocale = intlDataLocale(intl.locale);
  return (
    <article className="meeting meeting-participants">
      <h1>
        <FormattedMessage id="meetings.participants.title" /> — <Localized value={m.data.name} />
      </h1>
      <MeetingNav meeting={m.data} current="participants" />
      {list.isPending ? <Loading /> : null}
      {list.isError ? <ProblemMessage error={list.error} /> : null}
      {list.data ? (
        <>
          <p className="meeting-participants__order">
            <FormattedMessage id="meetings.participants.order" values={{ language: languageName(list.data.order, dataLocale) }} />
          </p>
          <p className="meeting-actions">
            <button type="button" className="button meeting-print" onClick={() => window.print()}>
              <FormattedMessage id="meetings.participants.print" />
            </button>
          </p>
          {list.data.groups.every((g) => g.parties.length === 0) ? (
            <p>
              <FormattedMessage id="meetings.participants.none" />
            </p>
          ) : null}
          {list.data.groups.map((g) =>
            g.parties.length ? (
              <section key={g.role} aria-labelledby={`participants-${g.role}`} className="meeting-participants__group">
                <h2 id={`participants-${g.role}`}>
                  <FormattedMessage id={g.role === 'member' ? 'meetings.participants.members' : 'meetings.participants.observers'} />
                </h2>
                <DataTable
                  caption={<FormattedMessage id={g.role === 'member' ? 'meetings.participants.members' : 'meetings.participants.observers'} />}
                  rows={g.parties}
                  rowKey={(p) => p.code}
                  className="meeting-participants__table"
                  columns={[
                    {
                      heading: 'meetings.accreditation.party',
                      cell: (p) => (
                        <span className="meeting-participants__party" lang={list.data.order} dir={directionOf(list.data.order)} data-testid="participant-party">
                          {p.name}
                        </span>
                      ),
                    },
                    { heading: 'meetings.function.head', cell: (p) => <People row={p} fn="head" /> },
                    { heading: 'meetings.participants.alternates', cell: (p) => <People row={p} fn="alternate" /> },
                    { heading: 'meetings.participants.advisers', cell: (p) => <People row={p} fn="adviser" /> },
                  ]}
                />
              </section>
            ) : null,
          )}
        </>
      ) : null}
    </article>
  );
}

export const meetingParticipantsRoute = createRoute({ getParentRoute: () => rootRoute, path: '/meetings/$meetingId/participants', component: ParticipantsPage });
