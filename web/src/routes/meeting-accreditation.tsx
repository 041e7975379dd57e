import { useQuery } from '@tanstack/react-query';
import { createRoute } from '@tanstack/react-router';
import { type FormEvent, useId, useState } from 'react';
import { FormattedDate, FormattedMessage, FormattedNumber, useIntl } from 'react-intl';
import { meQuery } from '../api/account.ts';
import { type Delegate, type Meeting, meetingQuery, meetingsApi, myRegistrationQuery, type Registration, registrationsQuery } from '../api/meetings.ts';
import { DataTable } from '../components/list/data-table.tsx';
import { Localized, MeetingNav, useMeetingAction } from '../components/meetings/meeting-bits.tsx';
import { FormOutcome, SelectField, SubmitButton, TextField } from '../components/portal/form.tsx';
import { Loading, Notice, ProblemMessage } from '../components/status.tsx';
import { useDocumentTitle } from '../hooks/use-document-title.ts';
import { pickLocalized } from '../i18n/localized-text.ts';
import { rootRoute } from './root.tsx';
import './meetings.css';

const functions = ['head', 'alternate', 'adviser'] as const;

function StatusPill({ status }: { status: Registration['status'] }) {
  return (
    <span className={`meeting-pill meeting-pill--${status}`}>
      <FormattedMessage id={`meetings.registration.status.${status}`} />
    </span>
  );
}

/** The focal point registers its delegation (head, alternates, advisers) and, for a high-level meeting, uploads the credentials letter. */
function RegistrationForm({ m, party }: { m: Meeting; party: string }) {
  const intl = useIntl();
  const current = useQuery(myRegistrationQuery(m.id, party));
  const save = useMeetingAction();
  const upload = useMeetingAction();
  const fileId = useId();
  const [rows, setRows] = useState<Delegate[] | null>(null);
  const [file, setFile] = useState<File | null>(null);
  const delegates: Delegate[] = rows ?? current.data?.delegates ?? [{ name: '', function: 'head', title: null, email: null }];
  const set = (i: number, patch: Partial<Delegate>) => setRows(delegates.map((d, k) => (k === i ? { ...d, ...patch } : d)));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void save.run(() => meetingsApi.register(m.id, party, delegates.map((d) => ({ name: d.name.trim(), function: d.function, title: d.title?.trim() || null, email: d.email?.trim() || null }))));
  };
  const sendFile = (e: FormEvent) => {
    e.preventDefault();
    if (file) void upload.run(() => meetingsApi.uploadCredentials(m.id, party, file));
  };
  if (current.isPending) return <Loading />;
  const reg = current.data;
  const fileError = upload.errors.file ?? upload.errors.form;
  return (
    <>
      <section aria-labelledby="registration-heading" className="meeting-panel meeting-registration">
        <h2 id="registration-heading">
          <FormattedMessage id="meetings.registration.title" />
        </h2>
        {reg ? (
          <p role="status">
            <FormattedMessage id="meetings.registration.current" /> <StatusPill status={reg.status} />
          </p>
        ) : null}
        {reg?.returnReason ? (
          <Notice tone="error" title={<FormattedMessage id="meetings.registration.returnedBecause" />}>
            <p dir="auto">{reg.returnReason}</p>
          </Notice>
        ) : null}
        <form onSubmit={submit} noValidate className="meeting-form">
          {save.errors.delegates ? (
            <p className="form-field__error" role="alert">
              <FormattedMessage id="meetings.registration.oneHead" />
            </p>
          ) : null}
          {delegates.map((d, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: rows have no identity until saved
            <fieldset key={i} className="meeting-registration__row">
              <legend>
                <FormattedMessage id="meetings.registration.delegate" values={{ n: i + 1 }} />
              </legend>
              <div className="meeting-form__grid">
                <TextField name={`delegates.${i}.name`} label={<FormattedMessage id="meetings.registration.name" />} value={d.name} onChange={(v) => set(i, { name: v })} errors={save.errors} required />
                <SelectField
                  name={`delegates.${i}.function`}
                  label={<FormattedMessage id="meetings.registration.function" />}
                  value={d.function}
                  onChange={(v) => set(i, { function: v as Delegate['function'] })}
                  errors={save.errors}
                  options={functions.map((f) => ({ value: f, label: intl.formatMessage({ id: `meetings.function.${f}` }) }))}
                />
                <TextField name={`delegates.${i}.title`} label={<FormattedMessage id="meetings.registration.position" />} value={d.title ?? ''} onChange={(v) => set(i, { title: v })} errors={save.errors} />
                <TextField name={`delegates.${i}.email`} type="email" dir="ltr" label={<FormattedMessage id="meetings.registration.email" />} value={d.email ?? ''} onChange={(v) => set(i, { email: v })} errors={save.errors} />
              </div>
              {delegates.length > 1 ? (
                <button type="button" className="button meeting-button--secondary meeting-button--small" onClick={() => setRows(delegates.filter((_, k) => k !== i))}>
                  <FormattedMessage id="meetings.registration.remove" values={{ n: i + 1 }} />
                </button>
              ) : null}
            </fieldset>
          ))}
          <div className="meeting-actions">
            <button type="button" className="button meeting-button--secondary" onClick={() => setRows([...delegates, { name: '', function: 'adviser', title: null, email: null }])}>
              <FormattedMessage id="meetings.registration.add" />
            </button>
            <SubmitButton busy={save.busy}>
              <FormattedMessage id="meetings.registration.submit" />
            </SubmitButton>
          </div>
          {save.saved ? (
            <p role="status" className="form-outcome form-outcome--saved">
              <FormattedMessage id="meetings.registration.saved" />
            </p>
          ) : (
            <FormOutcome error={save.error} saved={false} />
          )}
        </form>
      </section>
      {reg ? (
        <section aria-labelledby="credentials-heading" className="meeting-panel">
          <h2 id="credentials-heading">
            <FormattedMessage id="meetings.credentials.title" />
          </h2>
          <p>
            <FormattedMessage id={m.highLevel ? 'meetings.credentials.required' : 'meetings.credentials.optional'} />
          </p>
          {reg.credentials ? (
            <p>
              <FormattedMessage id="meetings.credentials.uploaded" />{' '}
              <a href={`/api/meetings/${m.id}/registrations/${party}/credentials`} dir="ltr">
                {reg.credentials.fileName}
              </a>{' '}
              (<FormattedNumber value={Math.max(1, Math.round(reg.credentials.sizeBytes / 1024))} /> KB)
            </p>
          ) : null}
          {reg.status !== 'accepted' ? (
            <form onSubmit={sendFile} noValidate className="meeting-form">
              <div className={`form-field${fileError ? ' form-field--invalid' : ''}`}>
                <label htmlFor={fileId} className="form-field__label">
                  <FormattedMessage id="meetings.credentials.file" />
                </label>
                <input
                  id={fileId}
                  name="file"
                  type="file"
                  accept="application/pdf,.pdf"
                  className="form-field__input"
                  aria-invalid={fileError ? true : undefined}
                  aria-describedby={fileError ? `${fileId}-error` : undefined}
                  onChange={(e) => setFile(e.target.files?.[0] ?? null)}
                />
                {fileError ? (
                  <p id={`${fileId}-error`} className="form-field__error">
                    <FormattedMessage id="portal.admin.fieldError" values={{ message: <span key="m" lang="en" dir="ltr">{fileError}</span> }} />
                  </p>
                ) : null}
              </div>
              <SubmitButton busy={upload.busy}>
                <FormattedMessage id="meetings.credentials.upload" />
              </SubmitButton>
              {upload.saved ? (
                <p role="status" className="form-outcome form-outcome--saved">
                  <FormattedMessage id="meetings.credentials.saved" />
                </p>
              ) : (
                <FormOutcome error={upload.error} saved={false} />
              )}
            </form>
          ) : null}
        </section>
      ) : null}
    </>
  );
}

function Decide({ m, r }: { m: Meeting; r: Registration }) {
  const intl = useIntl();
  const action = useMeetingAction();
  const [reason, setReason] = useState('');
  const name = pickLocalized(r.party.names, intl.locale)?.text ?? r.party.code;
  if (r.status !== 'submitted') return null;
  return (
    <div className="meeting-decide">
      <button type="button" className="button meeting-button--small" disabled={action.busy} onClick={() => void action.run(() => meetingsApi.decideRegistration(m.id, r.party.code, true))} aria-label={intl.formatMessage({ id: 'meetings.accreditation.acceptNamed' }, { party: name })}>
        <FormattedMessage id="meetings.accreditation.accept" />
      </button>
      <form
        noValidate
        className="meeting-decide__return"
        onSubmit={(e) => {
          e.preventDefault();
          void action.run(() => meetingsApi.decideRegistration(m.id, r.party.code, false, reason.trim()));
        }}
      >
        <TextField name="reason" label={<FormattedMessage id="meetings.accreditation.reason" />} value={reason} onChange={setReason} errors={action.errors} />
        <button type="submit" className="button meeting-button--secondary meeting-button--small" disabled={action.busy}>
          <FormattedMessage id="meetings.accreditation.return" />
        </button>
      </form>
      {action.error && !action.errors.reason ? <ProblemMessage error={action.error} /> : null}
    </div>
  );
}

/** The Secretariat's view: every registration, its credentials, and the decision. */
function RegistrationsTable({ m }: { m: Meeting }) {
  const intl = useIntl();
  const list = useQuery(registrationsQuery(m.id));
  if (list.isPending) return <Loading />;
  if (list.isError) return <ProblemMessage error={list.error} />;
  return (
    <section aria-labelledby="registrations-heading" className="meeting-panel">
      <h2 id="registrations-heading">
        <FormattedMessage id="meetings.accreditation.registrations" />
      </h2>
      {list.data.length === 0 ? (
        <p>
          <FormattedMessage id="meetings.accreditation.none" />
        </p>
      ) : (
        <DataTable
          caption={<FormattedMessage id="meetings.accreditation.registrations" />}
          rows={list.data}
          rowKey={(r) => r.party.code}
          className="meeting-registrations"
          columns={[
            { heading: 'meetings.accreditation.party', cell: (r) => <Localized value={r.party.names} /> },
            { heading: 'meetings.accreditation.status', cell: (r) => <StatusPill status={r.status} /> },
            {
              heading: 'meetings.accreditation.delegation',
              cell: (r) => (
                <ul className="meeting-delegates">
                  {r.delegates.map((d) => (
                    <li key={`${d.name}-${d.function}`}>
                      {d.name} — <FormattedMessage id={`meetings.function.${d.function}`} />
                    </li>
                  ))}
                </ul>
              ),
            },
            {
              heading: 'meetings.accreditation.credentials',
              cell: (r) =>
                r.credentials ? (
                  <a href={`/api/meetings/${m.id}/registrations/${r.party.code}/credentials`} dir="ltr">
                    {r.credentials.fileName}
                  </a>
                ) : (
                  <FormattedMessage id={m.highLevel ? 'meetings.accreditation.missing' : 'meetings.accreditation.notNeeded'} />
                ),
            },
            { heading: 'meetings.accreditation.submitted', cell: (r) => <FormattedDate value={r.submittedAt} dateStyle="medium" timeStyle="short" timeZone={m.timeZone} /> },
            { heading: 'meetings.accreditation.decision', cell: (r) => (r.status === 'submitted' ? <Decide m={m} r={r} /> : r.returnReason ? <span dir="auto">{r.returnReason}</span> : intl.formatMessage({ id: 'meetings.accreditation.decided' })) },
          ]}
        />
      )}
    </section>
  );
}

function AccreditationPage() {
  const { meetingId } = meetingAccreditationRoute.useParams();
  const intl = useIntl();
  const m = useQuery(meetingQuery(meetingId));
  const me = useQuery(meQuery);
  useDocumentTitle(intl.formatMessage({ id: 'meetings.accreditation.title' }));
  if (m.isPending) return <Loading />;
  if (m.isError) return <ProblemMessage error={m.error} headingLevel={1} />;
  return (
    <article className="meeting">
      <h1>
        <FormattedMessage id="meetings.accreditation.title" /> — <Localized value={m.data.name} />
      </h1>
      <MeetingNav meeting={m.data} current="accreditation" />
      {m.data.registrationDeadline ? (
        <p>
          <FormattedMessage id="meetings.registrationDeadline" />: <FormattedDate value={m.data.registrationDeadline} dateStyle="long" timeStyle="short" timeZone={m.data.timeZone} />
        </p>
      ) : null}
      {m.data.can.register && me.data ? <RegistrationForm m={m.data} party={me.data.party.code} /> : null}
      {m.data.can.manage ? <RegistrationsTable m={m.data} /> : null}
      {!m.data.can.register && !m.data.can.manage ? (
        <p>
          <FormattedMessage id="meetings.accreditation.notYours" />
        </p>
      ) : null}
    </article>
  );
}

export const meetingAccreditationRoute = createRoute({ getParentRoute: () => rootRoute, path: '/meetings/$meetingId/accreditation', component: AccreditationPage });
