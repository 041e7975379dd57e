import { useQuery, useQueryClient } from '@tanstack/react-query';
import { createRoute, Link, useNavigate } from '@tanstack/react-router';
import { type FormEvent, type ReactNode, useEffect, useId, useState } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { meQuery } from '../api/account.ts';
import { isApiError } from '../api/client.ts';
import { type CreateDecision, type Decision, decisionsApi, decisionsKey, type LocalDeadline, silenceDefaultQuery } from '../api/decisions.ts';
import { documentListQuery } from '../api/documents.ts';
import { meetingListQuery } from '../api/meetings.ts';
import { bodiesQuery, fieldErrors, partiesQuery } from '../api/registry.ts';
import { Loading, Notice, ProblemMessage } from '../components/status.tsx';
import { useDocumentTitle } from '../hooks/use-document-title.ts';
import { intlDataLocale, regionName } from '../i18n/display-names.ts';
import { pickLocalized } from '../i18n/localized-text.ts';
import type { MessageId } from '../i18n/messages.ts';
import { rootRoute } from './root.tsx';
import './decisions.css';

type Proposer = CreateDecision['proposerKind'];
type Access = CreateDecision['outcomeAccess'];
const accessLevels: Access[] = ['members', 'members-and-observers', 'public'];

/** A labelled field with the API's error for it shown at the field (and tied to it for screen readers). */
function Field(props: { id: string; label: ReactNode; error?: string; hint?: ReactNode; children: (a: { 'aria-invalid'?: true; 'aria-describedby'?: string }) => ReactNode }) {
  const described = [props.hint ? `${props.id}-hint` : null, props.error ? `${props.id}-err` : null].filter(Boolean).join(' ') || undefined;
  return (
    <div className={props.error ? 'dec-field dec-field--invalid' : 'dec-field'}>
      <label htmlFor={props.id}>{props.label}</label>
      {props.hint ? (
        <p id={`${props.id}-hint`} className="dec-field__hint">
          {props.hint}
        </p>
      ) : null}
      {props.children({ 'aria-invalid': props.error ? true : undefined, 'aria-describedby': described })}
      {props.error ? (
        <p id={`${props.id}-err`} className="dec-field__error">
          {props.error}
        </p>
      ) : null}
    </div>
  );
}

function NewDecisionPage() {
  const intl = useIntl();
  const ids = useId();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  useDocumentTitle(intl.formatMessage({ id: 'decisions.new.title' }));
  const me = useQuery(meQuery);
  const bodies = useQuery(bodiesQuery);
  const parties = useQuery(partiesQuery);
  const defaults = useQuery(silenceDefaultQuery);
  const isSecretariat = me.data?.party.kind === 'secretariat';

  const [bodyCode, setBodyCode] = useState('SOC');
  const [textId, setTextId] = useState('');
  const [titleEn, setTitleEn] = useState('');
  const [titleRu, setTitleRu] = useState('');
  const [proposer, setProposer] = useState<Proposer>('secretariat');
  const [proposerParty, setProposerParty] = useState('');
  const [procedure, setProcedure] = useState<'silence' | 'in-session'>('silence');
  const [meetingId, setMeetingId] = useState('');
  const [deadline, setDeadline] = useState<LocalDeadline>({ date: '', time: '', zone: '' });
  const [access, setAccess] = useState<Access>('members');
  const [state, setState] = useState<{ busy: boolean; error: unknown; created: Decision | null; missing: string[] }>({ busy: false, error: null, created: null, missing: [] });

  // A member state's people propose for their own state; the Secretariat for itself, the Chair or a state.
  useEffect(() => {
    if (me.data && !isSecretariat) {
      setProposer('member-state');
      setProposerParty(me.data.party.code);
    }
  }, [me.data, isSecretariat]);
  useEffect(() => {
    if (defaults.data) setDeadline((d) => (d.date ? d : { date: defaults.data.expiry.date, time: defaults.data.expiry.time, zone: defaults.data.expiry.zone }));
  }, [defaults.data]);

  const texts = useQuery(documentListQuery({ body: bodyCode, sort: '-date' }));
  const meetings = useQuery({ ...meetingListQuery(), enabled: procedure === 'in-session' });
  const drafts = (texts.data?.items ?? []).filter((d) => d.series === 'limited' && d.bodyCode === bodyCode);
  const bodyMeetings = (meetings.data?.items ?? []).filter((m) => m.body.code === bodyCode && m.status !== 'closed' && m.status !== 'record-final');
  const dataLocale = intlDataLocale(intl.locale);
  const members = (parties.data?.parties ?? [])
    .filter((p) => p.kind === 'member-state')
    .map((p) => p.code)
    .sort((a, b) => regionName(a, dataLocale).localeCompare(regionName(b, dataLocale), dataLocale));

  // The API's field errors, keyed by field; the form's own checks for what is missing.
  const apiErrors = fieldErrors(state.error);
  const errorOf = (field: string): string | undefined => {
    if (state.missing.includes(field)) return intl.formatMessage({ id: 'decisions.new.required' });
    const key = Object.keys(apiErrors).find((k) => k === field || k.startsWith(`${field}.`));
    if (!key) return undefined;
    // A rule the API names (422) in the reader's language; a malformed value (400) with the API's own words.
    const code = isApiError(state.error) ? state.error.code : '';
    const id = `error.${code}` as MessageId;
    return code !== 'validation_failed' && id in intl.messages ? intl.formatMessage({ id }) : apiErrors[key];
  };
  const hasFieldErrors = state.missing.length > 0 || Object.keys(apiErrors).length > 0;

  const submit = async (e: FormEvent, circulate: boolean) => {
    e.preventDefault();
    const missing = [
      !textId && procedure === 'silence' ? 'textDocumentId' : null,
      !titleEn.trim() ? 'title' : null,
      proposer === 'member-state' && !proposerParty ? 'proposerPartyCode' : null,
      procedure === 'in-session' && !meetingId ? 'meetingId' : null,
    ].filter((x): x is string => !!x);
    if (missing.length) {
      setState({ busy: false, error: null, created: null, missing });
      return;
    }
    // A draft already created by this form (its circulation was refused) is circulated, not created again.
    let created: Decision | null = state.created;
    setState({ busy: true, error: null, created, missing: [] });
    try {
      created ??= await decisionsApi.create({
        bodyCode,
        title: titleRu.trim() ? { en: titleEn.trim(), ru: titleRu.trim() } : { en: titleEn.trim() },
        textDocumentId: textId || null,
        procedure,
        meetingId: procedure === 'in-session' ? meetingId : null,
        proposerKind: proposer,
        proposerPartyCode: proposer === 'member-state' ? proposerParty : null,
        outcomeAccess: access,
      });
      if (circulate && procedure === 'silence') {
        const isDefault = defaults.data && deadline.date === defaults.data.expiry.date && deadline.time === defaults.data.expiry.time && deadline.zone === defaults.data.expiry.zone;
        await decisionsApi.launch(created.id, isDefault ? null : deadline);
      }
      await queryClient.invalidateQueries({ queryKey: decisionsKey });
      void navigate(procedure === 'in-session' && circulate ? { to: '/decisions/$id/session', params: { id: created.id } } : { to: '/decisions/$id', params: { id: created.id } });
    } catch (error) {
      // Created but not circulated (a deadline the API refused): the draft exists; the error shows at its field.
      setState({ busy: false, error, created, missing: [] });
    }
  };

  if (me.isPending || bodies.isPending) return <Loading />;
  const decisionBodies = (bodies.data?.bodies ?? []).filter((b) => b.kind === 'decision-making' || b.kind === 'subsidiary');
  const f = (name: string) => `${ids}-${name}`;

  return (
    <div className="dec-new">
      <p className="dec-page__meta">
        <Link to="/decisions">
          <FormattedMessage id="decisions.backToList" />
        </Link>
      </p>
      <h1>
        <FormattedMessage id="decisions.new.title" />
      </h1>
      <p className="dec-intro">
        <FormattedMessage id="decisions.new.intro" />
      </p>
      {defaults.isError ? <ProblemMessage error={defaults.error} /> : null}
      <form className="dec-panel dec-form" noValidate onSubmit={(e) => void submit(e, true)}>
        {hasFieldErrors ? (
          <div role="alert">
            <Notice tone="error" title={<FormattedMessage id="decisions.new.fix" />}>
              {state.created ? (
                <p>
                  <FormattedMessage id="decisions.new.createdNotCirculated" />{' '}
                  <Link to="/decisions/$id" params={{ id: state.created.id }}>
                    <FormattedMessage id="decisions.new.openDraft" />
                  </Link>
                </p>
              ) : null}
            </Notice>
          </div>
        ) : null}
        <Field id={f('body')} label={<FormattedMessage id="decisions.new.body" />} error={errorOf('bodyCode')}>
          {(a) => (
            <select
              id={f('body')}
              value={bodyCode}
              {...a}
              onChange={(e) => {
                setBodyCode(e.target.value);
                setTextId('');
                setMeetingId('');
              }}
            >
              {decisionBodies.map((b) => {
                const name = pickLocalized(b.names, intl.locale);
                return (
                  <option key={b.code} value={b.code} lang={name?.lang}>
                    {name?.text ?? b.code} ({b.code})
                  </option>
                );
              })}
            </select>
          )}
        </Field>
        <Field
          id={f('text')}
          label={<FormattedMessage id="decisions.new.text" />}
          error={errorOf('textDocumentId')}
          hint={texts.data && drafts.length === 0 ? <FormattedMessage id="decisions.new.noTexts" /> : undefined}
        >
          {(a) => (
            <select
              id={f('text')}
              value={textId}
              {...a}
              onChange={(e) => {
                setTextId(e.target.value);
                const doc = drafts.find((d) => d.id === e.target.value);
                if (doc && !titleEn.trim()) setTitleEn(doc.title);
              }}
            >
              <option value="">{intl.formatMessage({ id: 'decisions.new.choose' })}</option>
              {drafts.map((d) => (
                <option key={d.id} value={d.id}>
                  {d.symbol} — {d.title}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field id={f('title-en')} label={<FormattedMessage id="decisions.new.titleEn" />} error={errorOf('title')}>
          {(a) => <input id={f('title-en')} type="text" lang="en" dir="ltr" maxLength={500} value={titleEn} {...a} onChange={(e) => setTitleEn(e.target.value)} />}
        </Field>
        <Field id={f('title-ru')} label={<FormattedMessage id="decisions.new.titleRu" />}>
          {(a) => <input id={f('title-ru')} type="text" lang="ru" dir="ltr" maxLength={500} value={titleRu} {...a} onChange={(e) => setTitleRu(e.target.value)} />}
        </Field>

        <fieldset className="dec-fieldset">
          <legend>
            <FormattedMessage id="decisions.new.proposer" />
          </legend>
          {(isSecretariat ? (['secretariat', 'chair', 'member-state'] as Proposer[]) : (['member-state'] as Proposer[])).map((k) => (
            <label key={k} className="dec-choice">
              <input type="radio" name={f('proposer')} checked={proposer === k} onChange={() => setProposer(k)} />
              <FormattedMessage id={`decisions.proposer.${k}`} />
            </label>
          ))}
          {proposer === 'member-state' ? (
            <Field id={f('party')} label={<FormattedMessage id="decisions.new.proposerParty" />} error={errorOf('proposerPartyCode')}>
              {(a) => (
                <select id={f('party')} value={proposerParty} disabled={!isSecretariat} {...a} onChange={(e) => setProposerParty(e.target.value)}>
                  <option value="">{intl.formatMessage({ id: 'decisions.new.choose' })}</option>
                  {members.map((c) => (
                    <option key={c} value={c}>
                      {regionName(c, dataLocale)}
                    </option>
                  ))}
                </select>
              )}
            </Field>
          ) : null}
        </fieldset>

        <fieldset className="dec-fieldset">
          <legend>
            <FormattedMessage id="decisions.new.procedure" />
          </legend>
          {(['silence', 'in-session'] as const).map((p) => (
            <label key={p} className="dec-choice">
              <input type="radio" name={f('procedure')} checked={procedure === p} onChange={() => setProcedure(p)} />
              <FormattedMessage id={`decisions.procedure.${p}`} />
            </label>
          ))}
          {procedure === 'in-session' ? (
            <Field
              id={f('meeting')}
              label={<FormattedMessage id="decisions.new.meeting" />}
              error={errorOf('meetingId')}
              hint={meetings.data && bodyMeetings.length === 0 ? <FormattedMessage id="decisions.new.noMeetings" /> : undefined}
            >
              {(a) => (
                <select id={f('meeting')} value={meetingId} {...a} onChange={(e) => setMeetingId(e.target.value)}>
                  <option value="">{intl.formatMessage({ id: 'decisions.new.choose' })}</option>
                  {bodyMeetings.map((m) => {
                    const name = pickLocalized(m.title, intl.locale);
                    return (
                      <option key={m.id} value={m.id} lang={name?.lang}>
                        {name?.text} — {intl.formatDate(m.startsAt, { dateStyle: 'medium', timeZone: m.timeZone })}
                      </option>
                    );
                  })}
                </select>
              )}
            </Field>
          ) : (
            <fieldset className="dec-deadline-fields">
              <legend>
                <FormattedMessage id="decisions.new.deadline" />
              </legend>
              {defaults.data ? (
                <p className="dec-field__hint">
                  <FormattedMessage
                    id="decisions.new.deadlineHint"
                    values={{ days: defaults.data.silenceDays, hour: defaults.data.closingHour, zone: <span key="z" dir="ltr">{defaults.data.zone}</span> }}
                  />
                </p>
              ) : null}
              <div className="dec-row">
                <Field id={f('date')} label={<FormattedMessage id="decisions.chair.date" />} error={errorOf('expiry.date') ?? errorOf('expiry')}>
                  {(a) => <input id={f('date')} type="date" dir="ltr" value={deadline.date} {...a} onChange={(e) => setDeadline({ ...deadline, date: e.target.value })} />}
                </Field>
                <Field id={f('time')} label={<FormattedMessage id="decisions.chair.time" />} error={errorOf('expiry.time')}>
                  {(a) => <input id={f('time')} type="time" dir="ltr" value={deadline.time} {...a} onChange={(e) => setDeadline({ ...deadline, time: e.target.value })} />}
                </Field>
                <Field id={f('zone')} label={<FormattedMessage id="decisions.chair.zone" />} error={errorOf('expiry.zone')}>
                  {(a) => <input id={f('zone')} type="text" dir="ltr" value={deadline.zone} {...a} onChange={(e) => setDeadline({ ...deadline, zone: e.target.value })} />}
                </Field>
              </div>
            </fieldset>
          )}
        </fieldset>

        <Field id={f('access')} label={<FormattedMessage id="decisions.new.outcomeAccess" />} error={errorOf('outcomeAccess')}>
          {(a) => (
            <select id={f('access')} value={access} {...a} onChange={(e) => setAccess(e.target.value as Access)}>
              {accessLevels.map((l) => (
                <option key={l} value={l}>
                  {intl.formatMessage({ id: `decisions.access.${l}` })}
                </option>
              ))}
            </select>
          )}
        </Field>

        <div className="dec-row">
          <button type="submit" className="button" disabled={state.busy}>
            <FormattedMessage id={procedure === 'silence' ? 'decisions.new.circulate' : 'decisions.new.create'} />
          </button>
          {procedure === 'silence' ? (
            <button type="button" className="button button--secondary" disabled={state.busy} onClick={(e) => void submit(e, false)}>
              <FormattedMessage id="decisions.new.saveDraft" />
            </button>
          ) : null}
        </div>
        {state.error && !hasFieldErrors ? <ProblemMessage error={state.error} /> : null}
      </form>
    </div>
  );
}

export const decisionNewRoute = createRoute({ getParentRoute: () => rootRoute, path: '/decisions/new', component: NewDecisionPage });
