import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { createRoute, Link } from '@tanstack/react-router';
import { type FormEvent, useState } from 'react';
import { FormattedDate, FormattedMessage, useIntl } from 'react-intl';
import { meQuery } from '../api/account.ts';
import { isApiError } from '../api/client.ts';
import {
  agendaQuery,
  type LiveState,
  liveQuery,
  type Meeting,
  meetingQuery,
  meetingsApi,
  type Speaker,
  type SpeakerKind,
} from '../api/meetings.ts';
import { directionOf, fromLocalInput, Localized, MeetingNav, useMeetingAction } from '../components/meetings/meeting-bits.tsx';
import { FormOutcome, SubmitButton, TextField } from '../components/portal/form.tsx';
import { Loading, ProblemMessage } from '../components/status.tsx';
import { useDocumentTitle } from '../hooks/use-document-title.ts';
import { useCountdown, useMeetingEvents } from '../hooks/use-meeting-events.ts';
import { pickLocalized } from '../i18n/localized-text.ts';
import { MeetingName, MeetingStatusBadge } from './meetings.tsx';
import { rootRoute } from './root.tsx';
import './meetings.css';

function useMeeting(meetingId: string) {
  return useQuery(meetingQuery(meetingId));
}

// ---------------------------------------------------------------------------------------------
// The meeting page: notice, agenda, registration, participants

function Facts({ m }: { m: Meeting }) {
  return (
    <dl className="meeting-facts">
      <div>
        <dt>
          <FormattedMessage id="meetings.when" />
        </dt>
        <dd>
          <FormattedDate value={m.startsAt} dateStyle="full" timeStyle="short" timeZone={m.timeZone} /> –{' '}
          <FormattedDate value={m.endsAt} dateStyle="full" timeStyle="short" timeZone={m.timeZone} /> <span className="meetings-zone">({m.timeZone})</span>
        </dd>
      </div>
      <div>
        <dt>
          <FormattedMessage id="meetings.where" />
        </dt>
        <dd>
          <FormattedMessage id={`meetings.format.${m.format}`} />
          {m.venue ? ` · ${m.venue.city}, ${m.venue.country}` : ''}
          {m.onlineUrl ? (
            <>
              {' · '}
              <a href={m.onlineUrl} rel="noopener noreferrer">
                <FormattedMessage id="meetings.joinOnline" />
              </a>
            </>
          ) : null}
        </dd>
      </div>
      <div>
        <dt>
          <FormattedMessage id="meetings.statusLabel" />
        </dt>
        <dd>
          <MeetingStatusBadge status={m.status} />
        </dd>
      </div>
      {m.presidingParty ? (
        <div>
          <dt>
            <FormattedMessage id="meetings.presiding" />
          </dt>
          <dd>
            <Localized value={m.presidingParty.names} />
          </dd>
        </div>
      ) : null}
      {m.registrationDeadline ? (
        <div>
          <dt>
            <FormattedMessage id="meetings.registrationDeadline" />
          </dt>
          <dd>
            <FormattedDate value={m.registrationDeadline} dateStyle="long" timeStyle="short" timeZone={m.timeZone} />
          </dd>
        </div>
      ) : null}
      {m.documentsDeadline ? (
        <div>
          <dt>
            <FormattedMessage id="meetings.documentsDeadline" />
          </dt>
          <dd>
            <FormattedDate value={m.documentsDeadline} dateStyle="long" timeStyle="short" timeZone={m.timeZone} />
          </dd>
        </div>
      ) : null}
    </dl>
  );
}

function AgendaSection({ meetingId }: { meetingId: string }) {
  const agenda = useQuery(agendaQuery(meetingId));
  if (agenda.isPending) return <Loading />;
  if (agenda.isError) return <ProblemMessage error={agenda.error} />;
  return (
    <section aria-labelledby="agenda-heading" className="meeting-agenda">
      <h2 id="agenda-heading">
        <FormattedMessage id={agenda.data.status === 'adopted' ? 'meetings.agenda.adopted' : 'meetings.agenda.provisional'} />
      </h2>
      <p>
        <Link to="/meetings/$meetingId/agenda" params={{ meetingId }}>
          <FormattedMessage id="meetings.agenda.open" />
        </Link>
      </p>
      <ol className="meeting-agenda__list">
        {agenda.data.items.map((i) => (
          <li key={i.id} className={i.parentId ? 'meeting-agenda__sub' : undefined}>
            <span className="meeting-agenda__number">{i.number}.</span> <Localized value={i.title} />
            {i.documents.length ? (
              <ul className="meeting-agenda__docs">
                {i.documents.map((d) => (
                  <li key={d.id}>
                    <Link to="/documents/$id" params={{ id: d.id }}>
                      {d.symbol}
                    </Link>{' '}
                    {d.title}
                  </li>
                ))}
              </ul>
            ) : null}
          </li>
        ))}
      </ol>
    </section>
  );
}

/** The Secretariat convenes a planned meeting: the deadlines, in the meeting's time zone; the notice goes out in the forum's languages. */
function ConveneForm({ m }: { m: Meeting }) {
  const action = useMeetingAction();
  const [registration, setRegistration] = useState('');
  const [documents, setDocuments] = useState('');
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void action.run(() => meetingsApi.convene(m.id, fromLocalInput(registration, m.timeZone), fromLocalInput(documents, m.timeZone)));
  };
  return (
    <form className="meeting-form meeting-convene" onSubmit={submit} noValidate aria-labelledby="convene-heading">
      <h2 id="convene-heading">
        <FormattedMessage id="meetings.convene.title" />
      </h2>
      <p className="form-field__hint">
        <FormattedMessage id="meetings.convene.hint" values={{ zone: m.timeZone }} />
      </p>
      <div className="meeting-form__grid">
        <TextField name="registrationDeadline" dir="ltr" type={'datetime-local' as 'text'} required label={<FormattedMessage id="meetings.registrationDeadline" />} value={registration} onChange={setRegistration} errors={action.errors} />
        <TextField name="documentsDeadline" dir="ltr" type={'datetime-local' as 'text'} required label={<FormattedMessage id="meetings.documentsDeadline" />} value={documents} onChange={setDocuments} errors={action.errors} />
      </div>
      <FormOutcome error={action.error} saved={false} />
      <SubmitButton busy={action.busy}>
        <FormattedMessage id="meetings.convene.submit" />
      </SubmitButton>
    </form>
  );
}

/** What the Secretariat and the Chair do next with the meeting: edit it, open the session, close it. */
function ManageBar({ m }: { m: Meeting }) {
  const action = useMeetingAction();
  const editable = m.status === 'planned' || m.status === 'convened';
  if (!m.can.manage && !m.can.chair) return null;
  return (
    <section className="meeting-manage" aria-labelledby="manage-heading">
      <h2 id="manage-heading" className="sr-only">
        <FormattedMessage id="meetings.manage.title" />
      </h2>
      <div className="meeting-actions">
        {m.can.manage && editable ? (
          <Link to="/meetings/$meetingId/edit" params={{ meetingId: m.id }} className="button meeting-button--secondary">
            <FormattedMessage id="meetings.manage.edit" />
          </Link>
        ) : null}
        {m.can.chair && m.status === 'convened' ? (
          <button type="button" className="button" disabled={action.busy} onClick={() => void action.run(() => meetingsApi.setStatus(m.id, 'in-session'))}>
            <FormattedMessage id="meetings.manage.open" />
          </button>
        ) : null}
        {m.can.chair && m.status === 'in-session' ? (
          <button type="button" className="button" disabled={action.busy} onClick={() => void action.run(() => meetingsApi.setStatus(m.id, 'closed'))}>
            <FormattedMessage id="meetings.manage.close" />
          </button>
        ) : null}
      </div>
      {action.error ? <ProblemMessage error={action.error} /> : null}
    </section>
  );
}

function MeetingPage() {
  const { meetingId } = meetingRoute.useParams();
  const intl = useIntl();
  const m = useMeeting(meetingId);
  useDocumentTitle(m.data ? (pickLocalized(m.data.name, intl.locale)?.text ?? null) : null);
  if (m.isPending) return <Loading />;
  if (m.isError) return <ProblemMessage error={m.error} headingLevel={1} />;
  const notice = pickLocalized(m.data.notice ?? undefined, intl.locale);
  return (
    <article className="meeting">
      <h1>
        <MeetingName meeting={m.data} />
      </h1>
      <p className="meeting__title">
        <Localized value={m.data.title} />
      </p>
      <MeetingNav meeting={m.data} current="overview" />
      <Facts m={m.data} />
      <ManageBar m={m.data} />
      {m.data.can.manage && m.data.status === 'planned' ? <ConveneForm m={m.data} /> : null}
      {m.data.can.register && m.data.status === 'convened' ? (
        <p className="meeting-callout">
          <Link to="/meetings/$meetingId/accreditation" params={{ meetingId }}>
            <FormattedMessage id="meetings.registration.go" />
          </Link>
        </p>
      ) : null}
      <p className="meeting-actions">
        {m.data.status === 'in-session' || m.data.status === 'closed' ? (
          <>
            <Link to="/meetings/$meetingId/live" params={{ meetingId }}>
              <FormattedMessage id="meetings.live.open" />
            </Link>
            <Link to="/meetings/$meetingId/projector" params={{ meetingId }}>
              <FormattedMessage id="meetings.projector.open" />
            </Link>
          </>
        ) : null}
      </p>
      {notice ? (
        <section aria-labelledby="notice-heading" className="meeting-notice">
          <h2 id="notice-heading">
            <FormattedMessage id="meetings.notice" />
          </h2>
          <pre lang={notice.lang || undefined} dir={notice.lang ? directionOf(notice.lang) : 'auto'}>
            {notice.text}
          </pre>
        </section>
      ) : null}
      <AgendaSection meetingId={meetingId} />
    </article>
  );
}

// ---------------------------------------------------------------------------------------------
// The live room and the projector

function Countdown({ endsAt, large }: { endsAt: string | null; large?: boolean }) {
  const intl = useIntl();
  const left = useCountdown(endsAt);
  if (left === null) return null;
  const over = left < 0;
  const abs = Math.abs(left);
  const h = Math.floor(abs / 3600);
  const mm = Math.floor((abs % 3600) / 60);
  const ss = String(abs % 60).padStart(2, '0');
  const text = h > 0 ? `${h}:${String(mm).padStart(2, '0')}:${ss}` : `${mm}:${ss}`;
  return (
    <p className={`countdown${over ? ' countdown--over' : ''}${large ? ' countdown--large' : ''}`} aria-live="off">
      <span className="countdown__label">{intl.formatMessage({ id: over ? 'meetings.live.overTime' : 'meetings.live.timeLeft' })}</span> <span className="countdown__value">{text}</span>
    </p>
  );
}

function SpeakerLine({ s }: { s: Speaker }) {
  return (
    <>
      <Localized value={s.party.names} />
      {s.kind !== 'regular' ? (
        <span className={`speaker-kind speaker-kind--${s.kind}`}>
          {' '}
          (<FormattedMessage id={`meetings.kind.${s.kind}`} />)
        </span>
      ) : null}
    </>
  );
}

function LiveBoard({ live, large }: { live: LiveState; large?: boolean }) {
  return (
    <div className={large ? 'live-board live-board--large' : 'live-board'}>
      <section aria-labelledby="current-item-heading">
        <h2 id="current-item-heading" className="live-board__label">
          <FormattedMessage id="meetings.live.currentItem" />
        </h2>
        <p className="live-board__item" data-testid="current-item">
          {live.currentItem ? (
            <>
              {live.currentItem.number}. <Localized value={live.currentItem.title} />
            </>
          ) : (
            <FormattedMessage id="meetings.live.noItem" />
          )}
        </p>
      </section>
      <section aria-labelledby="speaking-heading">
        <h2 id="speaking-heading" className="live-board__label">
          <FormattedMessage id="meetings.live.speaking" />
        </h2>
        <p className="live-board__speaker" data-testid="speaking">
          {live.speaking ? <SpeakerLine s={live.speaking} /> : <FormattedMessage id="meetings.live.nobody" />}
        </p>
        {live.speaking ? <Countdown endsAt={live.speaking.endsAt} large={large} /> : null}
      </section>
      <section aria-labelledby="queue-heading">
        <h2 id="queue-heading" className="live-board__label">
          <FormattedMessage id="meetings.live.queue" />
        </h2>
        {live.queue.length ? (
          <ol className="live-board__queue" data-testid="queue">
            {live.queue.map((s) => (
              <li key={s.id}>
                <SpeakerLine s={s} />
              </li>
            ))}
          </ol>
        ) : (
          <p>
            <FormattedMessage id="meetings.live.emptyQueue" />
          </p>
        )}
      </section>
    </div>
  );
}

function LiveControls({ m, live }: { m: Meeting; live: LiveState }) {
  const intl = useIntl();
  const queryClient = useQueryClient();
  const me = useQuery(meQuery);
  const [error, setError] = useState<unknown>(null);
  const act = useMutation({
    mutationFn: (f: () => Promise<LiveState>) => f(),
    onSuccess: (state) => {
      setError(null);
      queryClient.setQueryData(liveQuery(m.id).queryKey, state);
    },
    onError: (e) => setError(e),
  });
  const agenda = useQuery(agendaQuery(m.id));
  const mine = live.queue.find((s) => s.party.code === me.data?.party.code);
  const ask = (kind: SpeakerKind, repliesTo?: string) => act.mutate(() => meetingsApi.askFloor(m.id, kind, repliesTo));
  return (
    <section aria-labelledby="controls-heading" className="live-controls">
      <h2 id="controls-heading">
        <FormattedMessage id="meetings.live.controls" />
      </h2>
      {m.can.askFloor ? (
        <div className="meeting-actions">
          <button type="button" onClick={() => ask('regular')}>
            <FormattedMessage id="meetings.live.askFloor" />
          </button>
          <button type="button" onClick={() => ask('point-of-order')}>
            <FormattedMessage id="meetings.live.pointOfOrder" />
          </button>
          {live.speaking && live.speaking.party.code !== me.data?.party.code ? (
            <button type="button" onClick={() => ask('reply', live.speaking!.id)}>
              <FormattedMessage id="meetings.live.reply" />
            </button>
          ) : null}
          {mine ? (
            <button type="button" onClick={() => act.mutate(() => meetingsApi.withdraw(m.id, mine.id))}>
              <FormattedMessage id="meetings.live.withdraw" />
            </button>
          ) : null}
        </div>
      ) : null}
      {m.can.chair ? (
        <div className="meeting-actions">
          <button type="button" onClick={() => act.mutate(() => meetingsApi.giveFloor(m.id))} disabled={live.queue.length === 0}>
            <FormattedMessage id="meetings.live.giveFloor" />
          </button>
          <button type="button" onClick={() => act.mutate(() => meetingsApi.endFloor(m.id))} disabled={!live.speaking}>
            <FormattedMessage id="meetings.live.endFloor" />
          </button>
          {agenda.data ? (
            <label>
              <FormattedMessage id="meetings.live.takeUpItem" />
              <select value={live.currentItem?.id ?? ''} onChange={(e) => e.target.value && act.mutate(() => meetingsApi.setItem(m.id, e.target.value))}>
                <option value="">—</option>
                {agenda.data.items.map((i) => (
                  <option key={i.id} value={i.id}>
                    {i.number}. {pickLocalized(i.title, intl.locale)?.text}
                  </option>
                ))}
              </select>
            </label>
          ) : null}
        </div>
      ) : null}
      {error ? <ProblemMessage error={isApiError(error) ? error : new Error(String(error))} /> : null}
    </section>
  );
}

function LivePage() {
  const { meetingId } = meetingLiveRoute.useParams();
  const intl = useIntl();
  const m = useMeeting(meetingId);
  const live = useQuery(liveQuery(meetingId));
  const link = useMeetingEvents(meetingId);
  useDocumentTitle(intl.formatMessage({ id: 'meetings.live.title' }));
  if (m.isPending || live.isPending) return <Loading />;
  if (m.isError) return <ProblemMessage error={m.error} headingLevel={1} />;
  if (live.isError) return <ProblemMessage error={live.error} headingLevel={1} />;
  return (
    <article className="live-room">
      <h1>
        <FormattedMessage id="meetings.live.title" /> — <MeetingName meeting={m.data} />
      </h1>
      <p className={`live-link live-link--${link}`} role="status">
        <FormattedMessage id={`meetings.link.${link}`} />
      </p>
      <LiveBoard live={live.data} />
      <LiveControls m={m.data} live={live.data} />
      <p>
        <Link to="/meetings/$meetingId/projector" params={{ meetingId }}>
          <FormattedMessage id="meetings.projector.open" />
        </Link>
      </p>
    </article>
  );
}

function ProjectorPage() {
  const { meetingId } = meetingProjectorRoute.useParams();
  const intl = useIntl();
  const m = useMeeting(meetingId);
  const live = useQuery(liveQuery(meetingId));
  useMeetingEvents(meetingId);
  useDocumentTitle(intl.formatMessage({ id: 'meetings.projector.title' }));
  return (
    <section className="projector" data-testid="projector" aria-label={intl.formatMessage({ id: 'meetings.projector.title' })} tabIndex={-1}>
      {m.data ? (
        <h1 className="projector__name">
          <MeetingName meeting={m.data} />
        </h1>
      ) : null}
      {live.data ? <LiveBoard live={live.data} large /> : <Loading />}
    </section>
  );
}

export const meetingRoute = createRoute({ getParentRoute: () => rootRoute, path: '/meetings/$meetingId', component: MeetingPage });
export const meetingLiveRoute = createRoute({ getParentRoute: () => rootRoute, path: '/meetings/$meetingId/live', component: LivePage });
export const meetingProjectorRoute = createRoute({ getParentRoute: () => rootRoute, path: '/meetings/$meetingId/projector', component: ProjectorPage });
