import { useQuery } from '@tanstack/react-query';
import { createRoute, Link, useNavigate } from '@tanstack/react-router';
import { type FormEvent, useState } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { type Meeting, type MeetingInput, meetingQuery, meetingsApi } from '../api/meetings.ts';
import { profileQuery } from '../api/queries.ts';
import { bodiesQuery } from '../api/registry.ts';
import { filled, fromLocalInput, Localized, MeetingNav, TitleInputs, toLocalInput, useMeetingAction } from '../components/meetings/meeting-bits.tsx';
import { CheckboxField, FormOutcome, SelectField, SubmitButton, TextField } from '../components/portal/form.tsx';
import { Loading, Notice, ProblemMessage } from '../components/status.tsx';
import { useDocumentTitle } from '../hooks/use-document-title.ts';
import { pickLocalized } from '../i18n/localized-text.ts';
import { rootRoute } from './root.tsx';
import './meetings.css';

const formats: Meeting['format'][] = ['in-person', 'online', 'hybrid'];
const papers: Meeting['papersAccess'][] = ['public', 'members', 'members-and-observers', 'restricted'];

/** Plans a meeting (Secretariat) or changes a planned or convened one: titles in the forum's languages, times in the meeting's zone. */
function MeetingForm({ meeting }: { meeting?: Meeting }) {
  const intl = useIntl();
  const navigate = useNavigate();
  const profile = useQuery(profileQuery);
  const bodies = useQuery(bodiesQuery);
  const action = useMeetingAction();
  const zone0 = meeting?.timeZone ?? profile.data?.timeZone ?? 'Asia/Almaty';
  const [body, setBody] = useState(meeting?.body.code ?? 'SOC');
  const [title, setTitle] = useState<Record<string, string>>(meeting?.title ?? {});
  const [timeZone, setTimeZone] = useState(zone0);
  const [startsAt, setStartsAt] = useState(toLocalInput(meeting?.startsAt, zone0));
  const [endsAt, setEndsAt] = useState(toLocalInput(meeting?.endsAt, zone0));
  const [format, setFormat] = useState<string>(meeting?.format ?? 'hybrid');
  const seatCity = profile.data?.seat.city;
  const [city, setCity] = useState(meeting?.venue?.city ?? (typeof seatCity === 'string' ? seatCity : (seatCity?.en ?? '')));
  const [country, setCountry] = useState(meeting?.venue?.country ?? profile.data?.seat.country ?? '');
  const [onlineUrl, setOnlineUrl] = useState(meeting?.onlineUrl ?? '');
  const [presiding, setPresiding] = useState(meeting?.presidingParty?.code ?? '');
  const [papersAccess, setPapersAccess] = useState<string>(meeting?.papersAccess ?? 'members-and-observers');
  const [highLevel, setHighLevel] = useState(meeting?.highLevel ?? false);
  const [closed, setClosed] = useState(meeting?.closed ?? false);
  const [speakingTime, setSpeakingTime] = useState(String(meeting?.speakingTimeSeconds ?? 300));

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const input: MeetingInput = {
      title: filled(title),
      startsAt: fromLocalInput(startsAt, timeZone.trim()),
      endsAt: fromLocalInput(endsAt, timeZone.trim()),
      timeZone: timeZone.trim(),
      venue: format === 'online' && !city.trim() ? null : { city: city.trim(), country: country.trim().toUpperCase() },
      onlineUrl: onlineUrl.trim() || null,
      format: format as Meeting['format'],
      papersAccess: papersAccess as Meeting['papersAccess'],
      closed,
      highLevel,
      speakingTimeSeconds: Number(speakingTime),
      ...(presiding.trim() ? { presidingParty: presiding.trim().toUpperCase() } : {}),
    };
    void action.run(async () => {
      const saved = meeting ? await meetingsApi.update(meeting.id, input) : await meetingsApi.create({ ...input, body });
      await navigate({ to: '/meetings/$meetingId', params: { meetingId: saved.id } });
      return saved;
    });
  };
  const errors = { ...action.errors, 'venue.city': action.errors['venue.city'] ?? action.errors.venue ?? '' };
  const option = (prefix: string) => (v: string) => ({ value: v, label: intl.formatMessage({ id: `${prefix}.${v}` as 'meetings.format.hybrid' }) });
  return (
    <form className="meeting-form" onSubmit={submit} noValidate aria-labelledby="meeting-form-heading">
      <h2 id="meeting-form-heading" className="sr-only">
        <FormattedMessage id={meeting ? 'meetings.form.editTitle' : 'meetings.form.newTitle'} />
      </h2>
      {meeting ? null : (
        <SelectField
          name="body"
          label={<FormattedMessage id="meetings.form.body" />}
          value={body}
          onChange={setBody}
          errors={errors}
          options={(bodies.data?.bodies ?? [{ code: 'SOC', names: { en: 'SOC' } }]).map((b) => {
            const n = pickLocalized(b.names, intl.locale);
            return { value: b.code, label: `${b.code} — ${n?.text ?? b.code}`, lang: n?.lang && n.lang !== intl.locale ? n.lang : undefined };
          })}
        />
      )}
      <TitleInputs legend={intl.formatMessage({ id: 'meetings.form.title' })} prefix="title" values={title} onChange={setTitle} errors={errors} />
      <fieldset>
        <legend>
          <FormattedMessage id="meetings.form.when" />
        </legend>
        <div className="meeting-form__grid">
          <TextField name="startsAt" dir="ltr" label={<FormattedMessage id="meetings.form.startsAt" />} value={startsAt} onChange={setStartsAt} errors={errors} required type={'datetime-local' as 'text'} />
          <TextField name="endsAt" dir="ltr" label={<FormattedMessage id="meetings.form.endsAt" />} value={endsAt} onChange={setEndsAt} errors={errors} required type={'datetime-local' as 'text'} />
          <TextField name="timeZone" dir="ltr" label={<FormattedMessage id="meetings.form.timeZone" />} hint={<FormattedMessage id="meetings.form.timeZoneHint" />} value={timeZone} onChange={setTimeZone} errors={errors} required />
        </div>
      </fieldset>
      <fieldset>
        <legend>
          <FormattedMessage id="meetings.form.where" />
        </legend>
        <SelectField name="format" label={<FormattedMessage id="meetings.form.format" />} value={format} onChange={setFormat} errors={errors} options={formats.map(option('meetings.format'))} />
        <div className="meeting-form__grid">
          <TextField name="venue.city" label={<FormattedMessage id="meetings.form.city" />} value={city} onChange={setCity} errors={errors} />
          <TextField name="venue.country" dir="ltr" label={<FormattedMessage id="meetings.form.country" />} hint={<FormattedMessage id="meetings.form.countryHint" />} value={country} onChange={setCountry} errors={errors} />
        </div>
        <TextField name="onlineUrl" dir="ltr" type={'url' as 'text'} label={<FormattedMessage id="meetings.form.onlineUrl" />} value={onlineUrl} onChange={setOnlineUrl} errors={errors} />
      </fieldset>
      <fieldset>
        <legend>
          <FormattedMessage id="meetings.form.conduct" />
        </legend>
        <div className="meeting-form__grid">
          <TextField name="presidingParty" dir="ltr" label={<FormattedMessage id="meetings.form.presiding" />} hint={<FormattedMessage id="meetings.form.presidingHint" />} value={presiding} onChange={setPresiding} errors={errors} />
          <TextField name="speakingTimeSeconds" type="number" dir="ltr" label={<FormattedMessage id="meetings.form.speakingTime" />} value={speakingTime} onChange={setSpeakingTime} errors={errors} />
        </div>
        <SelectField name="papersAccess" label={<FormattedMessage id="meetings.form.papers" />} value={papersAccess} onChange={setPapersAccess} errors={errors} options={papers.map(option('meetings.papers'))} />
        <CheckboxField name="highLevel" label={<FormattedMessage id="meetings.form.highLevel" />} checked={highLevel} onChange={setHighLevel} />
        <CheckboxField name="closed" label={<FormattedMessage id="meetings.form.closed" />} checked={closed} onChange={setClosed} />
      </fieldset>
      <FormOutcome error={action.error} saved={false} />
      <div>
        <SubmitButton busy={action.busy}>
          <FormattedMessage id={meeting ? 'meetings.form.save' : 'meetings.form.create'} />
        </SubmitButton>
      </div>
    </form>
  );
}

function NewMeetingPage() {
  const intl = useIntl();
  const profile = useQuery(profileQuery);
  useDocumentTitle(intl.formatMessage({ id: 'meetings.form.newTitle' }));
  if (profile.isPending) return <Loading />;
  return (
    <article className="meeting">
      <p>
        <Link to="/meetings">
          <FormattedMessage id="meetings.title" />
        </Link>
      </p>
      <h1>
        <FormattedMessage id="meetings.form.newTitle" />
      </h1>
      <MeetingForm />
    </article>
  );
}

function EditMeetingPage() {
  const { meetingId } = meetingEditRoute.useParams();
  const intl = useIntl();
  const m = useQuery(meetingQuery(meetingId));
  useDocumentTitle(intl.formatMessage({ id: 'meetings.form.editTitle' }));
  if (m.isPending) return <Loading />;
  if (m.isError) return <ProblemMessage error={m.error} headingLevel={1} />;
  return (
    <article className="meeting">
      <h1>
        <FormattedMessage id="meetings.form.editTitle" /> — <Localized value={m.data.name} />
      </h1>
      <MeetingNav meeting={m.data} current="overview" />
      {m.data.can.manage ? (
        <MeetingForm meeting={m.data} />
      ) : (
        <Notice tone="info" title={<FormattedMessage id="error.forbidden" />}>
          <p>
            <FormattedMessage id="meetings.form.secretariatOnly" />
          </p>
        </Notice>
      )}
    </article>
  );
}

export const meetingNewRoute = createRoute({ getParentRoute: () => rootRoute, path: '/meetings/new', component: NewMeetingPage });
export const meetingEditRoute = createRoute({ getParentRoute: () => rootRoute, path: '/meetings/$meetingId/edit', component: EditMeetingPage });
